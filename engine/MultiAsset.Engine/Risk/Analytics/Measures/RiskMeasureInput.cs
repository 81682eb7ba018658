namespace MultiAsset.Engine.Risk.Analytics.Measures;

/// <summary>
/// The portfolio and its market model. Every matrix column (and the covariance row/column) is in the order of
/// <see cref="Positions"/>. Parametric and MonteCarlo need <see cref="Covariance"/> or <see cref="Returns"/>;
/// Historical needs <see cref="Returns"/> or <see cref="Scenarios"/>.
/// </summary>
public sealed record RiskMeasureInput
{
    /// <summary>The positions (exposures in base currency).</summary>
    public required IReadOnlyList<RiskPosition> Positions { get; init; }

    /// <summary>
    /// Covariance Σ of the per-period simple returns (n×n, symmetric, positive semi-definite). Only the lower triangle
    /// (diagonal included) is read; the JSON contract rejects an asymmetric matrix. When absent and
    /// <see cref="Returns"/> is given, Σ is the sample covariance of the returns (about the sample mean, divisor T − 1).
    /// </summary>
    public RiskMatrix? Covariance { get; init; }

    /// <summary>Return history, T×n per-period simple returns (one row per period, oldest first).</summary>
    public RiskMatrix? Returns { get; init; }

    /// <summary>
    /// P&amp;L scenarios, S×n: the one-period P&amp;L of each position (base currency, at the current exposures) in each
    /// scenario. Historical only. The per-unit return of a position is P&amp;L / exposure; a zero-exposure position has
    /// no per-unit return and gets a marginal VaR of 0.
    /// </summary>
    public RiskMatrix? Scenarios { get; init; }

    /// <summary>
    /// Expected per-period return μ of each instrument (parametric and Monte Carlo). Absent = zero mean (the default
    /// assumption: VaR is measured from zero P&amp;L, not from the expected P&amp;L).
    /// </summary>
    public IReadOnlyList<double>? MeanReturns { get; init; }
}
