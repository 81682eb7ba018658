using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Compliance;

/// <summary>One parent order as the audit trail tells it: creation, risk verdict, and its child orders.</summary>
public sealed class OrderLifecycle
{
    /// <summary>The engine's parent order id.</summary>
    public long OrderId { get; init; }

    /// <summary>Creation time (ns) and the input sequence of the event that created it.</summary>
    public long CreatedAt { get; set; }

    /// <summary>Input sequence of the creation record.</summary>
    public long CreatedSequence { get; set; }

    /// <summary>Account, strategy and instrument ids.</summary>
    public int Account { get; set; } = -1;

    /// <inheritdoc cref="Account"/>
    public int Strategy { get; set; } = -1;

    /// <inheritdoc cref="Account"/>
    public int Instrument { get; set; } = -1;

    /// <summary>Buy or sell.</summary>
    public OrderSide Side { get; set; }

    /// <summary>Market, limit, ...</summary>
    public OrderType Type { get; set; }

    /// <summary>The execution algorithm.</summary>
    public ExecutionAlgorithm Algorithm { get; set; }

    /// <summary>Quantity ordered (raw fixed point).</summary>
    public long Quantity { get; set; }

    /// <summary>The arrival price (raw): the order's limit, or the reference mid a market order was decided on.</summary>
    public long ArrivalPrice { get; set; }

    /// <summary>The gate's verdict (Pending until one is recorded).</summary>
    public AuditVerdict Verdict { get; set; }

    /// <summary>Child orders by child id, in routing order.</summary>
    public List<ChildOrderLifecycle> Children { get; } = [];

    /// <summary>Input sequence of the last record about the order (the end of its interval).</summary>
    public long LastSequence { get; set; }

    /// <summary>Time of the last record about the order.</summary>
    public long LastAt { get; set; }
}

/// <summary>What the gate decided.</summary>
public enum AuditVerdict
{
    /// <summary>No verdict recorded.</summary>
    None,

    /// <summary>Accepted.</summary>
    Accepted,

    /// <summary>Refused.</summary>
    Refused,

    /// <summary>Held until the market opens.</summary>
    Held,
}

/// <summary>One child order sent to a venue.</summary>
public sealed class ChildOrderLifecycle
{
    /// <summary>The child's id.</summary>
    public long ChildOrderId { get; init; }

    /// <summary>The venue id.</summary>
    public int Venue { get; init; }

    /// <summary>Child order type (limit children carry <see cref="Limit"/>).</summary>
    public OrderType Type { get; init; }

    /// <summary>Quantity routed (raw).</summary>
    public long Routed { get; init; }

    /// <summary>The child's limit price (raw; 0 for a market child).</summary>
    public long Limit { get; init; }

    /// <summary>When it was routed (ns).</summary>
    public long RoutedAt { get; init; }

    /// <summary>When the venue acknowledged it (ns), or null.</summary>
    public long? AckAt { get; set; }

    /// <summary>Quantity filled (raw).</summary>
    public long Filled { get; set; }

    /// <summary>Σ fill quantity × fill price, exact (quote currency).</summary>
    public decimal FilledNotional { get; set; }

    /// <summary>Σ fees (quote currency).</summary>
    public decimal Fees { get; set; }

    /// <summary>Quantity cancelled (raw).</summary>
    public long Cancelled { get; set; }

    /// <summary>Whether the venue rejected it.</summary>
    public bool Rejected { get; set; }
}
