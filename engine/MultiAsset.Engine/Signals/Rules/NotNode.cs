namespace MultiAsset.Engine.Signals.Rules;

/// <summary><c>NOT Operand</c>.</summary>
internal sealed record NotNode(TriggerNode Operand, int Line, int Column) : TriggerNode(Line, Column);
