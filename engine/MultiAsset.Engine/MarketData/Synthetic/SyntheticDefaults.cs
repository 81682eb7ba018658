using System.Collections.Frozen;

namespace MultiAsset.Engine.MarketData.Synthetic;

/// <summary>
/// Built-in defaults of the synthetic market, so that the embedded configuration can stay short: plausible start
/// prices, correlations and policy rates for the symbols of the shipped catalogue. Defaults naming a symbol the
/// catalogue lacks are skipped, never refused (only explicit configuration is held to that).
/// </summary>
public static class SyntheticDefaults
{
    /// <summary>Start prices for well-known symbols (roughly early-2024 levels).</summary>
    public static readonly FrozenDictionary<string, double> StartPrices = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["AAPL"] = 185, ["MSFT"] = 370, ["NVDA"] = 480, ["GOOGL"] = 140, ["AMZN"] = 150, ["META"] = 350, ["TSLA"] = 240,
        ["AMD"] = 140, ["INTC"] = 48, ["NFLX"] = 480, ["ORCL"] = 105, ["CRM"] = 260, ["ADBE"] = 590, ["AVGO"] = 1100,
        ["JPM"] = 170, ["BAC"] = 34, ["XOM"] = 100, ["CVX"] = 150, ["JNJ"] = 158, ["PFE"] = 29, ["UNH"] = 525,
        ["KO"] = 59, ["PG"] = 147, ["WMT"] = 158, ["DIS"] = 90, ["COIN"] = 170, ["MSTR"] = 630,
        ["SPY"] = 470, ["QQQ"] = 400, ["IWM"] = 200, ["DIA"] = 375, ["TLT"] = 98, ["GLD"] = 190, ["IEF"] = 95,
        ["XLK"] = 195, ["XLF"] = 37, ["XLE"] = 84, ["XLV"] = 137, ["XLY"] = 178, ["XLP"] = 72, ["XLI"] = 113,
        ["XLU"] = 63, ["XLB"] = 85, ["XLRE"] = 40, ["XLC"] = 72,
        ["EURUSD"] = 1.0950, ["GBPUSD"] = 1.2700, ["USDJPY"] = 141.50, ["USDCHF"] = 0.8450, ["AUDUSD"] = 0.6800,
        ["USDCAD"] = 1.3300, ["NZDUSD"] = 0.6300, ["EURJPY"] = 155.00, ["EURGBP"] = 0.8620, ["AUDJPY"] = 96.20,
        ["GBPJPY"] = 179.70, ["EURCHF"] = 0.9250, ["CHFJPY"] = 167.40, ["AUDNZD"] = 1.0790, ["CADJPY"] = 106.40,
        ["BTCUSD"] = 42_500, ["ETHUSD"] = 2_300, ["SOLUSD"] = 100, ["XRPUSD"] = 0.62, ["ADAUSD"] = 0.60,
        ["DOGEUSD"] = 0.09, ["AVAXUSD"] = 38, ["LTCUSD"] = 72, ["DOTUSD"] = 8, ["LINKUSD"] = 15, ["BNBUSD"] = 310,
        ["ETHBTC"] = 0.0541,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Start levels of well-known indices.</summary>
    public static readonly FrozenDictionary<string, double> IndexLevels = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["NASDAQ"] = 15_000, ["IXIC"] = 15_000, ["NDX"] = 16_800, ["SPX"] = 4_750, ["SP500"] = 4_750, ["DJI"] = 37_700,
        ["RUT"] = 2_000,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Sectors of the NASDAQ-style (growth) indices, used when their constituents are not configured.</summary>
    public static readonly IReadOnlyList<string> NasdaqSectors = ["Information Technology", "Technology", "Communication Services", "Consumer Discretionary"];

    /// <summary>Policy rates (decimal fractions), roughly early-2024.</summary>
    public static Dictionary<string, double> RateLevels() => new(StringComparer.Ordinal)
    {
        ["USD"] = 0.0533, ["EUR"] = 0.0400, ["GBP"] = 0.0525, ["JPY"] = -0.0010, ["CHF"] = 0.0175, ["AUD"] = 0.0435,
        ["CAD"] = 0.0500, ["NZD"] = 0.0550, ["SEK"] = 0.0400, ["NOK"] = 0.0450, ["CNY"] = 0.0345, ["HKD"] = 0.0575,
        ["SGD"] = 0.0350, ["MXN"] = 0.1125, ["ZAR"] = 0.0825, ["TRY"] = 0.4250, ["INR"] = 0.0650, ["BRL"] = 0.1175,
    };

    /// <summary>The default safe havens: Treasuries, gold, the yen and the franc.</summary>
    public static IReadOnlyList<SafeHavenEntry> SafeHavens() =>
        [new("TLT", null), new("IEF", null), new("GLD", null), new("JPY", null), new("CHF", null)];

    /// <summary>The default correlation rules.</summary>
    public static CorrelationSettings Correlation() => new()
    {
        Classes = ClassCorrelations(),
        Sectors =
        [
            new("Information Technology", "Information Technology", 0.70, null),
            new("Information Technology", "Communication Services", 0.60, null),
            new("Information Technology", "Digital Assets", 0.35, null),
            new("Technology", "Technology", 0.70, null),
            new("Technology", "Digital Assets", 0.35, null),
            new("Broad Market", "Broad Market", 0.90, null),
            new("Fixed Income", "Fixed Income", 0.80, null),
            new("Fixed Income", "*", -0.20, null),
            new("Commodities", "*", 0.05, null),
            new("Broad Market", "*", 0.65, null),
        ],
        Pairs =
        [
            new("SPY", "QQQ", 0.90, null),
            new("SPY", "IWM", 0.85, null),
            new("SPY", "DIA", 0.92, null),
            new("TLT", "IEF", 0.90, null),
            new("TLT", "GLD", 0.20, null),
            new("BTCUSD", "ETHUSD", 0.80, null),
        ],
    };

    /// <summary>The default asset-class-pair correlations (all six pairs).</summary>
    public static List<CorrelationEntry> ClassCorrelations() =>
    [
        new("STOCK", "STOCK", 0.50, null),
        new("FOREX", "FOREX", 0.00, null),
        new("CRYPTO", "CRYPTO", 0.65, null),
        new("STOCK", "FOREX", 0.05, null),
        new("STOCK", "CRYPTO", 0.20, null),
        new("FOREX", "CRYPTO", 0.05, null),
    ];
}
