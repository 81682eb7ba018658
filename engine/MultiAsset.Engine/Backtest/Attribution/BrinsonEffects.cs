namespace MultiAsset.Engine.Backtest.Attribution;

/// <summary>The three Brinson–Fachler effects of one segment (or their sums over segments or periods).</summary>
/// <param name="Segment">Segment name ("TOTAL" for a sum over segments).</param>
/// <param name="Allocation">(w_p − w_b)(r_b − R_b): over- or under-weighting segments that beat or lagged the benchmark.</param>
/// <param name="Selection">w_b (r_p − r_b): picking better or worse inside the segment, at benchmark weight.</param>
/// <param name="Interaction">(w_p − w_b)(r_p − r_b): the cross term of the two decisions.</param>
public sealed record BrinsonEffects(string Segment, double Allocation, double Selection, double Interaction)
{
    /// <summary>Allocation + selection + interaction.</summary>
    public double Total => Allocation + Selection + Interaction;
}
