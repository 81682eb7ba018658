namespace MultiAsset.Engine.Routing.Algorithms;

/// <summary>
/// How the momentum algorithm turns a short-term momentum signal into a participation rate (see
/// <see cref="MomentumScheduler"/>). Rates are fractions of market volume (0.1 = 10 % of volume).
/// </summary>
/// <param name="BaseParticipation">ρ₀, the participation rate with a neutral signal.</param>
/// <param name="Sensitivity">k, relative change of the rate per unit of adverse momentum: ρ = ρ₀·(1 + k·a). With the signal
/// a return (0.001 = 10 bps), k = 200 doubles the rate at 50 bps of adverse momentum.</param>
/// <param name="MinParticipation">Floor of the rate (≥ 0); 0 lets strongly favourable momentum pause the order.</param>
/// <param name="MaxParticipation">The POV cap: the rate never exceeds it, whatever the signal (≤ 1).</param>
public readonly record struct MomentumParameters(
    double BaseParticipation,
    double Sensitivity,
    double MinParticipation,
    double MaxParticipation)
{
    /// <summary>Throws unless 0 ≤ min ≤ base ≤ max ≤ 1, max &gt; 0 and the sensitivity is finite and ≥ 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A field is out of range; the parameter name is the field's.</exception>
    public void Validate()
    {
        if (!(MaxParticipation > 0 && MaxParticipation <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxParticipation), MaxParticipation, "the POV cap must be in (0, 1].");
        }

        if (!(MinParticipation >= 0 && MinParticipation <= MaxParticipation))
        {
            throw new ArgumentOutOfRangeException(nameof(MinParticipation), MinParticipation, "the minimum participation must be in [0, maxParticipation].");
        }

        if (!(BaseParticipation >= MinParticipation && BaseParticipation <= MaxParticipation))
        {
            throw new ArgumentOutOfRangeException(nameof(BaseParticipation), BaseParticipation, "the base participation must be in [minParticipation, maxParticipation].");
        }

        if (!(Sensitivity >= 0) || !double.IsFinite(Sensitivity))
        {
            throw new ArgumentOutOfRangeException(nameof(Sensitivity), Sensitivity, "the sensitivity must be a finite number ≥ 0.");
        }
    }
}
