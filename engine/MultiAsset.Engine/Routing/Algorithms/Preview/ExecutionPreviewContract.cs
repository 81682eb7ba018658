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

    /// <summary>ε, the fixed cost per unit traded (half spread plus fees) in quote currency per unit, ≥ 0 and below
    /// <see cref="Price"/> when a price is given. Default 0. Adds exactly ε·X to the expected cost; does not change the schedule.</summary>
    public double? FixedCostPerUnit { get; init; }

    /// <summary>Units per lot (&gt; 0, default 1); with rounding other than <c>none</c> every child is a whole number of lots.</summary>
    public decimal? LotSize { get; init; }

    /// <summary>How the exact schedule becomes children: <c>cumulative</c> (default: the cumulative target rounded half
    /// up), <c>largestRemainder</c> (each slice's target floored, the leftover lots to the largest remainders, ties to
    /// the earlier slice) or <c>none</c> (the exact, unrounded trade list).</summary>
    public string? Rounding { get; init; }
}

/// <summary>The exact (unrounded) schedule and its cost, in instrument units.</summary>
public sealed record ExecutionPreviewTrajectory
{
    /// <summary>Holdings still to trade x_k after slice k, k = 0..N (x_0 = X, x_N = 0), in units.</summary>
    public required IReadOnlyList<double> Holdings { get; init; }

    /// <summary>Trade list n_k = x_{k−1} − x_k, k = 1..N, in units (sums to X).</summary>
    public required IReadOnlyList<double> Trades { get; init; }

    /// <summary>E of the exact schedule including ε·X, quote currency.</summary>
    public double ExpectedCost { get; init; }

    /// <summary>E of the exact schedule without the fixed cost (ε = 0), quote currency.</summary>
    public double ExpectedCostWithoutFixedCost { get; init; }

    /// <summary>V of the exact schedule, quote currency squared (ε does not change it).</summary>
    public double CostVariance { get; init; }
}

/// <summary>One child of the previewed schedule.</summary>
public sealed record ExecutionPreviewChild
{
    /// <summary>When the child starts, seconds after the order starts (slice index × sliceSeconds).</summary>
    public double OffsetSeconds { get; init; }

    /// <summary>Child quantity in instrument units (&gt; 0; a whole number of lots unless rounding is <c>none</c>).</summary>
    public decimal Quantity { get; init; }
}

/// <summary>Response of the pre-trade schedule preview (camelCase JSON).</summary>
public sealed record ExecutionPreviewResponse
{
    /// <summary>The non-empty children in time order; their quantities sum exactly to the request's quantity. Slices with no
    /// quantity are omitted (e.g. TWAP of 3 lots over 5 slices lists 3 children).</summary>
    public required IReadOnlyList<ExecutionPreviewChild> Children { get; init; }

    /// <summary>Almgren–Chriss expected cost E of the children, in quote currency (positive = cost), including ε·X.</summary>
    public double ExpectedCost { get; init; }

    /// <summary>E of the children without the fixed cost (ε = 0): <see cref="ExpectedCost"/> − ε·X.</summary>
    public double ExpectedCostWithoutFixedCost { get; init; }

    /// <summary>ε·X, quote currency.</summary>
    public double FixedCost { get; init; }

    /// <summary>Almgren–Chriss variance V of the cost of the children, in quote currency squared (the same with or without ε).</summary>
    public double CostVariance { get; init; }

    /// <summary>The rounding applied (cumulative | largestRemainder | none).</summary>
    public required string Rounding { get; init; }

    /// <summary>ε used, quote currency per unit.</summary>
    public double FixedCostPerUnit { get; init; }

    /// <summary>κ of the discrete model in 1/second: the root of (2/τ²)(cosh κτ − 1) = κ̃² (0 when λσ² = 0); omitted when infinite (η̃ = 0).</summary>
    public double? Kappa { get; init; }

    /// <summary>κ̃ = √(λσ²/η̃) in 1/second, the continuous-time urgency (κ → κ̃ as τ → 0); omitted when infinite (η̃ = 0).</summary>
    public double? KappaContinuous { get; init; }

    /// <summary>The Almgren–Chriss half-life θ = 1/κ in seconds; omitted when κ = 0 (no urgency: TWAP) or infinite.</summary>
    public double? HalfLifeSeconds { get; init; }

    /// <summary>The exact (unrounded) schedule of the algorithm and its cost.</summary>
    public required ExecutionPreviewTrajectory Trajectory { get; init; }
}

/// <summary>Source-generated JSON metadata for the preview contract (camelCase, nulls omitted; unknown fields, duplicate keys and numbers in strings rejected).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, AllowDuplicateProperties = false, NumberHandling = JsonNumberHandling.Strict, WriteIndented = false)]
[JsonSerializable(typeof(ExecutionPreviewRequest))]
[JsonSerializable(typeof(ExecutionPreviewResponse))]
internal sealed partial class ExecutionPreviewJsonContext : JsonSerializerContext;
