namespace MultiAsset.Engine.Signals.Rules;

/// <summary><c>Left op Right</c>, e.g. <c>BTC momentum &gt; 0.05</c>.</summary>
internal sealed record ComparisonNode(ValueNode Left, ComparisonOperator Operator, ValueNode Right, int Line, int Column) : TriggerNode(Line, Column);
