namespace MultiAsset.Engine.MarketData.Synthetic;

/// <summary>Synthetic-market parameters shared by every instrument of one asset class (<c>classes.STOCK</c> etc.).</summary>
public sealed class AssetClassSettings
{
    /// <summary>Annualised volatility of log returns (0.25 = 25 %), per year of trading time (see <see cref="TradingHoursPerYear"/>).</summary>
    public double Volatility { get; init; }

    /// <summary>Quoted spread in basis points of the mid; the quote is widened to at least one tick.</summary>
    public double SpreadBps { get; init; }

    /// <summary>
    /// Hours the market is open in a year, which annualises <see cref="Volatility"/>: prices move only while the
    /// instrument's calendar is open, so a year of volatility is spread over a year of open hours (stocks 252 × 6.5,
    /// FX 260 × 24, crypto 365.25 × 24).
    /// </summary>
    public double TradingHoursPerYear { get; init; }

    /// <summary>Probability that an open instrument prints a trade in a round (in [0, 1]).</summary>
    public double TradeProbability { get; init; }

    /// <summary>
    /// Typical size of each side of a quote: notional in the quote currency for stocks and crypto, amount of the base
    /// currency for FX (the market convention: "1 million EURUSD" is 1 million euros). Rounded to whole lots, at least one.
    /// </summary>
    public double QuoteNotional { get; init; }

    /// <summary>Starting mid of instruments with no per-symbol start price and not in the built-in table.</summary>
    public double StartPrice { get; init; }

    /// <summary>The defaults for <paramref name="assetClass"/>.</summary>
    public static AssetClassSettings DefaultFor(Model.AssetClass assetClass) => assetClass switch
    {
        Model.AssetClass.Stock => new() { Volatility = 0.25, SpreadBps = 2, TradingHoursPerYear = 252 * 6.5, TradeProbability = 0.3, QuoteNotional = 50_000, StartPrice = 100 },
        Model.AssetClass.Forex => new() { Volatility = 0.08, SpreadBps = 0.6, TradingHoursPerYear = 260 * 24, TradeProbability = 0.2, QuoteNotional = 1_000_000, StartPrice = 1 },
        _ => new() { Volatility = 0.70, SpreadBps = 5, TradingHoursPerYear = 365.25 * 24, TradeProbability = 0.4, QuoteNotional = 100_000, StartPrice = 100 },
    };
}
