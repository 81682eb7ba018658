using System.Runtime.CompilerServices;
using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Signals.Rules;

/// <summary>
/// A trigger compiled by <see cref="RuleCompiler"/> into a flat postfix program over <c>double</c>: built once at
/// deploy time, then evaluated without allocation (the operand stack lives on the call stack) and without any name
/// lookup. Immutable, so one instance may be evaluated from several threads.
/// </summary>
/// <remarks>
/// Three-valued logic: a comparison with a NaN operand (not enough data yet) is <em>unknown</em>; NOT unknown is
/// unknown; AND is false if either side is false, else unknown if either is unknown; OR is true if either side is
/// true, else unknown if either is unknown. The trigger fires only when the whole expression is true, so missing data
/// never fires a trigger, including through NOT.
/// </remarks>
public sealed class CompiledTrigger
{
    private readonly RuleInstruction[] code;
    private readonly int stackDepth;

    internal CompiledTrigger(string source, RuleInstruction[] code, int stackDepth, InstrumentId[] instruments)
    {
        Source = source;
        this.code = code;
        this.stackDepth = stackDepth;
        Instruments = instruments;
    }

    /// <summary>The rule text this was compiled from.</summary>
    public string Source { get; }

    /// <summary>The distinct instruments the trigger reads, in first-use order (what a strategy must subscribe to).</summary>
    public IReadOnlyList<InstrumentId> Instruments { get; }

    /// <summary>Number of instructions (a cost measure).</summary>
    public int InstructionCount => code.Length;

    internal ReadOnlySpan<RuleInstruction> Code => code;

    /// <summary>Evaluates against the live analytics.</summary>
    public bool Evaluate(MarketAnalytics analytics) => Evaluate(new MarketAnalyticsIndicatorSource(analytics));

    /// <summary>Evaluates against <paramref name="source"/>: true only if the trigger is definitely true (see remarks).</summary>
    [SkipLocalsInit]
    public bool Evaluate<TSource>(TSource source)
        where TSource : IIndicatorSource
    {
        Span<double> stack = stackalloc double[stackDepth];
        var sp = -1;
        foreach (ref readonly var instruction in code.AsSpan())
        {
            switch (instruction.OpCode)
            {
                case RuleOpCode.LoadConstant:
                    stack[++sp] = instruction.Constant;
                    break;
                case RuleOpCode.LoadIndicator:
                    stack[++sp] = source.Read(
                        instruction.Indicator, new InstrumentId(instruction.Instrument), new InstrumentId(instruction.Other), instruction.Timeframe);
                    break;
                case RuleOpCode.Subtract:
                    sp--;
                    stack[sp] -= stack[sp + 1];
                    break;
                case RuleOpCode.Compare:
                    sp--;
                    stack[sp] = Compare(stack[sp], instruction.Operator, stack[sp + 1]);
                    break;
                case RuleOpCode.CompareConstant:
                    stack[sp] = Compare(stack[sp], instruction.Operator, instruction.Constant);
                    break;
                case RuleOpCode.And:
                    sp--;
                    stack[sp] = And(stack[sp], stack[sp + 1]);
                    break;
                case RuleOpCode.Or:
                    sp--;
                    stack[sp] = Or(stack[sp], stack[sp + 1]);
                    break;
                case RuleOpCode.Not:
                    stack[sp] = double.IsNaN(stack[sp]) ? double.NaN : 1 - stack[sp];
                    break;
            }
        }

        return stack[0] == 1;
    }

    /// <inheritdoc/>
    public override string ToString() => Source;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Compare(double left, ComparisonOperator op, double right)
    {
        if (double.IsNaN(left) || double.IsNaN(right))
        {
            return double.NaN;
        }

        var result = op switch
        {
            ComparisonOperator.Greater => left > right,
            ComparisonOperator.GreaterOrEqual => left >= right,
            ComparisonOperator.Less => left < right,
            ComparisonOperator.LessOrEqual => left <= right,
            ComparisonOperator.Equal => left == right,
            _ => left != right,
        };
        return result ? 1 : 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double And(double a, double b) => a == 0 || b == 0 ? 0 : (double.IsNaN(a) || double.IsNaN(b) ? double.NaN : 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Or(double a, double b) => a == 1 || b == 1 ? 1 : (double.IsNaN(a) || double.IsNaN(b) ? double.NaN : 0);
}
