namespace MultiAsset.Engine.Signals.Rules;

/// <summary>One token with its 1-based position; <paramref name="Value"/> is the number (or seconds of a timeframe).</summary>
/// <param name="Kind">The token kind.</param>
/// <param name="Text">The source text of the token.</param>
/// <param name="Value">Numeric value of a number or timeframe token.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
internal readonly record struct Token(TokenKind Kind, string Text, double Value, int Line, int Column)
{
    /// <summary>How the token is shown in an error: quoted text, or "end of rule".</summary>
    public string Display => Kind == TokenKind.End ? "end of rule" : $"'{Text}'";

    /// <summary>Whether this is the identifier <paramref name="word"/>, ignoring case (keywords are case-insensitive).</summary>
    public bool Is(string word) => Kind == TokenKind.Identifier && string.Equals(Text, word, StringComparison.OrdinalIgnoreCase);
}
