using MultiAsset.Engine.MarketData.Replay;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.MarketData.Replay;

public sealed class ReplayFeedTests : IDisposable
{
    private readonly ReplayTestFiles files = new();

    public void Dispose() => files.Dispose();

    private string QuotesFile(int rows, params (int Index, string Row)[] bad)
    {
        var data = ReplayTestFiles.GenerateRows(InputEventKind.Quote, rows, seed: rows);
        foreach (var (index, row) in bad)
        {
            data[index] = row;
        }

        return files.WriteCsv($"feed-{rows}.csv", ReplayTestFiles.HeaderOf(InputEventKind.Quote), data);
    }

    private static List<string> Expected(string path)
    {
        using var source = new CsvEventSource(path, ReplayTestFiles.Symbols);
        return ReplayTestFiles.ReadAll(source);
    }

    [Theory]
    [InlineData(1_000, 16, 8)] // last batch half filled: 8 slots invalidated
    [InlineData(1_008, 16, 16)] // data ends exactly at a batch edge: the next claim is all invalid
    [InlineData(5, 64, 59)]
    public void Feed_PublishesExactlyTheFilesEvents_AndInvalidatesUnfilledSlots(int rows, int batch, int invalid)
    {
        var path = QuotesFile(rows, (3, "1,NOPE,1,2,3,4"), (4, "x,AAPL,1,2,3,4"));
        var ring = new ValueRingBuffer<InputEvent>(2_048);
        var recorder = new InputRecorder();
        var processor = new BatchEventProcessor<InputEvent, InputRecorder>("md", ring, ring.NewBarrier(new YieldingWaitStrategy()), recorder, new LoggingExceptionHandler());
        ring.AddGatingSequences(processor.Sequence);

        using var source = new CsvEventSource(path, ReplayTestFiles.Symbols);
        var feed = new ReplayFeed(source, ring, new ReplayFeedOptions { BatchSize = batch });
        long published = feed.Run();
        while (processor.Poll() > 0)
        {
        }

        Assert.Equal(rows, published);
        Assert.True(feed.Completed);
        Assert.False(feed.Cancelled);
        Assert.Equal(2, feed.RejectedEventsPublished);
        Assert.Equal(invalid, feed.InvalidSlotsPublished);
        Assert.Equal(invalid, processor.InvalidEventsSkipped);
        Assert.Equal(Expected(path), recorder.Events);
        Assert.Equal(rows, feed.SourceStats.Rows);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Feed_IntoARealPipeline_WithASmallRing_DeliversEverythingInOrder(bool merged)
    {
        var path = QuotesFile(20_000, (10, "1,AAPL,NaN,2,3,4"));
        var other = files.WriteCsv("refs.csv", "timestamp,symbol,value", Enumerable.Range(0, 500).Select(i => $"{1_772_461_800_000_000_000L + (i * 100_000_000L)},SPX,{i}"));
        var layout = Layouts.Of([Layouts.Ring("input", 64)], Layouts.Thread("md", WaitStrategyKind.Yielding, "md"));
        var builder = new PipelineBuilder(layout);
        var input = builder.AddRing<InputEvent>("input", fedExternally: true);
        var recorder = new InputRecorder();
        builder.AddStage("md", input, recorder);
        using var pipeline = builder.Build();
        pipeline.Start();

        IEventSource source = merged
            ? new MergedEventSource([new CsvEventSource(path, ReplayTestFiles.Symbols), new CsvEventSource(other, ReplayTestFiles.Symbols)])
            : new CsvEventSource(path, ReplayTestFiles.Symbols);
        List<string> expected;
        using (source)
        {
            new ReplayFeed(source, input.Ring, new ReplayFeedOptions { BatchSize = 32 }).Run();
            var result = pipeline.Stop();
            Assert.True(result.Drained);
        }

        if (merged)
        {
            using var again = new MergedEventSource([new CsvEventSource(path, ReplayTestFiles.Symbols), new CsvEventSource(other, ReplayTestFiles.Symbols)]);
            expected = ReplayTestFiles.ReadAll(again);
        }
        else
        {
            expected = Expected(path);
        }

        Assert.Equal(merged ? 20_500 : 20_000, recorder.Events.Count);
        Assert.Equal(expected, recorder.Events);
    }

    [Fact]
    public void PacedFeed_FollowsTheRecordedTimestamps_AtTheSpeedMultiple()
    {
        // 200 ms of recorded time at 4x → about 50 ms of wall time.
        var path = files.WriteCsv("paced.csv", "timestamp,symbol,value", Enumerable.Range(0, 21).Select(i => $"{i * 10_000_000L},SPX,{i}"));
        var ring = new ValueRingBuffer<InputEvent>(64);
        var recorder = new InputRecorder();
        var processor = new BatchEventProcessor<InputEvent, InputRecorder>("md", ring, ring.NewBarrier(new YieldingWaitStrategy()), recorder, new LoggingExceptionHandler());
        ring.AddGatingSequences(processor.Sequence);
        using var source = new CsvEventSource(path, ReplayTestFiles.Symbols);
        var feed = new ReplayFeed(source, ring, new ReplayFeedOptions { Pacing = ReplayPacing.RecordedTimestamps, SpeedMultiple = 4 });

        var watch = System.Diagnostics.Stopwatch.StartNew();
        feed.Run();
        watch.Stop();
        processor.Poll();

        Assert.Equal(21, recorder.Events.Count);
        Assert.Equal(0, feed.InvalidSlotsPublished);
        Assert.InRange(watch.ElapsedMilliseconds, 45, 2_000);
    }

    [Fact]
    public void Cancellation_StopsTheFeed_WithEveryClaimedSlotPublished()
    {
        var path = files.WriteCsv("slow.csv", "timestamp,symbol,value", Enumerable.Range(0, 100).Select(i => $"{(i + 1) * 3_600_000_000_000L},SPX,{i}"));
        var ring = new ValueRingBuffer<InputEvent>(64);
        using var source = new CsvEventSource(path, ReplayTestFiles.Symbols);
        var feed = new ReplayFeed(source, ring, new ReplayFeedOptions { Pacing = ReplayPacing.RecordedTimestamps });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        // The second event is due an hour after the first, so the result does not depend on how promptly a loaded
        // machine fires the 100 ms timer (a one-second spacing published 2 events once under CI load).
        long published = feed.Run(cts.Token);

        Assert.Equal(1, published);
        Assert.True(feed.Cancelled);
        Assert.False(feed.Completed);
        Assert.Equal(0, ring.Cursor);
    }

    [Fact]
    public void Options_AreValidated()
    {
        var ring = new ValueRingBuffer<InputEvent>(8);
        var path = files.WriteCsv("o.csv", ["timestamp,symbol,value"]);
        using var source = new CsvEventSource(path, ReplayTestFiles.Symbols);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReplayFeed(source, ring, new ReplayFeedOptions { BatchSize = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReplayFeed(source, ring, new ReplayFeedOptions { SpeedMultiple = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReplayFeed(source, ring, new ReplayFeedOptions { SpeedMultiple = double.NaN }));
    }

    private sealed class InputRecorder : IValueEventHandler<InputEvent>
    {
        public List<string> Events { get; } = [];

        public void OnEvent(ref InputEvent evt, long sequence, bool endOfBatch) => Events.Add(ReplayTestFiles.Describe(evt));
    }
}
