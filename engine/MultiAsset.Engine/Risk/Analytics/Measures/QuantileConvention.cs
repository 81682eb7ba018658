namespace MultiAsset.Engine.Risk.Analytics.Measures;

/// <summary>How an empirical VaR and ES are read off N equally likely losses (historical and Monte Carlo).</summary>
public enum QuantileConvention
{
    /// <summary>
    /// VaR is the k-th worst loss with k = ⌈N·(1 − c)⌉ computed exactly in decimal arithmetic (so 500·(1 − 0.99) is
    /// exactly 5), clamped to [1, N]; ES is the mean of the k worst losses (VaR included).
    /// </summary>
    KthWorst,

    /// <summary>
    /// VaR is the Hyndman–Fan type-7 quantile of the losses at probability c (linear interpolation between the order
    /// statistics at h = (N − 1)·c, h computed exactly in decimal); ES is the tail integral
    /// (1/(1 − c))·∫_c^1 Q(u) du of that piecewise-linear quantile function.
    /// </summary>
    Interpolated,
}
