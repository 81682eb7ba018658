using System.Globalization;
using System.Text.Json;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Host.Backtesting;

namespace MultiAsset.Host.Tests.Backtesting;

public sealed class BacktestRunnerTests
{
    private static async Task<BacktestResult> RunAsync(TempDirectory folder, string spec, string? output = null)
    {
        File.WriteAllText(Path.Combine(folder.Path, "spec.json"), spec);
        return await BacktestRunner.RunAsync(BacktestSpecReader.Load(Path.Combine(folder.Path, "spec.json"), output));
    }

    /// <summary>
    /// Three days of vendor minute bars through the live engine: it trades, every figure reconciles — the account's
    /// P&amp;L is its equity change to the unit, the attribution's rows sum to it, fills.csv lists every fill and the
    /// equity curve ends at the book's equity.
    /// </summary>
    [Fact]
    public async Task Run_MomentumOnMinuteBars_TradesAndReconciles()
    {
        using var folder = new TempDirectory();
        BacktestFixtures.WriteBars(folder.Path, 3 * 1440);
        var result = await RunAsync(folder, BacktestFixtures.Spec());

        var account = Assert.Single(result.Accounts);
        Assert.Equal("btc", account.Name);
        Assert.True(result.Orders.Fills > 10, $"fills {result.Orders.Fills}");
        Assert.Equal(account.Metrics.EndEquity.ToDecimal() - account.Metrics.StartEquity.ToDecimal(), account.Pnl.Total);
        Assert.Equal(account.Pnl.Realised + account.Pnl.Unrealised + account.Pnl.FxTranslation - account.Pnl.Fees, account.Pnl.Total);
        var attribution = Assert.Single(result.Attribution);
        Assert.Equal(account.Pnl.Total, attribution.Total.Net);
        Assert.Equal(account.Pnl.Total, attribution.ByInstrument.Sum(r => r.Net));
        Assert.Equal(account.Pnl.Fees, attribution.ByStrategy.Sum(r => r.Fees));
        Assert.Equal(0, result.Engine.StageExceptions);

        // Brinson–Fachler against the document's 100 % CRYPTO target: the effects explain the account's own return.
        var brinson = Assert.Single(result.Brinson);
        Assert.Equal("btc-momentum", brinson.Strategy);
        Assert.Equal((double)(account.Pnl.Total / account.Metrics.StartEquity.ToDecimal()), brinson.AccountReturn, 1e-12);
        Assert.Equal(brinson.AccountReturn, brinson.PortfolioReturn, 1e-9);
        Assert.Equal(brinson.ActiveReturn, brinson.Segments.Sum(e => e.Total), 1e-12);
        Assert.Equal(1.0, brinson.Segments.Single(e => e.Segment == "CRYPTO").TargetWeight);

        var fills = File.ReadAllLines(Path.Combine(folder.Path, "out", "fills.csv"));
        Assert.Equal(result.Orders.Fills + 1, fills.Length);
        var fees = fills.Skip(1).Sum(l => decimal.Parse(l.Split(',')[9], CultureInfo.InvariantCulture));
        Assert.Equal(account.Pnl.Fees, fees);
        var equity = File.ReadAllLines(Path.Combine(folder.Path, "out", "equity.csv"));
        Assert.Equal(account.Metrics.EndEquity.ToDecimal(), decimal.Parse(equity[^1].Split(',')[2], CultureInfo.InvariantCulture));
        foreach (var name in BacktestResultWriter.FileNames)
        {
            Assert.True(File.Exists(Path.Combine(folder.Path, "out", name)), name);
        }
    }

