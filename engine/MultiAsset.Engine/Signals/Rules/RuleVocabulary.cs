namespace MultiAsset.Engine.Signals.Rules;

/// <summary>
/// The execution-rule language's words, in one table that the lexer/parser/compiler read (so an editor's completions,
/// <c>GET /strategies/completions</c>, list exactly what the compiler accepts): indicators with their aliases and
/// whether they take a timeframe, the logical keywords, the comparison operators and the action phrases.
/// </summary>
public static class RuleVocabulary
{
    /// <summary>The indicators, in the order the docs list them (names lower case; matched case-insensitively).</summary>
    public static IReadOnlyList<RuleIndicator> Indicators { get; } =
    [
        new("price", IndicatorKind.Price, ["last"], false, "SYMBOL price | SYMBOL | price(SYMBOL)", "Last price of any kind (a bare symbol reads it); NaN before the first update."),
        new("mid", IndicatorKind.Mid, [], false, "SYMBOL mid | mid(SYMBOL)", "Mid price; NaN before the first quote."),
        new("spread", IndicatorKind.Spread, [], false, "SYMBOL spread | spread(SYMBOL)", "Ask − bid; NaN before the first quote."),
        new("return", IndicatorKind.Return, ["returns"], true, "SYMBOL return(TIMEFRAME) | return(SYMBOL, TIMEFRAME)", "Simple return over the last completed bar of the timeframe."),
        new("momentum", IndicatorKind.Momentum, [], true, "SYMBOL momentum(TIMEFRAME) | momentum(SYMBOL, TIMEFRAME)", "Return over the configured momentum look-back at the timeframe."),
        new("volatility", IndicatorKind.Volatility, ["vol"], true, "SYMBOL volatility(TIMEFRAME) | volatility(SYMBOL, TIMEFRAME)", "Annualised EWMA volatility of bar log returns at the timeframe."),
        new("zscore", IndicatorKind.ZScore, [], true, "SYMBOL zscore(TIMEFRAME) | zscore(SYMBOL, TIMEFRAME)", "Z-score of the last price against the rolling closes of the timeframe."),
        new("vwap", IndicatorKind.Vwap, [], false, "SYMBOL vwap | vwap(SYMBOL)", "Session volume-weighted average trade price."),
        new("correlation", IndicatorKind.Correlation, ["corr"], false, "correlation(SYMBOL, SYMBOL)", "EWMA correlation of two instruments (both in the analytics' correlation universe)."),
    ];

    /// <summary>The logical keywords of a trigger.</summary>
    public static IReadOnlyList<string> Keywords { get; } = ["AND", "OR", "NOT"];

    /// <summary>The comparison operators of a trigger.</summary>
    public static IReadOnlyList<string> Comparisons { get; } = [">", ">=", "<", "<=", "==", "!="];

    /// <summary>The action phrases (templates; ASSET_CLASS is STOCK, FOREX or CRYPTO, or a prose synonym).</summary>
    public static IReadOnlyList<RuleActionPhrase> Actions { get; } =
    [
        new("Increase", "Increase ASSET_CLASS allocation by N%", "Raise the asset class's target weight."),
        new("Decrease", "Decrease ASSET_CLASS allocation by N%", "Lower the asset class's target weight."),
        new("Set", "Set ASSET_CLASS allocation to N%", "Set the asset class's target weight."),
        new("Initiate", "Initiate carry trade [with ASSET_CLASS hedge]", "Open the carry position, optionally hedged in another class."),
        new("Buy", "Buy SYMBOL", "Buy a tradable instrument."),
        new("Sell", "Sell SYMBOL", "Sell a tradable instrument."),
        new("Close", "Close SYMBOL | Close all", "Close one position, or all of the strategy's."),
    ];

    /// <summary>The indicator names, comma-separated (for error messages).</summary>
    public static string IndicatorNames { get; } = string.Join(", ", Indicators.Select(i => i.Name));

    /// <summary>The action verbs, comma-separated (for error messages).</summary>
    public static string ActionVerbs { get; } = string.Join(", ", Actions.Select(a => a.Verb));

    /// <summary>The indicator a name (or alias) stands for, case-insensitively; null when none.</summary>
    public static RuleIndicator? Indicator(string name)
    {
        foreach (var indicator in Indicators)
        {
            if (string.Equals(indicator.Name, name, StringComparison.OrdinalIgnoreCase) || indicator.Aliases.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                return indicator;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="token"/> is one of <see cref="Keywords"/>.</summary>
    internal static bool IsKeyword(Token token)
    {
        foreach (var keyword in Keywords)
        {
            if (token.Is(keyword))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>One indicator of the rule language.</summary>
/// <param name="Name">Its name (lower case).</param>
/// <param name="Kind">What it reads.</param>
/// <param name="Aliases">Other names accepted for it.</param>
/// <param name="TakesTimeframe">Whether it is read at a bar timeframe (default: the compiler's).</param>
/// <param name="Signature">How it is written.</param>
/// <param name="Description">What it is.</param>
public sealed record RuleIndicator(string Name, IndicatorKind Kind, IReadOnlyList<string> Aliases, bool TakesTimeframe, string Signature, string Description);

/// <summary>One action phrase of the rule language.</summary>
/// <param name="Verb">Its first word.</param>
/// <param name="Template">How it is written.</param>
/// <param name="Description">What it does.</param>
public sealed record RuleActionPhrase(string Verb, string Template, string Description);
