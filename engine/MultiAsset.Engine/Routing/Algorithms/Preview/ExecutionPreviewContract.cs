using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultiAsset.Engine.Routing.Algorithms.Preview;

/// <summary>
/// Request of the pre-trade schedule preview (camelCase JSON). Units are documented per field and in
/// <c>docs/execution-algorithms.md</c>; the cost model is Almgren–Chriss for every algorithm, so previews compare.
/// </summary>
public sealed record ExecutionPreviewRequest
{
    /// <summary>TWAP | VWAP | Implementation | Momentum | Liquidity (case-insensitive). Required.</summary>
    public string? Algorithm { get; init; }

    /// <summary>Buy | Sell (case-insensitive). Required; the linear cost model is symmetric, so it does not change the numbers.</summary>
    public string? Side { get; init; }

    /// <summary>Parent quantity in instrument units, &gt; 0, a whole number of <see cref="LotSize"/>. Required.</summary>
    public decimal? Quantity { get; init; }

    /// <summary>Number of slices N (1 to 1,000,000). Required.</summary>
    public int? Slices { get; init; }

    /// <summary>Slice length τ in seconds (&gt; 0, at most a day); child j starts at j·τ. Required.</summary>
    public double? SliceSeconds { get; init; }

    /// <summary>Volume weights of equal buckets across the interval (any length, normalised). Required for VWAP; used by Momentum.</summary>
    public IReadOnlyList<double>? VolumeProfile { get; init; }

    /// <summary>Reference (arrival) price in quote currency; required (&gt; 0) when <see cref="Volatility"/> &gt; 0.</summary>
    public double? Price { get; init; }

    /// <summary>Relative volatility per √second (a fraction of <see cref="Price"/>, at most 1): σ = volatility × price. Default 0; required for Implementation.</summary>
    public double? Volatility { get; init; }

    /// <summary>η, temporary impact in quote currency per unit per (unit/second). Default 0; required for Implementation.</summary>
    public double? TemporaryImpact { get; init; }

    /// <summary>γ, permanent impact in quote currency per unit per unit. Default 0.</summary>
    public double? PermanentImpact { get; init; }

    /// <summary>λ, risk aversion per unit of quote currency. Default 0; required for Implementation.</summary>
    public double? RiskAversion { get; init; }

    /// <summary>Units per lot (&gt; 0, default 1); every child is a whole number of lots.</summary>
    public decimal? LotSize { get; init; }
}

/// <summary>One child of the previewed schedule.</summary>
public sealed record ExecutionPreviewChild
{
    /// <summary>When the child starts, seconds after the order starts (slice index × sliceSeconds).</summary>
    public double OffsetSeconds { get; init; }

    /// <summary>Child quantity in instrument units (a whole number of lots, &gt; 0).</summary>
    public decimal Quantity { get; init; }
}

/// <summary>Response of the pre-trade schedule preview (camelCase JSON).</summary>
public sealed record ExecutionPreviewResponse
{
    /// <summary>The non-empty children in time order; their quantities sum exactly to the request's quantity. Slices with no
    /// quantity are omitted (e.g. TWAP of 3 lots over 5 slices lists 3 children).</summary>
    public required IReadOnlyList<ExecutionPreviewChild> Children { get; init; }

    /// <summary>Almgren–Chriss expected cost E of the schedule, in quote currency (positive = cost).</summary>
    public double ExpectedCost { get; init; }

    /// <summary>Almgren–Chriss variance V of the cost, in quote currency squared.</summary>
    public double CostVariance { get; init; }
}

/// <summary>Source-generated JSON metadata for the preview contract (camelCase, nulls omitted; unknown fields, duplicate keys and numbers in strings rejected).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, AllowDuplicateProperties = false, NumberHandling = JsonNumberHandling.Strict, WriteIndented = false)]
[JsonSerializable(typeof(ExecutionPreviewRequest))]
[JsonSerializable(typeof(ExecutionPreviewResponse))]
internal sealed partial class ExecutionPreviewJsonContext : JsonSerializerContext;
