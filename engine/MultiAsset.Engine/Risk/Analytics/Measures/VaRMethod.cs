namespace MultiAsset.Engine.Risk.Analytics.Measures;

/// <summary>How the loss distribution of the portfolio is obtained.</summary>
public enum VaRMethod
{
    /// <summary>
    /// Delta-normal: portfolio P&amp;L is normal (or scaled Student-t) with standard deviation √(wᵀΣw) per period,
    /// scaled by √horizon; closed-form VaR, ES and Euler components.
    /// </summary>
    Parametric,

    /// <summary>
    /// Historical simulation: each row of the return history (or each P&amp;L scenario) is one equally likely
    /// one-period outcome, scaled by √horizon; VaR and ES are empirical tail statistics.
    /// </summary>
    Historical,

    /// <summary>
    /// Monte Carlo: seeded multivariate normal or Student-t draws with the given covariance, scaled by √horizon;
    /// VaR and ES are empirical tail statistics of the simulated paths.
    /// </summary>
    MonteCarlo,
}
