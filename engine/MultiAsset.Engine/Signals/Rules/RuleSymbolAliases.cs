namespace MultiAsset.Engine.Signals.Rules;

/// <summary>The default symbol aliases of the rule language: the short names the seed's prose uses.</summary>
public static class RuleSymbolAliases
{
    /// <summary>
    /// BTC → BTCUSD, ETH → ETHUSD, SOL → SOLUSD (crypto assets quoted in USD); NASDAQ → NASDAQ and SP500 / S&amp;P → SPX
    /// (index series). Keys are case-insensitive.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Default { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["BTC"] = "BTCUSD",
        ["ETH"] = "ETHUSD",
        ["SOL"] = "SOLUSD",
        ["NASDAQ"] = "NASDAQ",
        ["SP500"] = "SPX",
    };
}