    /// <summary>The same spec and data twice: result.json and every CSV are the same bytes, and the digest is the same.</summary>
    [Fact]
    public async Task Run_Twice_WritesTheSameBytes()
    {
        using var folder = new TempDirectory();
        BacktestFixtures.WriteBars(folder.Path, 1440);
        var first = await RunAsync(folder, BacktestFixtures.Spec(), Path.Combine(folder.Path, "a"));
        var second = await RunAsync(folder, BacktestFixtures.Spec(), Path.Combine(folder.Path, "b"));

        Assert.Equal(first.Engine.Digest, second.Engine.Digest);
        foreach (var name in BacktestResultWriter.FileNames.Where(n => n != "timing.json"))
        {
            var a = File.ReadAllText(Path.Combine(folder.Path, "a", name)).Replace(Path.Combine(folder.Path, "a"), "OUT", StringComparison.Ordinal);
            var b = File.ReadAllText(Path.Combine(folder.Path, "b", name)).Replace(Path.Combine(folder.Path, "b"), "OUT", StringComparison.Ordinal);
            Assert.True(a == b, $"{name} differs between two runs");
        }
    }

    /// <summary>start/end cut the replay to [start, end): the first bar replayed ends at or after start, none at or after end.</summary>
    [Fact]
    public async Task Run_StartAndEnd_ReplayOnlyThatStretch()
    {
        using var folder = new TempDirectory();
        BacktestFixtures.WriteBars(folder.Path, 2 * 1440);
        var result = await RunAsync(folder, BacktestFixtures.Spec(""", "start": "2024-01-02T12:00:00Z", "end": "2024-01-03T00:00:00Z", "equityInterval": "1m" """));

        Assert.Equal(720, result.Period.MarketDataAccepted);
        Assert.Equal("2024-01-02T12:00:00.0000000Z", result.Period.Start);
        Assert.Equal("2024-01-02T23:59:00.0000000Z", result.Period.End);
    }

