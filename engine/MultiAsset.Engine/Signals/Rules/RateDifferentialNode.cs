namespace MultiAsset.Engine.Signals.Rules;

/// <summary><c>interest rate differential [of PAIR]</c>; without a pair the binding context's default pair is used.</summary>
internal sealed record RateDifferentialNode(Token? Pair, int Line, int Column) : ValueNode(Line, Column);
