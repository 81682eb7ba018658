namespace MultiAsset.Engine.Risk.Analytics.Measures;

/// <summary>
/// Correlation risk: how much the VaR rises if correlations move to a stressed state. Defined in the delta-normal
/// model for every method, on the method's covariance of position P&amp;L (the given or estimated Σ for parametric and
/// Monte Carlo; the sample covariance of the horizon-scaled scenario P&amp;L for historical, about its mean, divisor S − 1):
/// <c>CorrelationRisk = q·√(aᵀ R_s a) − q·√(aᵀ R a)</c> with a_i = exposure_i·σ_i (σ_i horizon-scaled), R the current
/// correlation matrix, R_s the stressed one (every off-diagonal = ρ, default ρ = +1, or a given matrix) and q the
/// distribution's one-sided quantile (z_c, or the variance-scaled Student-t quantile). Means are ignored. With ρ = +1
/// and long-only exposures this is the undiversified minus the diversified VaR; short positions offset under ρ = +1.
/// </summary>
public sealed record CorrelationRisk
{
    /// <summary>The stressed constant correlation, or null when a stressed matrix was given.</summary>
    public double? StressedCorrelation { get; init; }

    /// <summary>Delta-normal VaR at the current correlations.</summary>
    public double CurrentVaR { get; init; }

    /// <summary>Delta-normal VaR at the stressed correlations.</summary>
    public double StressedVaR { get; init; }

    /// <summary>StressedVaR − CurrentVaR.</summary>
    public double Value { get; init; }
}