    /// <summary>A spec with mistakes: every problem at once, each with its field.</summary>
    [Fact]
    public void Load_BadSpec_ListsEveryProblem()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(Path.Combine(folder.Path, "spec.json"), """
            { "data": ["missing.maecache", "prices.txt"], "strategies": [], "fillModel": "open", "slippageBps": -1, "start": "yesterday", "colour": 1 }
            """);
        var error = Assert.Throws<ConfigurationException>(() => BacktestSpecReader.Load(Path.Combine(folder.Path, "spec.json")));
        Assert.Contains("colour: unknown field", error.Message, StringComparison.Ordinal);
        Assert.Contains("data[0]: file not found", error.Message, StringComparison.Ordinal);
        Assert.Contains("data[1]: 'prices.txt': cannot tell the format", error.Message, StringComparison.Ordinal);
        Assert.Contains("strategies: at least one strategy is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("fillModel: 'open' is not one of nextOpen, close, nextVwap", error.Message, StringComparison.Ordinal);
        Assert.Contains("slippageBps: -1 is out of range", error.Message, StringComparison.Ordinal);
        Assert.Contains("start: 'yesterday' is not an instant", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A bare vendor CSV (not the engine's replay layout) is imported with the defaults, and says what it lacks.</summary>
    [Fact]
    public async Task Run_BareVendorCsvWithoutInterval_SaysHowToDescribeIt()
    {
        using var folder = new TempDirectory();
        BacktestFixtures.WriteBars(folder.Path, 100);
        var spec = BacktestFixtures.Spec().Replace(
            """[ { "import": { "files": ["btc-1m.csv"], "kind": "bars", "barInterval": "1m", "barLabel": "start" } } ]""", """["btc-1m.csv"]""", StringComparison.Ordinal);
        Assert.Contains("\"data\": [\"btc-1m.csv\"]", spec, StringComparison.Ordinal);
        var error = await Assert.ThrowsAsync<ConfigurationException>(() => RunAsync(folder, spec));
        Assert.Contains("btc-1m.csv is not in the engine's replay layout, so it was read as a vendor file", error.Message, StringComparison.Ordinal);
        Assert.Contains("barInterval: required for intraday bars", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A strategy the engine refuses stops the run with the engine's reason, before any data is replayed.</summary>
    [Fact]
    public async Task Run_BadStrategy_FailsWithTheReason()
    {
        using var folder = new TempDirectory();
        BacktestFixtures.WriteBars(folder.Path, 100);
        var spec = BacktestFixtures.Spec().Replace("\"lookback\": 30", "\"lookback\": -3", StringComparison.Ordinal);
        var error = await Assert.ThrowsAsync<ConfigurationException>(() => RunAsync(folder, spec));
        Assert.Contains("lookback", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Vendor rows the importer refuses are counted and listed (file:line) in result.json, not fatal.</summary>
    [Fact]
    public async Task Run_BadRows_AreReportedInTheResult()
    {
        using var folder = new TempDirectory();
        var path = BacktestFixtures.WriteBars(folder.Path, 200);
        File.AppendAllText(path, "2024-01-02 03:20:00+00:00,BTCUSD,1,2,3,NaN,1\n");
        var result = await RunAsync(folder, BacktestFixtures.Spec());

        var import = Assert.Single(result.Imports);
        Assert.Equal(1, import.Rejected);
        Assert.Contains(":202: ", Assert.Single(import.FirstRejections), StringComparison.Ordinal);
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder.Path, "out", "result.json")));
        Assert.Equal(1, json.RootElement.GetProperty("imports")[0].GetProperty("rejected").GetInt64());
    }
}

/// <summary>A journalled backtest replays from its journal, through the live host's recovery, to the digests its result holds.</summary>
public sealed class BacktestJournalReplayTests
{
    [Fact]
    public async Task Journal_ReplayedByTheHost_GivesTheResultsDigests()
    {
        using var folder = new TempDirectory();
        BacktestFixtures.WriteBars(folder.Path, 1440);
        File.WriteAllText(Path.Combine(folder.Path, "spec.json"), BacktestFixtures.Spec(""", "journal": true, "report": false"""));
        var result = await BacktestRunner.RunAsync(BacktestSpecReader.Load(Path.Combine(folder.Path, "spec.json")));

        var config = HostConfig.Load(Path.Combine(folder.Path, "out", "config", "engine.json"));
        using var engine = EngineRuntime.Build(config, MultiAsset.Engine.Pipeline.SystemClock.Instance, new MultiAsset.Engine.Ring.LoggingExceptionHandler());
        engine.Pipeline.Start();
        SnapshotRecovery.Recover(engine, config, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        Assert.Empty(engine.Pipeline.Drain(TimeSpan.FromSeconds(60)));
        engine.Pipeline.Stop();

        Assert.True(engine.Journal!.RecoveredRecords > 1440, $"recovered {engine.Journal.RecoveredRecords}");

        // Without a journal the replay drives the chain on its own thread (no ring): the same state, digest for digest.
        File.WriteAllText(Path.Combine(folder.Path, "direct.json"), BacktestFixtures.Spec(""", "report": false"""));
        var direct = await BacktestRunner.RunAsync(BacktestSpecReader.Load(Path.Combine(folder.Path, "direct.json"), Path.Combine(folder.Path, "direct")));
        Assert.Equal(result.Engine.StageDigests, direct.Engine.StageDigests);
        foreach (var (stage, _) in engine.Stages.Digests)
        {
            Assert.Equal(result.Engine.StageDigests[stage.DigestName], MultiAsset.Engine.Pipeline.StateDigest.Format(MultiAsset.Engine.Pipeline.StateDigest.Of(stage)));
        }
    }
}

/// <summary>The seed's examples, as written (no id, no account), run in a backtest like any document.</summary>
public sealed class BacktestSeedExampleTests
{
    [Fact]
    public async Task Run_SeedExampleWithoutId_IsCreatedDeployedAndReported()
    {
        using var folder = new TempDirectory();
        BacktestFixtures.WriteBars(folder.Path, 600);
        var spec = BacktestFixtures.Spec(""", "report": false""").Replace(BacktestFixtures.Momentum, MultiAsset.Host.Tests.Control.SeedExamples.CryptoTech, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(folder.Path, "spec.json"), spec);

        var result = await BacktestRunner.RunAsync(BacktestSpecReader.Load(Path.Combine(folder.Path, "spec.json")));

        var account = Assert.Single(result.Accounts);
        Assert.Equal("default", account.Name);
        Assert.Contains(result.Strategies, s => s.Name == "crypto-tech-momentum" && s.Account == "default");
        Assert.Equal("crypto-tech-momentum", Assert.Single(result.Brinson).Strategy);
    }
}
