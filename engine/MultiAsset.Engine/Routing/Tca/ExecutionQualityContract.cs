using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultiAsset.Engine.Routing.Tca;

/// <summary>
/// Response of <c>GET /api/multi-asset/execution/quality</c> (camelCase JSON; the seed names the endpoint but not its
/// shape). Parent-order figures grouped by strategy, asset class and algorithm, child-order figures by venue. Notionals
/// and costs are in the reporting currency; slippage in bps, positive = cost; latencies in microseconds.
/// </summary>
public sealed record ExecutionQualityResponse
{
    /// <summary>Every parent order.</summary>
    public required ExecutionQualityGroup Overall { get; init; }

    /// <summary>Per strategy (by name), sorted by key.</summary>
    public required IReadOnlyList<ExecutionQualityGroup> ByStrategy { get; init; }

    /// <summary>Per asset class (STOCK, FOREX, CRYPTO), sorted by key.</summary>
    public required IReadOnlyList<ExecutionQualityGroup> ByAssetClass { get; init; }

    /// <summary>Per algorithm (TWAP, VWAP, Implementation, Momentum, Liquidity, Direct), sorted by key.</summary>
    public required IReadOnlyList<ExecutionQualityGroup> ByAlgorithm { get; init; }

    /// <summary>Per venue (by name), from the child orders sent there once each is done (filled, cancelled or rejected in full), sorted by key.</summary>
    public required IReadOnlyList<VenueQualityGroup> ByVenue { get; init; }

    /// <summary>
    /// The order counters (docs/orders.md, "Counters"): every order, not only the finished ones the groups above analyse.
    /// Null from an aggregator alone; the router fills it in.
    /// </summary>
    public OrderCounts? Counts { get; init; }
}

/// <summary>
/// The order counters, defined once (docs/orders.md) and shown alike by the status line, <c>/metrics</c>, the execution
/// quality report and maectl. After a run has drained: <c>orders = accepted + refused − routerRefused + heldNow</c> where
/// the router refusals are the rare accepted orders it had no slot for.
/// </summary>
public sealed record OrderCounts
{
    /// <summary>Parent orders (strategy and operator) created by coordination and seen by the router, any verdict.</summary>
    public long Orders { get; init; }

    /// <summary>Orders the risk gate accepted (at once, or at the open after a hold).</summary>
    public long Accepted { get; init; }

    /// <summary>Orders that ended refused: by the gate (at once or at the open), or by the router for want of a slot.</summary>
    public long Refused { get; init; }

    /// <summary>Orders held until the open now.</summary>
    public long HeldNow { get; init; }

    /// <summary>Orders held until the open at some point.</summary>
    public long Held { get; init; }

    /// <summary>Orders open now (new, accepted, working, partially filled, held).</summary>
    public long Open { get; init; }

    /// <summary>Orders completely filled.</summary>
    public long Filled { get; init; }

    /// <summary>Orders cancelled (kill switch; the unfilled rest of an immediate-or-cancel order).</summary>
    public long Cancelled { get; init; }

    /// <summary>Day orders expired at their session's close.</summary>
    public long Expired { get; init; }

    /// <summary>Child orders sent to venues.</summary>
    public long ChildOrders { get; init; }

    /// <summary>Fill reports from venues (= fills applied to the accounts).</summary>
    public long Fills { get; init; }

    /// <summary>Child orders venues rejected (their quantity is routed again).</summary>
    public long VenueRejects { get; init; }
}

/// <summary>Execution quality of a group of parent orders.</summary>
public sealed record ExecutionQualityGroup
{
    /// <summary>The group: a strategy name, an asset class, an algorithm, or "all".</summary>
    public required string Key { get; init; }

    /// <summary>Parent orders.</summary>
    public int Orders { get; init; }

    /// <summary>Fills across them.</summary>
    public int Fills { get; init; }

    /// <summary>Σ ordered quantity × arrival price.</summary>
    public double OrderedNotional { get; init; }

    /// <summary>Σ filled quantity × arrival price.</summary>
    public double FilledNotional { get; init; }

    /// <summary>filledNotional / orderedNotional: the notional-weighted fill rate.</summary>
    public double FillRate { get; init; }

