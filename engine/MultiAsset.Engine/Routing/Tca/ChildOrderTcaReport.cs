using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Routing.Tca;

/// <summary>
/// Execution quality of one child order on one venue (from <see cref="ChildOrderTca.Report"/>): what the venue-level
/// figures of the quality report are built from. Positive slippage = cost; latencies in ns, null when never observed.
/// </summary>
public readonly record struct ChildOrderTcaReport
{
    /// <summary>The parent's order id.</summary>
    public long ParentOrderId { get; init; }

    /// <summary>Where the child was sent.</summary>
    public VenueId Venue { get; init; }

    /// <summary>Buy or Sell.</summary>
    public OrderSide Side { get; init; }

    /// <summary>Quantity sent.</summary>
    public double RoutedQuantity { get; init; }

    /// <summary>Quantity filled.</summary>
    public double FilledQuantity { get; init; }

    /// <summary>Filled / routed.</summary>
    public double FillRate { get; init; }

    /// <summary>Number of fills.</summary>
    public int Fills { get; init; }

    /// <summary>The benchmark: the parent's arrival price.</summary>
    public double BenchmarkPrice { get; init; }

    /// <summary>Average fill price; null without fills.</summary>
    public double? AveragePrice { get; init; }

    /// <summary>s·(p̄ − benchmark)/benchmark in bps; null without fills.</summary>
    public double? SlippageBps { get; init; }

    /// <summary>Fees in quote currency.</summary>
    public double Fees { get; init; }

    /// <summary>Send → acknowledgement.</summary>
    public long? SendToAckNs { get; init; }

    /// <summary>Acknowledgement → first fill.</summary>
    public long? AckToFirstFillNs { get; init; }

    /// <summary>Send → first fill.</summary>
    public long? SendToFirstFillNs { get; init; }
}
