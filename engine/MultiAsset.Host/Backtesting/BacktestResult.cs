using MultiAsset.Engine.Backtest.Metrics;

namespace MultiAsset.Host.Backtesting;

/// <summary>
/// <c>result.json</c> of a backtest (docs/backtest.md lists every field and its convention). Money is in the base
/// currency of the account (or of the portfolio when every account shares one), as a decimal number; times are ISO
/// 8601 UTC, or ns since the Unix epoch in fields ending <c>Ns</c>.
/// </summary>
public sealed record BacktestResult
{
    /// <summary>The run's name.</summary>
    public required string Name { get; init; }

    /// <summary>The spec it ran.</summary>
    public required string Spec { get; init; }

    /// <summary>The results folder.</summary>
    public required string Output { get; init; }

    /// <summary>First and last event time replayed, and how much was replayed.</summary>
    public required BacktestPeriod Period { get; init; }

    /// <summary>The settings that shaped fills and statistics.</summary>
    public required BacktestSettings Settings { get; init; }

    /// <summary>The engine: state digests after the run (equal run after run for the same spec and data), counters, speed.</summary>
    public required BacktestEngineFacts Engine { get; init; }

    /// <summary>Every account together, when they share one base currency (else null: see <see cref="PortfolioNote"/>).</summary>
    public BacktestBook? Portfolio { get; init; }

    /// <summary>Why there is no portfolio total, when there is none.</summary>
    public string? PortfolioNote { get; init; }

    /// <summary>Per account.</summary>
    public required IReadOnlyList<BacktestBook> Accounts { get; init; }

    /// <summary>Per strategy (returns on its account's starting equity).</summary>
    public required IReadOnlyList<BacktestBook> Strategies { get; init; }

    /// <summary>P&amp;L by strategy, asset class and instrument, per base currency; parts sum to the total exactly.</summary>
    public required IReadOnlyList<BacktestAttribution> Attribution { get; init; }

    /// <summary>Brinson–Fachler effects by asset class of each single-strategy account against the strategy's target allocation.</summary>
    public required IReadOnlyList<BacktestBrinsonResult> Brinson { get; init; }

    /// <summary>Orders and fills.</summary>
    public required BacktestOrderFacts Orders { get; init; }

    /// <summary>The path stress laid over the data (null for a plain run): compare with the same spec without it.</summary>
    public BacktestStressFacts? Stress { get; init; }

    /// <summary>The engine's own one-day 99 % VaR per account tested against the P&amp;L that followed (Kupiec, Christoffersen, Basel zone).</summary>
    public IReadOnlyList<BacktestVaRBacktest> VarBacktest { get; init; } = [];

    /// <summary>Vendor data imported for the run.</summary>
    public required IReadOnlyList<BacktestImportFacts> Imports { get; init; }

    /// <summary>Wall-clock timing (written to timing.json; not part of result.json).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public BacktestTiming? Timing { get; init; }

    /// <summary>The files written beside result.json.</summary>
    public required IReadOnlyList<string> Files { get; init; }
}

/// <summary>The stretch of data replayed.</summary>
public sealed record BacktestPeriod(string? Start, string? End, long InputEvents, long MarketDataAccepted, IReadOnlyDictionary<string, long> MarketDataRejected);

/// <summary>Settings as applied.</summary>
public sealed record BacktestSettings(string FillModel, BacktestFees? Fees, decimal SlippageBps, decimal Participation, string Latency, double RejectProbability, string? Benchmark, double RiskFreeRate, string EquityInterval, IReadOnlyList<string> Strategies);

/// <summary>Facts about the engine run: the digests and the exceptions the stages reported (0 in a healthy run).</summary>
public sealed record BacktestEngineFacts(string Digest, IReadOnlyDictionary<string, string> StageDigests, long StageExceptions);

/// <summary>
/// How long the run took (timing.json, not result.json, which must be the same bytes run after run): wall time in all
/// (import and start-up included) and of the replay alone (first event published → engine drained), and input events
/// per second of the replay.
/// </summary>
public sealed record BacktestTiming(double ElapsedSeconds, double ReplaySeconds, double EventsPerSecond);

/// <summary>One book (portfolio, account or strategy): its P&amp;L split and its performance metrics.</summary>
public sealed record BacktestBook
{
    /// <summary>Portfolio, the account's name, or the strategy's id.</summary>
    public required string Name { get; init; }

    /// <summary>The account (strategies and accounts).</summary>
    public string? Account { get; init; }

    /// <summary>Base currency of the figures.</summary>
    public required string Currency { get; init; }

    /// <summary>Realised, unrealised (open positions at the last mark), FX translation, fees and the total.</summary>
    public required BacktestPnl Pnl { get; init; }

    /// <summary>Fills, orders and refusals (strategies and accounts).</summary>
    public BacktestCounts? Counts { get; init; }

    /// <summary>Returns, risk and trade statistics (docs/backtest-metrics.md).</summary>
    public required PerformanceMetrics Metrics { get; init; }

    /// <summary>Final cash by currency (accounts only).</summary>
    public IReadOnlyList<BacktestCash>? Cash { get; init; }

    /// <summary>Open positions at the end, marked at their last price (accounts only).</summary>
    public IReadOnlyList<BacktestPosition>? Positions { get; init; }
}

/// <summary>Cash held in one currency, and its value in the account's base currency.</summary>
public sealed record BacktestCash(string Currency, decimal Amount, decimal? BaseValue);

/// <summary>An open position: quantity, average cost and last price (quote currency), value in quote and base currency.</summary>
public sealed record BacktestPosition(string Symbol, decimal Quantity, decimal AverageCost, decimal? LastPrice, decimal MarketValue, string QuoteCurrency, decimal? BaseValue);

/// <summary>P&amp;L components: Total = Realised + Unrealised + FxTranslation − Fees.</summary>
public sealed record BacktestPnl(decimal Realised, decimal Unrealised, decimal FxTranslation, decimal Fees, decimal Total);

/// <summary>Order counters.</summary>
public sealed record BacktestCounts(long Fills, long Orders, long Refusals, long RiskRefusals, long VenueRejects);

/// <summary>P&amp;L attribution of the accounts in one base currency.</summary>
public sealed record BacktestAttribution(string Currency, IReadOnlyList<string> Accounts, BacktestAttributionRow Total, IReadOnlyList<BacktestAttributionRow> ByStrategy, IReadOnlyList<BacktestAttributionRow> ByAssetClass, IReadOnlyList<BacktestAttributionRow> ByInstrument);

/// <summary>One attribution row; Net = Realised + Unrealised + FxTranslation − Fees − Slippage.</summary>
public sealed record BacktestAttributionRow(string Key, decimal Realised, decimal Unrealised, decimal FxTranslation, decimal Fees, decimal Slippage, decimal Net, IReadOnlyList<BacktestAttributionRow>? Children);

/// <summary>Order and fill counts.</summary>
public sealed record BacktestOrderFacts(long Orders, long OrdersListed, long OrdersNotListed, long Fills, long RoundTrips, long OpenPositions);

/// <summary>One vendor import.</summary>
public sealed record BacktestImportFacts(string Name, string? Cache, long Rows, long Accepted, long Rejected, long Rounded, long Gaps, IReadOnlyDictionary<string, long> RejectedByReason, IReadOnlyList<string> FirstRejections);
