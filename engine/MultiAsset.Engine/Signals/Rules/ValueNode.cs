namespace MultiAsset.Engine.Signals.Rules;

/// <summary>An operand of a comparison: a number or an indicator reading.</summary>
internal abstract record ValueNode(int Line, int Column);
