namespace MultiAsset.Engine.Signals.Rules;

/// <summary>
/// A rule (trigger or action) that cannot be parsed or bound. Raised only when a rule is compiled (at strategy
/// create/deploy time), never while it is evaluated. The message reads <c>line:column: reason</c>, e.g.
/// <c>1:14: expected a comparison operator (&gt;, &gt;=, &lt;, &lt;=, ==, !=) but found '0.05'</c>.
/// </summary>
public sealed class RuleSyntaxException : Exception
{
    /// <summary>Creates an error without a position (prefer the positioned constructors).</summary>
    public RuleSyntaxException()
        : this("invalid rule")
    {
    }

    /// <summary>Creates an error without a position (prefer the positioned constructors).</summary>
    public RuleSyntaxException(string message)
        : base(message)
    {
        Reason = message;
    }

    /// <summary>Creates an error without a position that wraps <paramref name="innerException"/>.</summary>
    public RuleSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    /// <summary>Creates an "expected X but found Y" error at <paramref name="line"/>:<paramref name="column"/>.</summary>
    public RuleSyntaxException(int line, int column, string expected, string found)
        : base($"{line}:{column}: expected {expected} but found {found}")
    {
        Line = line;
        Column = column;
        Expected = expected;
        Found = found;
        Reason = $"expected {expected} but found {found}";
    }

    /// <summary>Creates an error with a free-form <paramref name="reason"/> (unknown symbol, timeframe, ...) at a position.</summary>
    public RuleSyntaxException(int line, int column, string reason)
        : base($"{line}:{column}: {reason}")
    {
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>1-based line of the offending token (0 when unknown).</summary>
    public int Line { get; }

    /// <summary>1-based column of the offending token (0 when unknown).</summary>
    public int Column { get; }

    /// <summary>What the parser expected, for "expected ... but found ..." errors; otherwise null.</summary>
    public string? Expected { get; }

    /// <summary>What the parser found (quoted token text, or <c>end of rule</c>), for "expected ... but found ..." errors; otherwise null.</summary>
    public string? Found { get; }

    /// <summary>The message without the position prefix.</summary>
    public string Reason { get; }
}
