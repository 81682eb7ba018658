using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Routing.Tca;

/// <summary>
/// Per-parent-order TCA accumulator, owned by the router stage and updated in place for every event of the order:
/// a mutable struct (keep it in an array slot and call through a <c>ref</c>), no allocation, no exceptions after
/// <see cref="Start(long, StrategyId, AssetClass, ExecutionAlgorithm, OrderSide, Quantity, Price, long)"/>.
/// </summary>
/// <remarks>
/// Life cycle: <c>Start</c> (decision) → <see cref="OnArrival"/> (first child sent; the arrival price is the reference
/// mid then) → <see cref="OnAck"/> / <see cref="OnFill"/> / <see cref="OnMarketTrade"/> (market prints during the order,
/// for the interval VWAP) → <see cref="Finish"/> (done or cancelled; the end price marks the unfilled part) →
/// <see cref="Report"/>. Updates that make no sense (non-positive fill quantity or price, events after <c>Finish</c>)
/// return <see langword="false"/> and are counted in <see cref="RejectedUpdates"/>.
/// </remarks>
public struct ParentOrderTca
{
    private FillAccumulator fills;
    private Int128 marketNotionalRaw;
    private Int128 marketVolumeRaw;
    private long orderId;
    private StrategyId strategy;
    private AssetClass assetClass;
    private ExecutionAlgorithm algorithm;
    private OrderSide side;
    private long orderedRaw;
    private long decisionPriceRaw;
    private long decisionTime;
    private long arrivalPriceRaw;
    private long ackTime;
    private long endPriceRaw;
    private bool started;
    private bool arrived;
    private bool finished;

    /// <summary>Whether <see cref="Finish"/> has been called.</summary>
    public readonly bool IsFinished => finished;

    /// <summary>Filled quantity so far.</summary>
    public readonly Quantity Filled => Quantity.FromRaw(fills.FilledRaw);

    /// <summary>Updates refused as invalid (bad fill or trade values, events after <see cref="Finish"/>).</summary>
    public int RejectedUpdates { readonly get; private set; }

