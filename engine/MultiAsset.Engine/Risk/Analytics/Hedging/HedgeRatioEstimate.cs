namespace MultiAsset.Engine.Risk.Analytics.Hedging;

/// <summary>
/// A minimum-variance hedge ratio β = Cov(r_a, r_h) ÷ Var(r_h) with the moments it comes from (per return period).
/// </summary>
/// <param name="Method"><c>ewma</c>, <c>ols</c> or <c>rollingOls</c>.</param>
/// <param name="Beta">The hedge ratio.</param>
/// <param name="Correlation">ρ = Cov ÷ √(Var_a·Var_h).</param>
/// <param name="Covariance">Cov(r_a, r_h).</param>
/// <param name="AssetVariance">Var(r_a).</param>
/// <param name="HedgeVariance">Var(r_h).</param>
/// <param name="Observations">Returns used.</param>
/// <param name="EndIndex">Index of the last return used (for rolling estimates).</param>
public sealed record HedgeRatioEstimate(string Method, double Beta, double Correlation, double Covariance, double AssetVariance, double HedgeVariance, int Observations, int EndIndex)
{
    /// <summary>Variance reduction of hedging one unit of the asset with −β of the hedge: ρ² (in-sample).</summary>
    public double Effectiveness => Correlation * Correlation;
}
