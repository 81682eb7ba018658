namespace MultiAsset.Engine.Signals.Rules;

/// <summary>A literal; percent literals are already divided by 100 (<c>2%</c> = 0.02).</summary>
internal sealed record NumberNode(double Value, int Line, int Column) : ValueNode(Line, Column);
