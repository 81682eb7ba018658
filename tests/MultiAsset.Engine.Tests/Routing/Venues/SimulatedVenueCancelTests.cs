using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using static MultiAsset.Engine.Tests.Routing.Venues.VenueTestSupport;

namespace MultiAsset.Engine.Tests.Routing.Venues;

/// <summary>Cancels: of a working order, of a partly filled one, of an unknown or finished one.</summary>
public class SimulatedVenueCancelTests
{
    private static readonly long T0 = MondayOpen;

    [Fact]
    public void CancelOfAWorkingOrder_ReportsTheRemainingQuantity_AtAckLatency()
    {
        var venue = Venue();
        venue.QuoteStock(T0);
        venue.Submit(Limit(5, OrderSide.Buy, 40, 99.50m), T0);
        Assert.True(venue.Cancel(5, T0 + (10 * Millisecond)));
        Assert.Equal(0, venue.WorkingOrders);

        var reports = venue.Drain(T0 + Second);
        Assert.Equal([ExecutionType.Ack, ExecutionType.Cancelled], reports.Select(r => r.Execution.Type));
        var cancelled = reports[1];
        Assert.Equal(T0 + (11 * Millisecond), cancelled.Timestamp);
        Assert.Equal(40m, cancelled.Execution.Quantity.Dec());
        Assert.Equal(5, cancelled.Execution.OrderId);
        Assert.Equal(new AccountId(1), cancelled.Execution.Account);
        Assert.Equal(Stock, cancelled.Instrument);

        // Gone: a later quote through the old limit fills nothing.
        venue.QuoteStock(T0 + (20 * Millisecond), 99.00m, 99.02m);
        Assert.Empty(venue.Drain(T0 + Second));
    }

    [Fact]
    public void CancelAfterAPartialFill_CancelsOnlyTheRest_AfterTheFillReport()
    {
        var venue = Venue();
        venue.QuoteStock(T0);
        venue.Submit(Limit(5, OrderSide.Buy, 250, 100.03m), T0); // 200 taken at once, 50 rest
        Assert.True(venue.Cancel(5, T0 + 1));                    // before the fills are even reported
        var reports = venue.Drain(T0 + Second);
        Assert.Equal([ExecutionType.Ack, ExecutionType.Fill, ExecutionType.Fill, ExecutionType.Cancelled], reports.Select(r => r.Execution.Type));
        Assert.Equal(50m, reports[3].Execution.Quantity.Dec());
        Assert.True(reports[3].Timestamp >= reports[2].Timestamp);
    }

    [Fact]
    public void CancelOfAnUnknownOrder_IsRejectedAsUnknown()
    {
        var venue = Venue();
        Assert.True(venue.Cancel(12345, T0));
        var reject = Assert.Single(venue.Drain(T0 + Second));
        Assert.Equal(ExecutionType.Reject, reject.Execution.Type);
        Assert.Equal(VenueRejectReason.UnknownOrder, reject.Execution.RejectReason);
        Assert.Equal(12345, reject.Execution.OrderId);
        Assert.Equal(InstrumentId.None, reject.Instrument);
        Assert.Equal(T0 + Millisecond, reject.Timestamp);
    }

    [Fact]
    public void CancelOfAFilledOrIocOrder_IsRejectedAsUnknown()
    {
        var venue = Venue();
        venue.QuoteStock(T0);
        venue.Submit(Market(1, OrderSide.Buy, 10), T0);
        venue.Submit(Ioc(2, OrderSide.Buy, 10, 100.02m), T0);
        venue.Cancel(1, T0 + 1);
        venue.Cancel(2, T0 + 1);
        var rejects = venue.Drain(T0 + Second).OfType(ExecutionType.Reject).ToArray();
        Assert.Equal([1L, 2L], rejects.Select(r => r.OrderId));
        Assert.All(rejects, r => Assert.Equal(VenueRejectReason.UnknownOrder, r.RejectReason));
    }

    [Fact]
    public void CancelTwice_SecondIsUnknown()
    {
        var venue = Venue();
        venue.QuoteStock(T0);
        venue.Submit(Limit(5, OrderSide.Sell, 10, 101m), T0);
        venue.Cancel(5, T0 + 1);
        venue.Cancel(5, T0 + 2);
        var types = venue.Drain(T0 + Second).Select(r => (r.Execution.Type, r.Execution.RejectReason)).ToArray();
        Assert.Equal([(ExecutionType.Ack, VenueRejectReason.None), (ExecutionType.Cancelled, VenueRejectReason.None), (ExecutionType.Reject, VenueRejectReason.UnknownOrder)], types);
    }

    private const long Second = 1_000_000_000;
}
