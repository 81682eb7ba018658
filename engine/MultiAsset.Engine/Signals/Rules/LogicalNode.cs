namespace MultiAsset.Engine.Signals.Rules;

/// <summary><c>Left AND Right</c> (<paramref name="IsAnd"/>) or <c>Left OR Right</c>.</summary>
internal sealed record LogicalNode(bool IsAnd, TriggerNode Left, TriggerNode Right, int Line, int Column) : TriggerNode(Line, Column);
