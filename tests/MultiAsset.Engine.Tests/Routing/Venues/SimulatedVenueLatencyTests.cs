using MultiAsset.Engine.Model.Events;
using static MultiAsset.Engine.Tests.Routing.Venues.VenueTestSupport;

namespace MultiAsset.Engine.Tests.Routing.Venues;

/// <summary>Reports come out when they are due, acks before fills, and an order's reports never overtake each other.</summary>
public class SimulatedVenueLatencyTests
{
    private static readonly long T0 = MondayOpen;

    [Fact]
    public void AckIsDueAfterAckLatency_FillsAfterFillLatency()
    {
        var venue = Venue();
        venue.QuoteStock(T0);
        venue.Submit(Market(1, OrderSide.Buy, 150), T0);
        Assert.Equal(T0 + Millisecond, venue.NextReportDue);

        Assert.Empty(venue.Drain(T0 + Millisecond - 1));
        var ack = Assert.Single(venue.Drain(T0 + Millisecond));
        Assert.Equal(ExecutionType.Ack, ack.Execution.Type);
        Assert.Equal(T0 + Millisecond, ack.Timestamp);
        Assert.Equal(InputEventKind.Execution, ack.Kind);
        Assert.Equal(150m, ack.Execution.Quantity.Dec());

        Assert.Empty(venue.Drain((T0 + (2 * Millisecond)) - 1));
        var fills = venue.Drain(T0 + (5 * Millisecond));
        Assert.Equal(2, fills.Count);
        Assert.All(fills, f => Assert.Equal(T0 + (2 * Millisecond), f.Timestamp));
        Assert.Equal(long.MaxValue, venue.NextReportDue);
    }

    [Fact]
    public void PollingLate_StillStampsEachReportWithItsDueTime()
    {
        var venue = Venue();
        venue.QuoteStock(T0);
        venue.Submit(Market(1, OrderSide.Buy, 10), T0);
        var reports = venue.Drain(T0 + (60 * Millisecond));
        Assert.Equal([T0 + Millisecond, T0 + (2 * Millisecond)], reports.Select(r => r.Timestamp));
    }

    [Fact]
    public void Poll_WritesAtMostTheOutputLength_AndKeepsTheRestInOrder()
    {
        var venue = Venue();
        venue.QuoteStock(T0);
        venue.Submit(Market(1, OrderSide.Buy, 250), T0); // ack + 3 fills
        var output = new InputEvent[2];
        Assert.Equal(2, venue.Poll(T0 + Second, output));
        Assert.Equal([ExecutionType.Ack, ExecutionType.Fill], output.Select(e => e.Execution.Type));
        Assert.Equal(100.02m, output[1].Execution.Price.Dec());
        Assert.Equal(2, venue.Poll(T0 + Second, output));
        Assert.Equal([100.03m, 100.04m], output.Select(e => e.Execution.Price.Dec()));
        Assert.Equal(0, venue.Poll(T0 + Second, output));
    }

    [Fact]
    public void WithJitter_EachOrdersReportsStayInOrder_AndWithinTheirWindow()
    {
        // Fill latency equal to ack latency and a large jitter: independent draws would often put a fill before its ack.
        var venue = Venue(Definition(ackNanos: Millisecond, fillNanos: Millisecond, jitterNanos: 800 * Microsecond, maxPendingReports: 4096));
        var reports = new List<InputEvent>();
        long now = T0;
        for (int i = 0; i < 300; i++)
        {
            now += 100 * Microsecond;
            venue.QuoteStock(now);
            venue.Submit(i % 3 == 0 ? Ioc(i, OrderSide.Buy, 150, 100.03m) : Market(i, i % 2 == 0 ? OrderSide.Buy : OrderSide.Sell, 120), now);
            reports.AddRange(venue.Drain(now));
        }

        reports.AddRange(venue.Drain(now + Second));
        for (int i = 0; i < 300; i++)
        {
            var mine = reports.Where(r => r.Execution.OrderId == i).ToList();
            Assert.Equal(ExecutionType.Ack, mine[0].Execution.Type);
            Assert.True(mine.Count >= 2);
            long submitted = T0 + ((i + 1) * 100 * Microsecond);
            Assert.InRange(mine[0].Timestamp, submitted + Millisecond, submitted + (1800 * Microsecond));
            for (int k = 1; k < mine.Count; k++)
            {
                Assert.True(mine[k].Timestamp >= mine[k - 1].Timestamp, $"order {i}: report {k} overtakes report {k - 1}");
                Assert.InRange(mine[k].Timestamp, submitted + Millisecond, submitted + (1800 * Microsecond));
            }
        }

        // Delivery order is due order overall.
        Assert.Equal(reports.Select(r => r.Timestamp).Order(), reports.Select(r => r.Timestamp));
        Assert.True(reports.Select(r => r.Timestamp - T0).Distinct().Count() > 100, "jitter should spread the due times");
    }

    private const long Second = 1_000_000_000;
}
