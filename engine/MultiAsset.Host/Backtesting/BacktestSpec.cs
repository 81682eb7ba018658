using System.Text.Json;
using MultiAsset.Engine.Backtest.Import;

namespace MultiAsset.Host.Backtesting;

/// <summary>
/// A backtest as a quant writes it (docs/backtest.md): the data, instruments, accounts, strategies, the stretch of time,
/// the fill model and costs, the benchmark and where the results go. Read by <see cref="BacktestSpecReader"/>, which
/// checks every field and lists every problem at once; paths are absolute by then.
/// </summary>
public sealed record BacktestSpec
{
    /// <summary>Name of the run (default: the spec file's name).</summary>
    public required string Name { get; init; }

    /// <summary>Where the spec came from (a path, or "request" for an API job), for messages.</summary>
    public required string Source { get; init; }

    /// <summary>The folder relative paths are resolved against (the spec's folder).</summary>
    public required string BaseDirectory { get; init; }

    /// <summary>The instrument catalogue file, or null for the shipped one.</summary>
    public string? Instruments { get; init; }

    /// <summary>The data, in the order given (merged by time when replayed).</summary>
    public required IReadOnlyList<BacktestData> Data { get; init; }

    /// <summary>The accounts file, or null when <see cref="AccountsJson"/> or the per-strategy defaults apply.</summary>
    public string? AccountsFile { get; init; }

    /// <summary>Inline accounts (the <c>accounts</c> array of an accounts file), or null.</summary>
    public string? AccountsJson { get; init; }

    /// <summary>Cash of each default account (one per account the strategies name, when the spec lists none).</summary>
    public decimal InitialCash { get; init; } = 1_000_000m;

    /// <summary>Base currency of each default account.</summary>
    public string BaseCurrency { get; init; } = "USD";

    /// <summary>The strategy documents: (source for messages, JSON text).</summary>
    public required IReadOnlyList<(string Source, string Json)> Strategies { get; init; }

    /// <summary>First instant replayed (ns since the Unix epoch), or null for the data's start.</summary>
    public long? StartNs { get; init; }

    /// <summary>End of the replay, exclusive (ns), or null for the data's end.</summary>
    public long? EndNs { get; init; }

    /// <summary>Bar fill model of every venue: <c>nextOpen</c> (default), <c>close</c> or <c>nextVwap</c>.</summary>
    public string FillModel { get; init; } = "nextOpen";

    /// <summary>Fees for every venue (maker bps, taker bps, per unit), or null to keep the venues file's schedules.</summary>
    public BacktestFees? Fees { get; init; }

    /// <summary>Half-spread a taker pays on a next-bar fill, bps (venue <c>barSpreadBps</c>).</summary>
    public decimal SlippageBps { get; init; }

    /// <summary>Share of a bar's volume a venue fills at most, 0 = no cap (venue <c>barParticipation</c>).</summary>
    public decimal Participation { get; init; }

    /// <summary>Order latency (ack and fill) at every venue.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Random venue rejects (probability per order); 0 by default.</summary>
    public double RejectProbability { get; init; }

    /// <summary>The venues file, or null for the shipped one.</summary>
    public string? Venues { get; init; }

    /// <summary>The risk-limit file, or null for none (the shipped limits name the desk's accounts).</summary>
    public string? Risk { get; init; }

    /// <summary>The coordination file, or null for coordination's defaults (the shipped file is the desk's).</summary>
    public string? Coordination { get; init; }

    /// <summary>Symbol whose closes are the benchmark series, or null for none.</summary>
    public string? Benchmark { get; init; }

    /// <summary>Annual risk-free rate (fraction).</summary>
    public double RiskFreeRate { get; init; }

    /// <summary>How often equity, exposure and positions are sampled (event time); the last event is always sampled.</summary>
    public TimeSpan EquityInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Finished orders kept for orders.csv (the order ledger's retention).</summary>
    public int MaxOrders { get; init; } = 100_000;

    /// <summary>
    /// Whether the run journals its input (OUTPUT/journal) and writes its engine configuration (OUTPUT/config), so a
    /// replay of the journal can be checked against the result's digests (docs/backtest.md, "Determinism").
    /// </summary>
    public bool Journal { get; init; }

    /// <summary>Whether report.html is written (it takes a second or two; sweeps turn it off).</summary>
    public bool Report { get; init; } = true;

    /// <summary>The results folder.</summary>
    public required string Output { get; init; }

    /// <summary>A path stress laid over the data (docs/backtest.md, "Path stress"); null runs the data as it is.</summary>
    public BacktestStress? Stress { get; init; }

    /// <summary>A scenarios file for <see cref="Stress"/> (the shipped config/scenarios.json when null).</summary>
    public string? Scenarios { get; init; }
}

/// <summary>A path stress: a scenario's moves laid over the data from <paramref name="StartNs"/> (the data's first event when null), reached linearly over <paramref name="Over"/>.</summary>
public sealed record BacktestStress(string Scenario, long? StartNs, TimeSpan Over);

/// <summary>One data source of a backtest: a cache, an engine-format replay file, or vendor files imported first.</summary>
/// <param name="Kind"><c>cache</c>, <c>csv</c>, <c>parquet</c> or <c>import</c>.</param>
/// <param name="Path">The file (absolute), for every kind but import.</param>
/// <param name="Import">The import spec, for kind import.</param>
public sealed record BacktestData(string Kind, string? Path, ImportSpec? Import);

/// <summary>A fee schedule applied to every venue.</summary>
/// <param name="MakerBps">Fee of a resting (maker) fill, bps of notional; negative = rebate.</param>
/// <param name="TakerBps">Fee of a taker fill, bps of notional.</param>
/// <param name="PerUnit">Fee per unit filled (per share), quote currency.</param>
public sealed record BacktestFees(decimal MakerBps, decimal TakerBps, decimal PerUnit);
