using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Routing.Venues;

/// <summary>
/// How a simulated venue builds its book around the feed's quote: its own spread (the feed's half-spread times a
/// multiplier, rounded outward to the tick), then <see cref="Levels"/> levels per side spaced <see cref="LevelSpacingTicks"/>
/// ticks apart, each displaying a fixed size. Displayed size taken by orders is gone until the next quote refresh.
/// </summary>
/// <param name="HalfSpreadMultiplierRaw">Multiplier of the feed's half-spread, fixed point × 10^8 (1.0 = the feed's own spread).</param>
/// <param name="Levels">Levels per side (≥ 1).</param>
/// <param name="LevelSpacingTicks">Ticks between consecutive levels (≥ 1).</param>
/// <param name="DepthLots">Size per level in lots; 0 when <paramref name="DepthNotional"/> is used.</param>
/// <param name="DepthNotional">Size per level as notional in the quote currency (rounded down to whole lots at each level's
/// price); zero when <paramref name="DepthLots"/> is used.</param>
public readonly record struct VenueLiquidityModel(long HalfSpreadMultiplierRaw, int Levels, int LevelSpacingTicks, long DepthLots, Money DepthNotional)
{
    /// <summary>The half-spread multiplier as a decimal.</summary>
    public decimal HalfSpreadMultiplier => FixedPoint.ToDecimal(HalfSpreadMultiplierRaw);
}
