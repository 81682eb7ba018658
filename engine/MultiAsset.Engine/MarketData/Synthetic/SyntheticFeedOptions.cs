using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.MarketData.Synthetic;

/// <summary>
/// Everything that shapes the synthetic feed (one <c>marketData.feeds[i]</c> entry with <c>"type": "synthetic"</c>).
/// Read and checked by <see cref="SyntheticFeedOptionsReader"/>; the checks that need the instrument catalogue
/// (symbols, positive definiteness) run when a <see cref="SyntheticMarket"/> is built and report the same paths.
/// </summary>
public sealed class SyntheticFeedOptions
{
    /// <summary>Start of simulated time by default: Tuesday 2024-01-02 09:30 New York, the opening bell.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2024, 1, 2, 14, 30, 0, TimeSpan.Zero);

    /// <summary>File name used in error messages.</summary>
    public string Source { get; init; } = "config/engine.json";

    /// <summary>JSON path of the feed section, used in error messages (e.g. <c>marketData.feeds[0]</c>).</summary>
    public string Path { get; init; } = "marketData.feeds[0]";

    /// <summary>Seed of the random stream: same seed and options, same events.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Target events per second; 0 publishes as fast as the ring takes them.</summary>
    public long EventsPerSecond { get; init; }

    /// <summary>Where timestamps come from.</summary>
    public SyntheticTimeMode TimeMode { get; init; } = SyntheticTimeMode.Simulated;

    /// <summary>First timestamp in simulated mode, Unix nanoseconds.</summary>
    public long StartNanoseconds { get; init; } = (DefaultStart.UtcTicks - DateTime.UnixEpoch.Ticks) * 100;

    /// <summary>
    /// Model time per round in simulated mode. In wall mode, the cap on the time step of one round (a stall of the
    /// feed thread then does not turn into one enormous price move).
    /// </summary>
    public TimeSpan Step { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Per-class settings, indexed by <see cref="AssetClass"/>.</summary>
    public IReadOnlyList<AssetClassSettings> Classes { get; init; } =
        [AssetClassSettings.DefaultFor(AssetClass.Stock), AssetClassSettings.DefaultFor(AssetClass.Forex), AssetClassSettings.DefaultFor(AssetClass.Crypto)];

    /// <summary>Per-symbol overrides.</summary>
    public IReadOnlyList<InstrumentOverride> Instruments { get; init; } = [];

    /// <summary>Correlation rules.</summary>
    public CorrelationSettings Correlation { get; init; } = SyntheticDefaults.Correlation();

    /// <summary>Crypto jumps.</summary>
    public JumpSettings Jumps { get; init; } = new();

    /// <summary>Volatility regimes.</summary>
    public RegimeSettings Regimes { get; init; } = new() { SafeHavens = SyntheticDefaults.SafeHavens() };

    /// <summary>Index series settings by symbol; index series without an entry get the built-in default.</summary>
    public IReadOnlyList<IndexSettings> Indices { get; init; } = [];

    /// <summary>Volatility-index settings by symbol; volatility series without an entry get the defaults.</summary>
    public IReadOnlyList<VolatilityIndexSettings> VolatilityIndices { get; init; } = [];

    /// <summary>Policy rates.</summary>
    public RateSettings Rates { get; init; } = new() { Levels = SyntheticDefaults.RateLevels() };

    /// <summary>Index and volatility series are published every this many rounds.</summary>
    public int ReferenceEveryRounds { get; init; } = 1;

    /// <summary>The settings of <paramref name="assetClass"/>.</summary>
    public AssetClassSettings ClassSettings(AssetClass assetClass) => Classes[(int)assetClass];
}
