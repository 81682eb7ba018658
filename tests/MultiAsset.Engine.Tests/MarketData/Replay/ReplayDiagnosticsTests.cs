using Microsoft.Extensions.Logging;
using MultiAsset.Engine.MarketData.Feeds;
using MultiAsset.Engine.MarketData.Replay;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.MarketData.Replay;

/// <summary>Bad market data is diagnosable: the first N bad rows are logged with file:line:column, the rest counted and summarised.</summary>
public sealed class ReplayDiagnosticsTests : IDisposable
{
    private const string Header = "timestamp,symbol,bid,ask,bid_size,ask_size";
    private readonly ReplayTestFiles files = new();
    private readonly RecordingLogger logger = new();

    public void Dispose() => files.Dispose();

    private static string Row(int second, string symbol = "AAPL") => $"2026-03-02T15:00:{second:00}Z,{symbol},100.00,100.01,10,10";

    private ReplayFileFeed Replay(string path, int loggedBadRows = ReplayDiagnostics.DefaultLoggedBadRows, TimeSpan? gapWarning = null)
    {
        var options = new ReplayFeedOptions { LoggedBadRows = loggedBadRows, GapWarning = gapWarning ?? ReplayDiagnostics.DefaultGapWarning };
        var feed = ReplayFileFeed.Open(ReplayFileFormat.Csv, [path], ReplayTestFiles.Symbols, new ValueRingBuffer<InputEvent>(1024), options, new SimulatedClock(), logger);
        feed.Run(CancellationToken.None);
        return feed;
    }

    [Fact]
    public void FirstNBadRows_AreLoggedWithFileLineColumnAndReason_TheRestCountedInTheSummary()
    {
        // 30 bad rows (an unparsable bid on lines 3, 5, 7, ...) between good ones; only the first 5 are logged.
        var rows = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            rows.Add(Row(i));
            rows.Add($"2026-03-02T15:00:{i:00}.5Z,AAPL,oops,100.01,10,10");
        }

        var path = files.WriteCsv("bad.csv", Header, rows);
        using var feed = Replay(path, loggedBadRows: 5);

        var warnings = logger.Messages(LogLevel.Warning).ToList();
        var logged = warnings.Where(m => m.Contains(": bad row (", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, logged.Count);
        Assert.StartsWith($"{path}:3:3: bad row (MalformedRecord): bid: not a number", logged[0], StringComparison.Ordinal);
        Assert.Contains("'oops'", logged[0], StringComparison.Ordinal);
        Assert.StartsWith($"{path}:11:3:", logged[4], StringComparison.Ordinal);
        Assert.Contains(warnings, m => m.Contains("5 bad rows logged; further bad rows are counted", StringComparison.Ordinal));
        Assert.Contains(warnings, m => m == $"{path}: 60 rows, 30 read, 30 bad (MalformedRecord 30); 5 of them logged above");
        Assert.Equal(30, feed.SourceStats.Rejected);
        Assert.Equal(5, feed.Diagnostics.BadRowsLogged);
    }