    /// <summary>Begins the analysis of a parent order at its decision.</summary>
    /// <param name="orderId">Engine order id.</param>
    /// <param name="strategy">Deciding strategy.</param>
    /// <param name="assetClass">Asset class of the instrument.</param>
    /// <param name="algorithm">How the order is worked.</param>
    /// <param name="side">Buy or Sell.</param>
    /// <param name="quantity">Ordered quantity (&gt; 0).</param>
    /// <param name="decisionPrice">Reference mid at the decision (&gt; 0).</param>
    /// <param name="decisionTimeNs">Engine time of the decision.</param>
    /// <exception cref="ArgumentOutOfRangeException">Side, quantity or price invalid.</exception>
    public void Start(long orderId, StrategyId strategy, AssetClass assetClass, ExecutionAlgorithm algorithm, OrderSide side, Quantity quantity, Price decisionPrice, long decisionTimeNs)
    {
        _ = TcaMath.SideSign(side);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity.Raw, nameof(quantity));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(decisionPrice.Raw, nameof(decisionPrice));
        this = default;
        fills = new FillAccumulator();
        this.orderId = orderId;
        this.strategy = strategy;
        this.assetClass = assetClass;
        this.algorithm = algorithm;
        this.side = side;
        orderedRaw = quantity.Raw;
        decisionPriceRaw = decisionPrice.Raw;
        decisionTime = decisionTimeNs;
        arrivalPriceRaw = decisionPrice.Raw;
        ackTime = -1;
        started = true;
    }

    /// <summary>Begins the analysis from the order event (id, strategy, algorithm, side, quantity and decision time).</summary>
    /// <param name="order">The parent order.</param>
    /// <param name="assetClass">Asset class of its instrument.</param>
    /// <param name="decisionPrice">Reference mid at the decision; for a market order that is <see cref="OrderEvent.LimitPrice"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">Side, quantity or price invalid.</exception>
    public void Start(in OrderEvent order, AssetClass assetClass, Price decisionPrice) =>
        Start(order.OrderId, order.Strategy, assetClass, order.Algorithm, order.Side, order.Quantity, decisionPrice, order.Timestamp);

    /// <summary>Records the arrival (the first call wins): the reference price when the first child reached the market.</summary>
    public bool OnArrival(Price arrivalPrice, long timeNs)
    {
        _ = timeNs; // arrival time is not reported on its own; kept in the signature so callers pass the event they have
        if (!Accepting() || arrivalPrice.Raw <= 0)
        {
            return Reject();
        }

        if (!arrived)
        {
            arrivalPriceRaw = arrivalPrice.Raw;
            arrived = true;
        }

        return true;
    }

    /// <summary>Records an acknowledgement (the first call wins).</summary>
    public bool OnAck(long timeNs)
    {
        if (!Accepting())
        {
            return Reject();
        }

        if (ackTime < 0)
        {
            ackTime = timeNs;
        }

        return true;
    }

    /// <summary>Adds a fill of any child; <paramref name="fee"/> is positive for a cost, negative for a rebate.</summary>
    public bool OnFill(Quantity quantity, Price price, Money fee, long timeNs) =>
        Accepting() && fills.Apply(quantity, price, fee, timeNs) || Reject();

    /// <summary>Adds a market trade print during the order's life, for the interval VWAP.</summary>
    public bool OnMarketTrade(Quantity quantity, Price price)
    {
        if (!Accepting() || quantity.Raw <= 0 || price.Raw <= 0)
        {
            return Reject();
        }

        marketVolumeRaw += quantity.Raw;
        marketNotionalRaw += (Int128)price.Raw * quantity.Raw;
        return true;
    }

    /// <summary>Ends the order (fully filled, cancelled or expired); <paramref name="endPrice"/> marks the unfilled part.</summary>
    public bool Finish(Price endPrice, long timeNs)
    {
        _ = timeNs;
        if (!Accepting() || endPrice.Raw <= 0)
        {
            return Reject();
        }

        endPriceRaw = endPrice.Raw;
        finished = true;
        return true;
    }

    /// <summary>The figures of the finished order. Allocation-free.</summary>
    /// <exception cref="InvalidOperationException">The order has not been started and finished.</exception>
    public readonly ParentOrderTcaReport Report()
    {
        if (!finished)
        {
            throw new InvalidOperationException("TCA needs a finished order: call Start, then Finish with the end price, before Report.");
        }

        int s = TcaMath.SideSign(side);
        long filledRaw = fills.FilledRaw;
        long unfilledRaw = Math.Max(0, orderedRaw - filledRaw);

        // Exact in Int128 at 10^16 (raw quantity × raw price), converted to currency once.
        double delay = s * (double)((Int128)filledRaw * (arrivalPriceRaw - decisionPriceRaw)) / TcaMath.NotionalScale;
        double execution = s * (double)(fills.NotionalRaw - ((Int128)filledRaw * arrivalPriceRaw)) / TcaMath.NotionalScale;
        double opportunity = s * (double)((Int128)unfilledRaw * (endPriceRaw - decisionPriceRaw)) / TcaMath.NotionalScale;
        var shortfall = new ShortfallDecomposition(delay, execution, fills.Fees, opportunity);
        double paperNotional = (double)((Int128)orderedRaw * decisionPriceRaw) / TcaMath.NotionalScale;

        double arrival = FixedPoint.ToDouble(arrivalPriceRaw);
        double? average = fills.AveragePrice;
        double? vwap = marketVolumeRaw > 0 ? (double)marketNotionalRaw / (double)marketVolumeRaw / FixedPoint.Scale : null;
        long firstFill = fills.FirstTime;
        return new ParentOrderTcaReport
        {
            OrderId = orderId,
            Strategy = strategy,
            AssetClass = assetClass,
            Algorithm = algorithm,
            Side = side,
            OrderedQuantity = FixedPoint.ToDouble(orderedRaw),
            FilledQuantity = fills.Filled,
            FillRate = (double)filledRaw / orderedRaw,
            Fills = fills.Count,
            DecisionPrice = FixedPoint.ToDouble(decisionPriceRaw),
            ArrivalPrice = arrival,
            EndPrice = FixedPoint.ToDouble(endPriceRaw),
            AveragePrice = average,
            IntervalVwap = vwap,
            SlippageVsArrivalBps = average is double a ? TcaMath.SlippageBps(side, a, arrival) : null,
            SlippageVsVwapBps = average is double b && vwap is double v ? TcaMath.SlippageBps(side, b, v) : null,
            Shortfall = shortfall,
            ImplementationShortfallBps = shortfall.Total / paperNotional * TcaMath.BasisPoints,
            DecisionToAckNs = ackTime >= 0 ? ackTime - decisionTime : null,
            AckToFirstFillNs = ackTime >= 0 && firstFill >= 0 ? firstFill - ackTime : null,
            DecisionToFirstFillNs = firstFill >= 0 ? firstFill - decisionTime : null,
            DecisionToLastFillNs = fills.LastTime >= 0 ? fills.LastTime - decisionTime : null,
        };
    }

    private readonly bool Accepting() => started && !finished;

    private bool Reject()
    {
        RejectedUpdates++;
        return false;
    }
}
