using MathNet.Numerics.Distributions;

namespace MultiAsset.Engine.Risk.Analytics.Measures;

/// <summary>
/// The standardised (unit-variance) quantile q and ES factor e of the parametric distributions at confidence c, so that
/// for P&amp;L with standard deviation σ and mean μ: VaR = q·σ − μ and ES = e·σ − μ.
/// </summary>
/// <remarks>
/// Normal: q = Φ⁻¹(c), e = φ(q)/(1 − c). Student-t with ν &gt; 2 scaled to unit variance (s = √((ν − 2)/ν)):
/// q = s·t_ν⁻¹(c), e = s·f_ν(t)·(ν + t²)/((ν − 1)(1 − c)) with t = t_ν⁻¹(c) and f_ν the standard t density.
/// Quantiles and densities are MathNet.Numerics'.
/// </remarks>
public static class DistributionQuantiles
{
    /// <summary>q for <paramref name="distribution"/> at <paramref name="confidence"/>.</summary>
    public static double Quantile(ReturnDistribution distribution, double confidence, double degreesOfFreedom) => distribution switch
    {
        ReturnDistribution.Normal => Normal.InvCDF(0, 1, confidence),
        ReturnDistribution.StudentT => Math.Sqrt((degreesOfFreedom - 2) / degreesOfFreedom) * StudentT.InvCDF(0, 1, degreesOfFreedom, confidence),
        _ => throw new ArgumentOutOfRangeException(nameof(distribution), distribution, "unknown distribution"),
    };

    /// <summary>e for <paramref name="distribution"/> at <paramref name="confidence"/>.</summary>
    public static double ShortfallFactor(ReturnDistribution distribution, double confidence, double degreesOfFreedom)
    {
        switch (distribution)
        {
            case ReturnDistribution.Normal:
                return Normal.PDF(0, 1, Normal.InvCDF(0, 1, confidence)) / (1 - confidence);
            case ReturnDistribution.StudentT:
                double nu = degreesOfFreedom;
                double t = StudentT.InvCDF(0, 1, nu, confidence);
                double density = StudentT.PDF(0, 1, nu, t);
                return Math.Sqrt((nu - 2) / nu) * density * (nu + (t * t)) / ((nu - 1) * (1 - confidence));
            default:
                throw new ArgumentOutOfRangeException(nameof(distribution), distribution, "unknown distribution");
        }
    }
}
