using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Coordination;

/// <summary>
/// Trailing return of a strategy for <see cref="CapitalAllocationMethod.PerformanceWeighted"/>. Called when shares are
/// recomputed, on the coordination thread: must not allocate and must be deterministic for replays.
/// </summary>
public interface IStrategyPerformance
{
    /// <summary>Return over the last <paramref name="lookbackNanoseconds"/> as a fraction (0.05 = +5 %); NaN when unknown.</summary>
    double TrailingReturn(StrategyId strategy, long lookbackNanoseconds);
}
