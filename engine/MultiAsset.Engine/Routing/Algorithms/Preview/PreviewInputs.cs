using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Routing.Algorithms.Preview;

/// <summary>A validated preview request, in the units the schedule and cost functions take.</summary>
/// <param name="Algorithm">One of the seed's five algorithms.</param>
/// <param name="Side">Buy or Sell.</param>
/// <param name="Lots">Parent quantity in lots.</param>
/// <param name="LotSize">Units per lot (exact).</param>
/// <param name="Slices">N.</param>
/// <param name="Profile">The volume profile, or null when the request has none.</param>
/// <param name="Model">Almgren–Chriss inputs with σ converted to absolute (currency per unit per √s) and ε as given.</param>
/// <param name="Rounding">How the exact schedule becomes children.</param>
internal sealed record PreviewInputs(
    ExecutionAlgorithm Algorithm,
    OrderSide Side,
    long Lots,
    decimal LotSize,
    int Slices,
    double[]? Profile,
    AlmgrenChrissParameters Model,
    PreviewRounding Rounding);

/// <summary>How the exact schedule becomes children.</summary>
internal enum PreviewRounding
{
    /// <summary>Cumulative target rounded half up (<see cref="ScheduleRounding"/>).</summary>
    Cumulative,

    /// <summary>Largest-remainder (Hamilton) apportionment of the per-slice targets.</summary>
    LargestRemainder,

    /// <summary>No rounding: the exact trade list.</summary>
    None,
}
