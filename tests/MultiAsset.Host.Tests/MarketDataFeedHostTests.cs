using System.Text.RegularExpressions;
using MultiAsset.Engine.Journal;
using MultiAsset.Engine.MarketData.Synthetic;
using MultiAsset.Engine.MarketData.Feeds;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Host.Tests;

/// <summary>
/// The host's side of market data: replay files checked when the configuration is loaded (exit 2, no stack trace),
/// bad rows logged with file:line:column, and feeds positioned after a recovered journal (<see cref="FeedResume"/>).
/// </summary>
public sealed partial class MarketDataFeedHostTests : IDisposable
{
    private static readonly string Instruments = Path.Combine(AppContext.BaseDirectory, "config", "instruments.json");
    private readonly string directory = Directory.CreateTempSubdirectory("mae-md-host-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string ReplayConfig(string csv) => Write("engine.json", $$"""
        { "pipeline": { "rings": [ { "name": "input", "size": 1024 }, { "name": "intents", "size": 65536 }, { "name": "orders", "size": 65536 } ], "threads": [ { "name": "e", "stages": ["engine"] } ] },
          "marketData": { "instruments": "{{Instruments}}", "feeds": [ { "type": "csv", "files": ["{{csv}}"], "logBadRows": 2 } ] } }
        """);

    private string Write(string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Parse_CsvWithWrongHeader_IsAConfigurationErrorNamingFileAndLine()
    {
        var csv = Write("wrong.csv", "time,sym,px\n1,BTCUSD,1\n");
        var config = ReplayConfig("wrong.csv");

        var ex = Assert.Throws<ConfigurationException>(() => HostConfig.Load(config));

        var error = Assert.Single(ex.Errors);
        Assert.StartsWith($"{config}: marketData.feeds[0].files[0]: {csv}:1: header 'time,sym,px' is not a known replay layout; expected one of quotes 'timestamp,symbol,bid,ask,bid_size,ask_size'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_CsvWithWrongHeader_ExitsWith2_WithoutAStackTrace()
    {
        var csv = Write("wrong.csv", "time,sym,px\n1,BTCUSD,1\n");
        using var process = HostProcess.Start("--config", ReplayConfig("wrong.csv"));
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)));

        Assert.Equal(2, process.ExitCode);
        Assert.Contains($"configuration error: ", error.Result, StringComparison.Ordinal);
        Assert.Contains($"{csv}:1: header 'time,sym,px'", error.Result, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error.Result + output.Result, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_ReplayWithBadRows_LogsTheFirstWithFileLineColumn_AndSummarisesTheRest()
    {
        var csv = Write("quotes.csv", """
            timestamp,symbol,bid,ask,bid_size,ask_size
            2026-03-07T10:00:00Z,BTCUSD,65000.00,65000.50,0.5,0.7
            2026-03-07T10:00:01Z,BTCUSD,x,65000.50,0.5,0.7
            2026-03-07T10:00:02Z,NOPEUSD,1,2,3,4
            2026-03-07T10:00:03Z,BTCUSD,65000.00,65000.50
            2026-03-07T10:00:04Z,BTCUSD,65001.00,65001.50,0.5,0.7
            """);
        using var process = HostProcess.Start("--config", ReplayConfig("quotes.csv"));
        var output = process.StandardOutput.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)));

        Assert.Equal(0, process.ExitCode);
        Assert.Contains($"{csv}:3:3: bad row (MalformedRecord): bid: not a number", output.Result, StringComparison.Ordinal);
        Assert.Contains($"{csv}:4:2: bad row (UnknownInstrument): symbol: unknown symbol: 'NOPEUSD'", output.Result, StringComparison.Ordinal);
        Assert.DoesNotContain($"{csv}:5:", output.Result, StringComparison.Ordinal); // the third bad row is counted, not logged
        Assert.Contains($"{csv}: 5 rows, 2 read, 3 bad (UnknownInstrument 1, MalformedRecord 2); 2 of them logged above", output.Result, StringComparison.Ordinal);
    }

    [Fact]
    public void JournalledSimulatedFeed_AfterRecovery_ContinuesAfterTheLastEventTime_FromTheLastPrices()
    {
        var config = HostConfig.Load(Write("engine.json", $$"""
            { "pipeline": { "rings": [ { "name": "input", "size": 4096 }, { "name": "intents", "size": 65536 }, { "name": "orders", "size": 65536 } ], "threads": [ { "name": "e", "stages": ["journal", "engine"] } ] },
              "marketData": { "instruments": "{{Instruments}}",
                              "feeds": [ { "type": "synthetic", "seed": 11, "eventsPerSecond": 20000, "time": { "mode": "simulated", "start": "2026-03-02T14:30:00Z", "step": "100ms" } } ] },
              "journal": { "directory": "journal", "durability": "sync", "segmentSize": "1MiB" } }
            """));

        // First run: fresh journal, the feed runs a while, everything drains.
        FeedResumePoint end;
        using (var first = EngineRuntime.Build(config, SystemClock.Instance, new LoggingExceptionHandler()))
        {
            first.Pipeline.Start();
            Assert.True(FeedResume.Apply(first).IsEmpty);
            RunFeed(first, TimeSpan.FromMilliseconds(400));
            end = first.MarketData.ResumePoint();
            first.Pipeline.Stop();
        }

        Assert.False(end.IsEmpty);

        // Second run: recover the journal exactly as the host does, then resume the feeds.
        using var second = EngineRuntime.Build(config, SystemClock.Instance, new LoggingExceptionHandler());
        second.Pipeline.Start();
        JournalReplayer.Replay(second.Journal!.Writer.Options.Directory, 0, second.Journal.RecoveredRecords - 1, second.Input);
        Assert.Empty(second.Pipeline.Drain(TimeSpan.FromMinutes(1)));
        var rejectedBefore = second.MarketData.Counters.Rejected;

        var point = FeedResume.Apply(second);

        Assert.Equal(end.LastEventTime, point.LastEventTime);
        var feed = Assert.IsType<SyntheticFeed>(Assert.Single(second.Feeds));
        Assert.True(feed.PublishRound() > 0);
        Assert.True(feed.Market.NowNanoseconds > end.LastEventTime, "the second run's first event is not after the first run's last");
        Assert.Equal(end.LastEventTime + 100_000_000, feed.Market.NowNanoseconds);
        foreach (var instrument in config.MarketData.Catalog.Tradable.Where(i => end.Mid(i.Id).Raw > 0))
        {
            var before = end.Mid(instrument.Id).ToDouble();
            Assert.True(Math.Abs((feed.Market.MidOf(instrument.Id) / before) - 1) < 0.005, $"{instrument.Symbol}: {before} -> {feed.Market.MidOf(instrument.Id)}");
        }

        RunFeed(second, TimeSpan.FromMilliseconds(300));
        Assert.Equal(0, second.MarketData.Counters[MarketDataRejectReason.OutOfOrderTimestamp]);
        Assert.Equal(0, second.MarketData.Counters[MarketDataRejectReason.DuplicateTimestamp]);
        Assert.Equal(rejectedBefore, second.MarketData.Counters.Rejected);
        Assert.True(second.MarketData.Counters.Accepted > 0);
        second.Pipeline.Stop();
    }

    [Fact]
    public void Host_WithJournal_SimulatedFeed_SecondRunContinuesWithoutRejects()
    {
        var config = Write("engine.json", $$"""
            { "pipeline": { "rings": [ { "name": "input", "size": 4096 }, { "name": "intents", "size": 65536 }, { "name": "orders", "size": 65536 } ], "threads": [ { "name": "e", "stages": ["journal", "engine"] } ] },
              "marketData": { "instruments": "{{Instruments}}",
                              "feeds": [ { "type": "synthetic", "eventsPerSecond": 20000, "time": { "mode": "simulated", "step": "100ms" } } ] },
              "journal": { "directory": "journal", "durability": "sync", "segmentSize": "1MiB" } }
            """);
        foreach (var run in new[] { "first", "second" })
        {
            using var process = HostProcess.Start("--config", config, "--duration", "1s");
            var output = process.StandardOutput.ReadToEndAsync();
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)));
            Assert.True(process.ExitCode == 0, $"{run} run:\n{output.Result}");
            Assert.Contains("rejected: none", output.Result, StringComparison.Ordinal);
            if (run == "second")
            {
                Assert.Matches(RecoveredPattern(), output.Result);
            }
        }
    }

    private static void RunFeed(EngineRuntime engine, TimeSpan duration)
    {
        using var stop = new CancellationTokenSource(duration);
        var feed = engine.Feeds[0];
        var thread = new Thread(() => feed.Run(stop.Token));
        thread.Start();
        thread.Join();
        Assert.Empty(engine.Pipeline.Drain(TimeSpan.FromMinutes(1)));
    }

    [GeneratedRegex(@"recovered [1-9]\d* journal records")]
    private static partial Regex RecoveredPattern();
}
