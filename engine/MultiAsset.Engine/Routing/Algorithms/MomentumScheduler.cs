using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Routing.Algorithms;

/// <summary>
/// Momentum: participation of volume that speeds up when the price runs away from the order and slows down when it
/// comes towards it, never above the POV cap. Pure: the signal and the market volume are inputs, so the live router
/// (observed values) and the tests (given values) run the same code. Allocation-free.
/// </summary>
/// <remarks>
/// <para>The signal m is a short-term return (e.g. the market-data analytics' momentum: 0.002 = +20 bps over the
/// look-back). Adverse momentum is a = +m for a buy and −m for a sell; the rate is
/// ρ = clamp(ρ₀·(1 + k·a), ρ_min, ρ_max). A signal that is not finite (analytics still warming up) counts as neutral.</para>
/// <para>A slice trades ⌊ρ·V⌋ lots of a market volume of V lots (V as printed, our own volume included), never more than
/// what is left: rounding down means the POV cap holds exactly. The cap wins over completion: if volume is too thin the
/// order is left with a residual, which <see cref="Plan"/> returns and TCA books as opportunity cost.</para>
/// </remarks>
public static class MomentumScheduler
{
    /// <summary>The participation rate ρ for <paramref name="momentum"/> on <paramref name="side"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Side is not Buy or Sell.</exception>
    public static double Participation(OrderSide side, double momentum, in MomentumParameters parameters)
    {
        double sign = side switch
        {
            OrderSide.Buy => 1,
            OrderSide.Sell => -1,
            _ => throw new ArgumentOutOfRangeException(nameof(side), side, "side must be Buy or Sell."),
        };
        double adverse = double.IsFinite(momentum) ? sign * momentum : 0;
        double rate = parameters.BaseParticipation * (1 + (parameters.Sensitivity * adverse));
        return Math.Clamp(rate, parameters.MinParticipation, parameters.MaxParticipation);
    }

    /// <summary>Lots to trade in a slice: ⌊<paramref name="participation"/>·V⌋, at most <paramref name="remainingLots"/>.</summary>
    public static long SliceLots(long remainingLots, long marketVolumeLots, double participation)
    {
        if (remainingLots <= 0 || marketVolumeLots <= 0 || !(participation > 0))
        {
            return 0;
        }

        double lots = Math.Floor(Math.Min(participation, 1) * marketVolumeLots);
        return lots >= remainingLots ? remainingLots : (long)lots;
    }

    /// <summary>
    /// Plans a whole order: child lots per slice for the given per-slice signal and market volume. Returns the residual
    /// lots the cap left unscheduled (0 when the order completes).
    /// </summary>
    /// <param name="side">Buy or Sell.</param>
    /// <param name="lots">Parent quantity in lots (≥ 0).</param>
    /// <param name="momentum">Signal at the start of each slice.</param>
    /// <param name="marketVolumeLots">Market volume in each slice, in lots (observed live, forecast for a preview).</param>
    /// <param name="parameters">Rate model; validated.</param>
    /// <param name="children">Destination, one entry per slice.</param>
    /// <exception cref="ArgumentException">The three spans differ in length, or are empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Negative lots, bad side or parameters.</exception>
    public static long Plan(
        OrderSide side,
        long lots,
        ReadOnlySpan<double> momentum,
        ReadOnlySpan<long> marketVolumeLots,
        in MomentumParameters parameters,
        Span<long> children)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lots);
        parameters.Validate();
        int n = children.Length;
        ScheduleRounding.CheckSlices(n, nameof(children));
        if (momentum.Length != n || marketVolumeLots.Length != n)
        {
            throw new ArgumentException($"momentum ({momentum.Length}), marketVolumeLots ({marketVolumeLots.Length}) and children ({n}) must have one entry per slice.", nameof(children));
        }

        long remaining = lots;
        for (int j = 0; j < n; j++)
        {
            long child = SliceLots(remaining, marketVolumeLots[j], Participation(side, momentum[j], parameters));
            children[j] = child;
            remaining -= child;
        }

        return remaining;
    }
}
