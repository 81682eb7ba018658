namespace MultiAsset.Engine.MarketData.Synthetic;

/// <summary>What to do when the assembled correlation matrix is not positive definite.</summary>
public enum NonPositiveDefinitePolicy
{
    /// <summary>Refuse the configuration with an error naming the smallest eigenvalue (the default: a silent change would hide a config mistake).</summary>
    Reject = 0,

    /// <summary>
    /// Replace the matrix by a nearby correlation matrix: eigenvalues clipped to a small positive floor and the
    /// result rescaled to a unit diagonal (one step of Higham's alternating projections).
    /// </summary>
    Repair = 1,
}
