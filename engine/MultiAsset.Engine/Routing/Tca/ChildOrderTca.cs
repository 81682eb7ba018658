using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Routing.Tca;

/// <summary>
/// Per-child-order accumulator (one child on one venue), updated in place like <see cref="ParentOrderTca"/>:
/// a mutable struct, no allocation. Its report feeds the per-venue rows of the execution-quality report.
/// </summary>
public struct ChildOrderTca
{
    private FillAccumulator fills;
    private long parentOrderId;
    private VenueId venue;
    private OrderSide side;
    private long routedRaw;
    private long benchmarkRaw;
    private long sentTime;
    private long ackTime;
    private bool started;

    /// <summary>Updates refused as invalid.</summary>
    public int RejectedUpdates { readonly get; private set; }

    /// <summary>Begins tracking a child when it is sent.</summary>
    /// <param name="parentOrderId">The parent's order id.</param>
    /// <param name="venue">Destination venue.</param>
    /// <param name="side">Buy or Sell.</param>
    /// <param name="quantity">Quantity sent (&gt; 0).</param>
    /// <param name="benchmark">The parent's arrival price (&gt; 0), so venues are compared on one benchmark.</param>
    /// <param name="sentTimeNs">Engine time of the send.</param>
    /// <exception cref="ArgumentOutOfRangeException">Side, quantity or benchmark invalid.</exception>
    public void Start(long parentOrderId, VenueId venue, OrderSide side, Quantity quantity, Price benchmark, long sentTimeNs)
    {
        _ = TcaMath.SideSign(side);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity.Raw, nameof(quantity));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(benchmark.Raw, nameof(benchmark));
        this = default;
        fills = new FillAccumulator();
        this.parentOrderId = parentOrderId;
        this.venue = venue;
        this.side = side;
        routedRaw = quantity.Raw;
        benchmarkRaw = benchmark.Raw;
        sentTime = sentTimeNs;
        ackTime = -1;
        started = true;
    }

    /// <summary>Records the venue's acknowledgement (the first call wins).</summary>
    public bool OnAck(long timeNs)
    {
        if (!started)
        {
            return Reject();
        }

        if (ackTime < 0)
        {
            ackTime = timeNs;
        }

        return true;
    }

    /// <summary>Adds a fill; <paramref name="fee"/> positive for a cost, negative for a rebate.</summary>
    public bool OnFill(Quantity quantity, Price price, Money fee, long timeNs) =>
        started && fills.Apply(quantity, price, fee, timeNs) || Reject();

    /// <summary>The child's figures so far. Allocation-free.</summary>
    /// <exception cref="InvalidOperationException">Not started.</exception>
    public readonly ChildOrderTcaReport Report()
    {
        if (!started)
        {
            throw new InvalidOperationException("call Start before Report.");
        }

        double benchmark = FixedPoint.ToDouble(benchmarkRaw);
        double? average = fills.AveragePrice;
        long firstFill = fills.FirstTime;
        return new ChildOrderTcaReport
        {
            ParentOrderId = parentOrderId,
            Venue = venue,
            Side = side,
            RoutedQuantity = FixedPoint.ToDouble(routedRaw),
            FilledQuantity = fills.Filled,
            FillRate = (double)fills.FilledRaw / routedRaw,
            Fills = fills.Count,
            BenchmarkPrice = benchmark,
            AveragePrice = average,
            SlippageBps = average is double a ? TcaMath.SlippageBps(side, a, benchmark) : null,
            Fees = fills.Fees,
            SendToAckNs = ackTime >= 0 ? ackTime - sentTime : null,
            AckToFirstFillNs = ackTime >= 0 && firstFill >= 0 ? firstFill - ackTime : null,
            SendToFirstFillNs = firstFill >= 0 ? firstFill - sentTime : null,
        };
    }

    private bool Reject()
    {
        RejectedUpdates++;
        return false;
    }
}
