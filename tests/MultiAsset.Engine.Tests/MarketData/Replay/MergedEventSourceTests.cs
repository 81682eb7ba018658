using MultiAsset.Engine.MarketData.Replay;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.MarketData.Replay;

public sealed class MergedEventSourceTests : IDisposable
{
    private readonly ReplayTestFiles files = new();

    public void Dispose() => files.Dispose();

    private static MergedEventSource Open(params string[] paths)
        => new(paths.Select(p => (IEventSource)new CsvEventSource(p, ReplayTestFiles.Symbols)).ToArray());

    [Fact]
    public void ThreeFiles_InterleaveByTimestamp_WithTiesInSourceOrder()
    {
        var quotes = files.WriteCsv("quotes.csv", "timestamp,symbol,bid,ask,bid_size,ask_size", ["10,AAPL,1,2,3,4", "20,AAPL,1,2,3,4", "30,AAPL,1,2,3,4", "50,AAPL,1,2,3,4"]);
        var trades = files.WriteCsv("trades.csv", "timestamp,symbol,price,size", ["5,MSFT,1,1", "20,MSFT,1,1", "20,MSFT,2,2", "60,MSFT,1,1"]);
        var refs = files.WriteCsv("refs.csv", "timestamp,symbol,value", ["20,SPX,1", "30,SPX,2", "40,SPX,3"]);

        using var merged = Open(quotes, trades, refs);
        var events = ReplayTestFiles.ReadEvents(merged);

        Assert.Equal(
            [(5L, 1), (10, 0), (20, 0), (20, 1), (20, 1), (20, 2), (30, 0), (30, 2), (40, 2), (50, 0), (60, 1)],
            events.Select(e => (e.Timestamp, (int)e.Source)));
        Assert.Equal(InputEventKind.Trade, events[0].Kind);
        Assert.Equal(InputEventKind.Reference, events[5].Kind);
        Assert.Equal("2", events[4].Trade.Price.ToString()); // the two trades at 20 keep their file order
        Assert.Equal(11, merged.Stats.Rows);
    }

    [Fact]
    public void Merge_IsDeterministic_AndAPermutationOfTheInputs()
    {
        var paths = Enumerable.Range(0, 3).Select(i => files.WriteCsv($"f{i}.csv", ReplayTestFiles.HeaderOf(InputEventKind.Quote),
            ReplayTestFiles.GenerateRows(InputEventKind.Quote, 3_000, seed: 40 + i, startNs: 1_000_000_000, isoTimestamps: false)
                .Select((row, n) => $"{1_000_000_000 + ((n + i) / 4 * 1_000)}{row[row.IndexOf(',', StringComparison.Ordinal)..]}"))) // sorted, with many ties within and across files
            .ToArray();

        List<InputEvent> first;
        using (var merged = Open(paths))
        {
            first = ReplayTestFiles.ReadEvents(merged);
        }

        using var again = Open(paths);
        var second = ReplayTestFiles.ReadEvents(again);

        Assert.Equal(first.Select(e => ReplayTestFiles.Describe(e)), second.Select(e => ReplayTestFiles.Describe(e)));
        Assert.Equal(9_000, first.Count);
        for (int i = 1; i < first.Count; i++)
        {
            var (a, b) = (first[i - 1], first[i]);
            Assert.True(a.Timestamp < b.Timestamp || (a.Timestamp == b.Timestamp && a.Source <= b.Source), $"event {i} out of merge order");
        }

        for (int s = 0; s < 3; s++)
        {
            using var single = new CsvEventSource(paths[s], ReplayTestFiles.Symbols, source: (ushort)s);
            Assert.Equal(ReplayTestFiles.ReadAll(single), first.Where(e => e.Source == s).Select(e => ReplayTestFiles.Describe(e)));
        }
    }

    [Fact]
    public void OutOfOrderRows_InOneFile_AreNotResorted_AndRejectsPassThrough()
    {
        var a = files.WriteCsv("a.csv", "timestamp,symbol,value", ["10,SPX,1", "40,SPX,2", "20,SPX,3", "bad,SPX,4", "50,SPX,5"]);
        var b = files.WriteCsv("b.csv", "timestamp,symbol,value", ["30,USD_RATE,1", "45,NOPE,2"]);

        using var merged = Open(a, b);
        var events = ReplayTestFiles.ReadEvents(merged);

        Assert.Equal([10L, 30, 40, 20, 0, 45, 50], events.Select(e => e.Timestamp));
        Assert.Equal(MarketDataRejectReason.MalformedRecord, events[4].Reject);
        Assert.Equal(MarketDataRejectReason.UnknownInstrument, events[5].Reject);
        Assert.Equal(1, merged.Stats.RejectedFor(MarketDataRejectReason.MalformedRecord));
        Assert.Single(merged.Sources[0].Stats.Errors);
    }

    [Fact]
    public void EmptyAndSingleSources_Work()
    {
        var empty = files.WriteCsv("empty.csv", ["timestamp,symbol,value"]);
        var one = files.WriteCsv("one.csv", "timestamp,symbol,value", ["7,SPX,1"]);

        using var merged = Open(empty, one, empty);
        var events = ReplayTestFiles.ReadEvents(merged);

        var evt = Assert.Single(events);
        Assert.Equal((7L, (ushort)1), (evt.Timestamp, evt.Source));
        var again = default(InputEvent);
        Assert.False(merged.TryRead(ref again));
        Assert.Throws<ArgumentException>(() => new MergedEventSource([]));
    }

    [Fact]
    public void MergingAfterWarmUp_AllocatesNothing()
    {
        var paths = Enumerable.Range(0, 4).Select(i => files.WriteCsv($"m{i}.csv", ReplayTestFiles.HeaderOf(InputEventKind.Quote),
            ReplayTestFiles.GenerateRows(InputEventKind.Quote, 30_000, seed: i))).ToArray();
        using var merged = Open(paths);
        var evt = default(InputEvent);
        for (int i = 0; i < 1_000; i++)
        {
            Assert.True(merged.TryRead(ref evt));
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int read = 0;
        while (merged.TryRead(ref evt))
        {
            read++;
        }

        AllocationAssert.NonePerOperation(GC.GetAllocatedBytesForCurrentThread() - before, read);
        Assert.Equal(119_000, read);
    }
}