    [Fact]
    public void FileWhoseRowsAreAllBad_SaysSoAsAnError()
    {
        var path = files.WriteCsv("all-bad.csv", Header, [Row(1, "NOPE"), Row(2, "NOPE"), "garbage"]);
        using var feed = Replay(path);

        var error = Assert.Single(logger.Messages(LogLevel.Error));
        Assert.StartsWith($"{path}: every one of its 3 rows was rejected (UnknownInstrument 2, MalformedRecord 1); nothing from this file reached the engine.", error, StringComparison.Ordinal);
        Assert.Contains($"First: {path}:2:2: UnknownInstrument: symbol: unknown symbol: 'NOPE'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void LargeGapBetweenTwoRows_IsAWarningWithFileAndLine()
    {
        // A mistyped year: ten years forward on line 3, and back again on line 4.
        var path = files.WriteCsv("gap.csv", Header, [Row(1), "2036-03-02T15:00:02Z,AAPL,100.00,100.01,10,10", Row(3)]);
        using var feed = Replay(path);

        var gaps = logger.Messages(LogLevel.Warning).Where(m => m.Contains("event time jumps", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, gaps.Count);
        Assert.StartsWith($"{path}:3: event time jumps forward by 10 years (2026-03-02T15:00:01Z -> 2036-03-02T15:00:02Z)", gaps[0], StringComparison.Ordinal);
        Assert.StartsWith($"{path}:4: event time jumps back by 10 years", gaps[1], StringComparison.Ordinal);
        Assert.Equal(2, feed.Diagnostics.Gaps);
        Assert.Equal(3, feed.EventsPublished); // warned about, still replayed
    }

    [Fact]
    public void GapsWithinTheThreshold_AreNotWarnedAbout()
    {
        var path = files.WriteCsv("weekend.csv", Header, [Row(1), "2026-03-09T15:00:00Z,AAPL,100.00,100.01,10,10"]);
        using var feed = Replay(path, gapWarning: TimeSpan.FromDays(7.5));

        Assert.Equal(0, feed.Diagnostics.Gaps);
        Assert.DoesNotContain(logger.Entries, e => e.Message.Contains("jumps", StringComparison.Ordinal));
        Assert.Contains(logger.Messages(LogLevel.Information), m => m == $"{path}: 2 rows read, none bad (0 blank lines skipped)");
    }

    [Fact]
    public void GoodRows_AllocateNothing_WithDiagnosticsAttached()
    {
        var path = files.WriteCsv("good.csv", Header, Enumerable.Range(0, 2_000).Select(i => $"{1_772_463_600_000_000_000L + (i * 1_000_000L)},AAPL,100.00,100.01,10,10"));
        using var source = new CsvEventSource(path, ReplayTestFiles.Symbols, diagnostics: new ReplayDiagnostics(logger));
        var evt = default(InputEvent);
        for (var i = 0; i < 100; i++)
        {
            Assert.True(source.TryRead(ref evt)); // warm up (and the first buffer fill)
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var read = 0;
        while (source.TryRead(ref evt))
        {
            read++;
        }

        Assert.Equal(1_900, read);
        AllocationAssert.NonePerOperation(GC.GetAllocatedBytesForCurrentThread() - before, read);
    }

    [Fact]
    public void ResumedReplay_SkipsTheRowsTheJournalHolds_AndStartsAtTheFirstNewOne()
    {
        // Six rows, two instruments; the journal ended after line 5 (AAPL at 15:00:03), with MSFT at 15:00:03 not yet in it.
        var path = files.WriteCsv("resume.csv", Header, [Row(1), Row(2, "MSFT"), Row(2), Row(3), Row(3, "MSFT"), Row(4)]);
        var t3 = new DateTimeOffset(2026, 3, 2, 15, 0, 3, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;
        var accepted = new long[ReplayTestFiles.Symbols.Count * 5];
        Array.Fill(accepted, long.MinValue);
        accepted[(0 * 5) + (int)InputEventKind.Quote] = t3; // AAPL quote at t3 accepted
        accepted[(1 * 5) + (int)InputEventKind.Quote] = t3 - 1_000_000_000; // MSFT's last was at 15:00:02
        var point = new FeedResumePoint(t3, new long[ReplayTestFiles.Symbols.Count], new long[ReplayTestFiles.Symbols.Count], new long[ReplayTestFiles.Symbols.Count], accepted);
        var ring = new ValueRingBuffer<InputEvent>(64);
        using var feed = ReplayFileFeed.Open(ReplayFileFormat.Csv, [path], ReplayTestFiles.Symbols, ring, ReplayFeedOptions.Default, new SimulatedClock(), logger);

        feed.ResumeAfter(point);
        feed.Run(CancellationToken.None);

        Assert.Equal(2, feed.EventsPublished); // MSFT at t3 (not yet journalled) and AAPL at t4
        Assert.Equal(4, feed.SkippedOnResume);
        Assert.Equal(1, ring[0].Instrument.Value);
        Assert.Equal(t3, ring[0].Timestamp);
        Assert.Equal(0, ring[1].Instrument.Value);
        Assert.Equal(t3 + 1_000_000_000, ring[1].Timestamp);
        Assert.Contains(logger.Messages(LogLevel.Information), m => m.StartsWith("csv:resume.csv: resumed after the journal: skipped 4 rows at or before 2026-03-02T15:00:03Z", StringComparison.Ordinal));
        Assert.Throws<InvalidOperationException>(() => feed.ResumeAfter(point));
    }

    [Fact]
    public void ResumeAfter_AnEmptyPoint_ReplaysEverything()
    {
        var path = files.WriteCsv("fresh.csv", Header, [Row(1), Row(2)]);
        using var feed = ReplayFileFeed.Open(ReplayFileFormat.Csv, [path], ReplayTestFiles.Symbols, new ValueRingBuffer<InputEvent>(64), ReplayFeedOptions.Default, new SimulatedClock());

        feed.ResumeAfter(FeedResumePoint.None);
        feed.Run(CancellationToken.None);

        Assert.Equal(2, feed.EventsPublished);
        Assert.Equal(0, feed.SkippedOnResume);
    }
}
