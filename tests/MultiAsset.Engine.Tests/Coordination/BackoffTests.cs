using MultiAsset.Engine.Coordination;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Tests.Coordination;

/// <summary>A risk refusal backs the strategy off the instrument: logged once, suppressed intents counted, bounded re-sends.</summary>
public class BackoffTests
{
    private const long Second = 1_000_000_000;

    [Fact]
    public void ARefusal_BlocksTheSameTarget_ForAMinute_ThenTwo_AndAFillResetsIt()
    {
        var h = new CoordinationHarness();
        var s = h.Register("momentum");
        h.Batch(h.Target(s, "BTCUSD", 1, 50_000, time: Second));
        var first = Assert.Single(h.Orders());
        h.Report(first, ExecutionType.Cancelled, 6, parentLevel: true, refused: RiskVerdict.PositionLimit, time: Second);
        Assert.Equal(Quantity.Zero, h.Ordered(s, "BTCUSD"));
        Assert.Equal(61 * Second, h.Stage.BlockedUntil(s, h.Id("BTCUSD")));

        // Every second for a minute the strategy asks again for the same target: nothing goes, each counted.
        for (var t = 2; t <= 60; t++)
        {
            h.Batch(h.Target(s, "BTCUSD", 1, 50_000, time: t * Second));
        }

        Assert.Empty(h.Orders());
        Assert.Equal(59, h.Stage.Counters.SuppressedIntents);
        var refusal = Assert.Single(h.Stage.Refusals.Recent());
        Assert.Equal(RefusalSource.Gate, refusal.Source);
        Assert.Equal(RiskVerdict.PositionLimit, refusal.Reason);
        Assert.Equal(Quantity.FromDecimal(6m), refusal.Quantity);
        Assert.Equal(1, refusal.Level);

        // The minute passes: the next intent goes; refused again, the block is two minutes.
        h.Batch(h.Target(s, "BTCUSD", 1, 50_000, time: 61 * Second));
        var second = Assert.Single(h.Orders());
        h.Report(second, ExecutionType.Cancelled, 6, parentLevel: true, refused: RiskVerdict.PositionLimit, time: 62 * Second);
        Assert.Equal(182 * Second, h.Stage.BlockedUntil(s, h.Id("BTCUSD")));

        // A fill of the strategy on the instrument lifts the block (the position changed).
        h.Batch(h.Target(s, "BTCUSD", 0.5, 50_000, time: 80 * Second));
        var third = Assert.Single(h.Orders());
        Assert.Equal(Quantity.FromDecimal(3m), third.Quantity);
        h.Report(third, ExecutionType.Fill, 3, time: 81 * Second);
        Assert.Equal(0, h.Stage.BlockedUntil(s, h.Id("BTCUSD")));
    }

    [Fact]
    public void AnExpiredBackoff_ResendsTheRestOnTheNextHeartbeat()
    {
        var h = new CoordinationHarness();
        var s = h.Register("momentum");
        h.Batch(h.Target(s, "BTCUSD", 1, 50_000, time: Second));
        var first = Assert.Single(h.Orders());
        h.Report(first, ExecutionType.Cancelled, 6, parentLevel: true, refused: RiskVerdict.MaxDrawdown, time: Second);

        var heartbeat = h.Blank(StrategyId.None, 30 * Second);
        heartbeat.Kind = IntentKind.Heartbeat;
        h.Batch(heartbeat);
        Assert.Empty(h.Orders());
        heartbeat.Timestamp = 61 * Second;
        h.Batch(heartbeat);
        var resent = Assert.Single(h.Orders());
        Assert.Equal(Quantity.FromDecimal(6m), resent.Quantity);
    }

    [Fact]
    public void AChangedTarget_LiftsTheBlock_NoSoonerThanTenSeconds_AndAReversalAtOnce()
    {
        var h = new CoordinationHarness();
        var s = h.Register("momentum");
        h.Batch(h.Target(s, "BTCUSD", 1, 50_000, time: Second));
        h.Report(Assert.Single(h.Orders()), ExecutionType.Cancelled, 6, parentLevel: true, refused: RiskVerdict.MaxLeverage, time: Second);

        h.Batch(h.Target(s, "BTCUSD", 0.9, 50_000, time: 5 * Second));
        Assert.Empty(h.Orders());
        h.Batch(h.Target(s, "BTCUSD", 0.8, 50_000, time: 11 * Second));
        Assert.Equal(Quantity.FromDecimal(4.8m), Assert.Single(h.Orders()).Quantity);

        var t = h.Register("other");
        h.Batch(h.Target(t, "BTCUSD", 1, 50_000, time: 20 * Second));
        var refused = Assert.Single(h.Orders());
        h.Report(refused, ExecutionType.Cancelled, refused.Quantity.ToDouble(), parentLevel: true, refused: RiskVerdict.MaxLeverage, time: 20 * Second);
        h.Batch(h.Target(t, "BTCUSD", -0.5, 50_000, time: 21 * Second));
        Assert.Equal(OrderSide.Sell, Assert.Single(h.Orders()).Side);
    }

    [Fact]
    public void AStrategyFiringIntoALimit_ResendsABoundedNumberOfTimesPerSimulatedMinute()
    {
        var h = new CoordinationHarness();
        var s = h.Register("momentum");
        var perMinute = new int[10];
        for (var step = 0; step < 10 * 600; step++)
        {
            // Every 100 ms a slightly different target (so "the target changed" every time); every order is refused.
            var time = (step + 1) * (Second / 10);
            h.Batch(h.Target(s, "BTCUSD", 0.5 + ((step % 7) / 20.0), 50_000, time: time));
            foreach (var order in h.Orders())
            {
                perMinute[(int)(time / (60 * Second)) % 10]++;
                h.Report(order, ExecutionType.Cancelled, order.Quantity.ToDouble(), parentLevel: true, refused: RiskVerdict.PositionLimit, time: time);
            }
        }

        // At most one re-send per 10 s of a changed target (BackoffMinRetry) → ≤ 6 per minute, +1 for the first order.
        Assert.All(perMinute, n => Assert.InRange(n, 1, 7));
        Assert.True(h.Stage.Counters.SuppressedIntents > 5_000);
    }

    [Fact]
    public void Refusals_AreInTheConflictsReport()
    {
        var h = new CoordinationHarness();
        var s = h.Register("momentum");
        h.Batch(h.Target(s, "BTCUSD", 1, 50_000, time: Second));
        h.Report(Assert.Single(h.Orders()), ExecutionType.Cancelled, 6, parentLevel: true, refused: RiskVerdict.MaxQuantity, time: Second);
        h.Batch(h.Target(s, "BTCUSD", 1, 50_000, time: 2 * Second));

        var report = h.Stage.ConflictReport();
        var refusal = Assert.Single(report.Refusals!);
        Assert.Equal("momentum", refusal.Strategy);
        Assert.Equal("BTCUSD", refusal.Instrument);
        Assert.Equal("gate", refusal.Source);
        Assert.Equal("MaxQuantity", refusal.Reason);
        Assert.Equal(6m, refusal.Quantity);
        Assert.Equal("1970-01-01T00:01:01.0000000Z", refusal.BlockedUntil);
        Assert.Equal(1, report.SuppressedIntents);
    }
}
