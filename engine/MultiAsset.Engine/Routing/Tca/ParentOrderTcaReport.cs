using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Routing.Tca;

/// <summary>
/// Transaction-cost analysis of one finished parent order (from <see cref="ParentOrderTca.Report"/>). Prices in quote
/// currency per unit, quantities in units, costs in quote currency, slippage in bps; positive = cost for both sides.
/// Latencies are nanoseconds, null when an event never happened.
/// </summary>
public readonly record struct ParentOrderTcaReport
{
    /// <summary>Engine order id.</summary>
    public long OrderId { get; init; }

    /// <summary>The strategy that decided the order.</summary>
    public StrategyId Strategy { get; init; }

    /// <summary>The instrument's asset class.</summary>
    public AssetClass AssetClass { get; init; }

    /// <summary>How the order was worked.</summary>
    public ExecutionAlgorithm Algorithm { get; init; }

    /// <summary>Buy or Sell.</summary>
    public OrderSide Side { get; init; }

    /// <summary>Ordered quantity Q.</summary>
    public double OrderedQuantity { get; init; }

    /// <summary>Filled quantity Q_f.</summary>
    public double FilledQuantity { get; init; }

    /// <summary>Q_f / Q (above 1 if a venue overfilled).</summary>
    public double FillRate { get; init; }

    /// <summary>Number of fills.</summary>
    public int Fills { get; init; }

    /// <summary>P_d, the reference price when the order was decided.</summary>
    public double DecisionPrice { get; init; }

    /// <summary>P_0, the reference price when the order reached the market (= P_d if no arrival was recorded).</summary>
    public double ArrivalPrice { get; init; }

    /// <summary>P_end, the reference price when the order finished.</summary>
    public double EndPrice { get; init; }

    /// <summary>p̄, the average fill price; null without fills.</summary>
    public double? AveragePrice { get; init; }

    /// <summary>Market VWAP over the order's interval; null when no market trade was recorded.</summary>
    public double? IntervalVwap { get; init; }

    /// <summary>s·(p̄ − P_0)/P_0 in bps; null without fills.</summary>
    public double? SlippageVsArrivalBps { get; init; }

    /// <summary>s·(p̄ − VWAP)/VWAP in bps; null without fills or market trades.</summary>
    public double? SlippageVsVwapBps { get; init; }

    /// <summary>The implementation-shortfall decomposition, in currency.</summary>
    public ShortfallDecomposition Shortfall { get; init; }

    /// <summary>Total shortfall / paper notional (Q·P_d), in bps.</summary>
    public double ImplementationShortfallBps { get; init; }

    /// <summary>Decision → first acknowledgement.</summary>
    public long? DecisionToAckNs { get; init; }

    /// <summary>First acknowledgement → first fill.</summary>
    public long? AckToFirstFillNs { get; init; }

    /// <summary>Decision → first fill.</summary>
    public long? DecisionToFirstFillNs { get; init; }

    /// <summary>Decision → last fill.</summary>
    public long? DecisionToLastFillNs { get; init; }
}
