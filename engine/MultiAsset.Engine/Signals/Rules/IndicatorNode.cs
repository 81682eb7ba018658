namespace MultiAsset.Engine.Signals.Rules;

/// <summary>
/// An indicator reading as written: <paramref name="Name"/> (not yet checked against the known indicators),
/// its symbol(s) (not yet resolved) and optional timeframe token. A bare symbol has the synthetic name <c>price</c>.
/// </summary>
internal sealed record IndicatorNode(Token Name, Token Symbol, Token? Other, Token? Timeframe, int Line, int Column) : ValueNode(Line, Column);