    /// <summary>Mean slippage against arrival, weighted by filled notional; null without fills.</summary>
    public double? SlippageVsArrivalBps { get; init; }

    /// <summary>Mean slippage against the interval VWAP, weighted by filled notional over orders that have one; null if none.</summary>
    public double? SlippageVsVwapBps { get; init; }

    /// <summary>Σ total shortfall / Σ paper notional (quantity × decision price), in bps; null without orders.</summary>
    public double? ImplementationShortfallBps { get; init; }

    /// <summary>Σ of the shortfall components, in the reporting currency.</summary>
    public required ShortfallBreakdown Shortfall { get; init; }

    /// <summary>Latency statistics of the parent orders.</summary>
    public required OrderLatency Latency { get; init; }
}

/// <summary>Implementation-shortfall components summed over a group (positive = cost).</summary>
public sealed record ShortfallBreakdown
{
    /// <summary>Decision → arrival price move on the filled part.</summary>
    public double Delay { get; init; }

    /// <summary>Fills against arrival (impact and spread).</summary>
    public double Execution { get; init; }

    /// <summary>Fees.</summary>
    public double Fees { get; init; }

    /// <summary>Unfilled part marked at the end price against the decision price.</summary>
    public double Opportunity { get; init; }

    /// <summary>The sum.</summary>
    public double Total { get; init; }
}

/// <summary>Parent-order latencies (from the decision).</summary>
public sealed record OrderLatency
{
    /// <summary>Decision → first acknowledgement; null when no order was acknowledged.</summary>
    public LatencyStats? DecisionToAck { get; init; }

    /// <summary>First acknowledgement → first fill.</summary>
    public LatencyStats? AckToFirstFill { get; init; }

    /// <summary>Decision → first fill.</summary>
    public LatencyStats? DecisionToFirstFill { get; init; }
}

/// <summary>Execution quality of the child orders sent to one venue.</summary>
public sealed record VenueQualityGroup
{
    /// <summary>The venue name.</summary>
    public required string Key { get; init; }

    /// <summary>Child orders sent.</summary>
    public int ChildOrders { get; init; }

    /// <summary>Fills.</summary>
    public int Fills { get; init; }

    /// <summary>Σ routed quantity × benchmark (the parent's arrival price).</summary>
    public double RoutedNotional { get; init; }

    /// <summary>Σ filled quantity × benchmark.</summary>
    public double FilledNotional { get; init; }

    /// <summary>filledNotional / routedNotional.</summary>
    public double FillRate { get; init; }

    /// <summary>Mean slippage against the parent's arrival price, weighted by filled notional; null without fills.</summary>
    public double? SlippageVsArrivalBps { get; init; }

    /// <summary>Σ fees.</summary>
    public double Fees { get; init; }

    /// <summary>Latency statistics of the child orders (from the send).</summary>
    public required ChildLatency Latency { get; init; }
}

/// <summary>Child-order latencies (from the send to the venue).</summary>
public sealed record ChildLatency
{
    /// <summary>Send → acknowledgement.</summary>
    public LatencyStats? SendToAck { get; init; }

    /// <summary>Acknowledgement → first fill.</summary>
    public LatencyStats? AckToFirstFill { get; init; }

    /// <summary>Send → first fill.</summary>
    public LatencyStats? SendToFirstFill { get; init; }
}

/// <summary>Distribution of one latency in microseconds; percentiles are nearest-rank (an observed value).</summary>
public sealed record LatencyStats
{
    /// <summary>Observations.</summary>
    public int Count { get; init; }

    /// <summary>Arithmetic mean.</summary>
    public double MeanMicros { get; init; }

    /// <summary>Median (nearest rank).</summary>
    public double P50Micros { get; init; }

    /// <summary>95th percentile.</summary>
    public double P95Micros { get; init; }

    /// <summary>99th percentile.</summary>
    public double P99Micros { get; init; }

    /// <summary>Maximum.</summary>
    public double MaxMicros { get; init; }
}

/// <summary>Source-generated JSON metadata for the quality report (camelCase, nulls omitted).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = false)]
[JsonSerializable(typeof(ExecutionQualityResponse))]
internal sealed partial class ExecutionQualityJsonContext : JsonSerializerContext;
