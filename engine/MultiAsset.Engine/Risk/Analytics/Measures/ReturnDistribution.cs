namespace MultiAsset.Engine.Risk.Analytics.Measures;

/// <summary>Distribution of the per-period returns for the parametric and Monte Carlo methods.</summary>
public enum ReturnDistribution
{
    /// <summary>Multivariate normal with the given covariance Σ.</summary>
    Normal,

    /// <summary>
    /// Multivariate Student-t with ν degrees of freedom whose covariance is Σ (the scale matrix is Σ·(ν − 2)/ν; ν &gt; 2):
    /// a draw is √((ν − 2)/W)·L·z with z standard normal, W ~ χ²(ν) and LLᵀ = Σ.
    /// </summary>
    StudentT,
}
