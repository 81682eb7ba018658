using System.Diagnostics;
using MultiAsset.Engine.MarketData.Synthetic;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Ring;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.MarketData.Synthetic;

public class SyntheticFeedTests
{
    [Fact]
    public void Rounds_are_published_in_order_as_the_market_produced_them()
    {
        var catalog = SyntheticTestData.ShippedCatalog;
        var expected = SyntheticTestData.Collect(new SyntheticMarket(catalog, new SyntheticFeedOptions()), 200);
        var ring = new ValueRingBuffer<InputEvent>(1 << 16);
        var feed = new SyntheticFeed(new SyntheticMarket(catalog, new SyntheticFeedOptions()), ring);
        for (int r = 0; r < 200; r++)
        {
            feed.PublishRound();
        }

        Assert.Equal(expected.Count, feed.EventsPublished);
        Assert.Equal(200, feed.Rounds);
        Assert.Equal(expected.Count - 1, ring.Cursor);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.True(ring.IsValid(i));
            Assert.Equal(expected[i], ring[i]);
        }
    }

    [Fact]
    public void Publishing_allocates_nothing_after_warm_up()
    {
        var ring = new ValueRingBuffer<InputEvent>(1 << 12);
        var feed = new SyntheticFeed(new SyntheticMarket(SyntheticTestData.ShippedCatalog, new SyntheticFeedOptions()), ring);
        for (int r = 0; r < 1_000; r++)
        {
            feed.PublishRound();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int r = 0; r < 10_000; r++)
        {
            feed.PublishRound();
        }

        AllocationAssert.NonePerOperation(GC.GetAllocatedBytesForCurrentThread() - before, 10_000);
    }

    [Fact]
    public void Run_with_an_end_instant_stops_after_the_round_that_crosses_it_and_is_completed()
    {
        // Default step 1 s from the default start: an end 10.5 s later is crossed by the 12th round (t = start + 11 s).
        var options = new SyntheticFeedOptions();
        var end = options.StartNanoseconds + 10_500_000_000L;
        var ring = new ValueRingBuffer<InputEvent>(1 << 14);
        var market = new SyntheticMarket(SyntheticTestData.AlwaysOpenCatalog, options);
        var feed = new SyntheticFeed(market, ring, endNanoseconds: end);
        Assert.False(feed.Completed);

        var thread = feed.Start(CancellationToken.None);

        Assert.True(thread.Join(TimeSpan.FromSeconds(10)));
        Assert.True(feed.Completed);
        Assert.Equal(12, feed.Rounds);
        Assert.Equal(options.StartNanoseconds + 11_000_000_000L, market.NowNanoseconds);
    }

    [Fact]
    public void Run_stops_on_cancellation_and_never_exceeds_the_target_rate()
    {
        var ring = new ValueRingBuffer<InputEvent>(1 << 12);
        var market = new SyntheticMarket(SyntheticTestData.AlwaysOpenCatalog, new SyntheticFeedOptions());
        var feed = new SyntheticFeed(market, ring, eventsPerSecond: 20_000);
        using var cts = new CancellationTokenSource();
        var watch = Stopwatch.StartNew();
        var thread = feed.Start(cts.Token);
        Thread.Sleep(300);
        cts.Cancel();
        Assert.True(thread.Join(TimeSpan.FromSeconds(5)));
        double elapsed = watch.Elapsed.TotalSeconds;
        Assert.True(feed.Rounds > 0);
        // Pacing only ever delays, so the count is bounded by the rate (plus the round that crossed the schedule).
        Assert.InRange(feed.EventsPublished, 1, (20_000 * elapsed) + market.MaxEventsPerRound);
    }

    [Fact]
    public void The_definition_creates_a_feed_stamped_with_its_source()
    {
        var ring = new ValueRingBuffer<InputEvent>(1 << 12);
        using var feed = new SyntheticFeedDefinition(new SyntheticFeedOptions(), Source: 3).Create(ring, SyntheticTestData.ShippedCatalog, new MultiAsset.Engine.Pipeline.SimulatedClock());
        var synthetic = Assert.IsType<SyntheticFeed>(feed);
        Assert.Equal("synthetic", feed.Name);
        Assert.False(feed.Completed);
        int count = synthetic.PublishRound();
        Assert.True(count > 0);
        Assert.Equal(count, feed.EventsPublished);
        Assert.Equal((ushort)3, ring[0].Source);
    }

    [Fact]
    public void A_ring_smaller_than_a_round_is_refused()
    {
        var market = new SyntheticMarket(SyntheticTestData.ShippedCatalog, new SyntheticFeedOptions());
        Assert.Throws<ArgumentException>(() => new SyntheticFeed(market, new ValueRingBuffer<InputEvent>(16)));
    }
}
