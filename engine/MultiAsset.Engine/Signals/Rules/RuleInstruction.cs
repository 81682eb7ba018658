using System.Runtime.InteropServices;

namespace MultiAsset.Engine.Signals.Rules;

/// <summary>One instruction of a compiled trigger; a flat struct so a trigger is one contiguous array.</summary>
[StructLayout(LayoutKind.Auto)]
internal readonly record struct RuleInstruction(
    RuleOpCode OpCode,
    IndicatorKind Indicator,
    ComparisonOperator Operator,
    int Instrument,
    int Other,
    int Timeframe,
    double Constant);
