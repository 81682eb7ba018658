namespace MultiAsset.Engine.Routing.Algorithms;

/// <summary>
/// Inputs of the Almgren–Chriss model (Almgren &amp; Chriss, "Optimal execution of portfolio transactions", 2000),
/// in the paper's absolute units. "Unit" is one unit of the instrument (a share, a coin, one unit of FX base currency);
/// "currency" is the quote currency; time is in seconds.
/// </summary>
/// <param name="SliceSeconds">τ, the length of one slice (s), &gt; 0. The horizon is T = N·τ.</param>
/// <param name="Volatility">σ, absolute price volatility in currency per unit per √second (the paper's σ): the price moves
/// σ·√τ (one standard deviation) over a slice. From a relative volatility per √s multiply by the price; from a daily
/// relative volatility σ_d over a session of S seconds, σ = σ_d · price / √S.</param>
/// <param name="TemporaryImpact">η, temporary impact in currency per unit per (unit/second): trading n units in a slice moves
/// the execution price by η·n/τ against us for that slice only.</param>
/// <param name="PermanentImpact">γ, permanent impact in currency per unit per unit: every unit traded moves the price by γ for
/// good.</param>
/// <param name="RiskAversion">λ, risk aversion per currency unit (the weight of variance, currency², against expected cost,
/// currency). 0 is risk-neutral: the optimal trajectory is then TWAP.</param>
/// <param name="FixedCostPerUnit">ε, the fixed cost per unit traded (half spread plus fees, currency per unit); 0 allowed.</param>
public readonly record struct AlmgrenChrissParameters(
    double SliceSeconds,
    double Volatility,
    double TemporaryImpact,
    double PermanentImpact,
    double RiskAversion,
    double FixedCostPerUnit = 0)
{
    /// <summary>η̃ = η − γτ/2, the temporary impact corrected for the discrete-time permanent impact (the paper's eq. for E).</summary>
    public double AdjustedTemporaryImpact => TemporaryImpact - (0.5 * PermanentImpact * SliceSeconds);

    /// <summary>
    /// Throws unless every field is finite and in range: τ &gt; 0, σ, η, γ, λ, ε ≥ 0, and η̃ ≥ 0 (a negative η̃ would
    /// make faster trading cheaper, which the model does not allow).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A field is out of range; the parameter name is the field's.</exception>
    public void Validate()
    {
        if (!(SliceSeconds > 0) || !double.IsFinite(SliceSeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(SliceSeconds), SliceSeconds, "slice length τ must be a positive, finite number of seconds.");
        }

        NonNegative(Volatility, nameof(Volatility));
        NonNegative(TemporaryImpact, nameof(TemporaryImpact));
        NonNegative(PermanentImpact, nameof(PermanentImpact));
        NonNegative(RiskAversion, nameof(RiskAversion));
        NonNegative(FixedCostPerUnit, nameof(FixedCostPerUnit));
        if (AdjustedTemporaryImpact < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(TemporaryImpact),
                TemporaryImpact,
                $"η̃ = η − γτ/2 = {AdjustedTemporaryImpact} is negative: temporary impact must be at least permanentImpact·sliceSeconds/2.");
        }
    }

    private static void NonNegative(double value, string name)
    {
        if (!(value >= 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number ≥ 0.");
        }
    }
}
