namespace MultiAsset.Engine.Risk.Analytics.Measures;

/// <summary>
/// What to compute and by which conventions. Every default is stated on its member; <see cref="Default"/> is a 99%
/// one-period parametric normal VaR with k-th-worst tail statistics.
/// </summary>
public sealed record RiskMeasureOptions
{
    /// <summary>The defaults.</summary>
    public static RiskMeasureOptions Default { get; } = new();

    /// <summary>Parametric (default), Historical or MonteCarlo.</summary>
    public VaRMethod Method { get; init; } = VaRMethod.Parametric;

    /// <summary>Confidence level c, a fraction in (0, 1) (default 0.99). VaR is the loss exceeded with probability 1 − c.</summary>
    public double Confidence { get; init; } = 0.99;

    /// <summary>
    /// Horizon h in periods of the inputs (e.g. days for daily returns), h &gt; 0 (default 1). Every method scales the
    /// one-period distribution by √h (square-root-of-time): parametric σ·√h, Monte Carlo draws × √h, historical
    /// one-period scenario P&amp;L × √h (no overlapping h-period returns). A given mean is scaled by h.
    /// </summary>
    public double Horizon { get; init; } = 1;

    /// <summary>Tail convention of the empirical methods (default KthWorst); ignored by Parametric.</summary>
    public QuantileConvention Quantile { get; init; } = QuantileConvention.KthWorst;

    /// <summary>Distribution of the parametric and Monte Carlo methods (default Normal).</summary>
    public ReturnDistribution Distribution { get; init; } = ReturnDistribution.Normal;

    /// <summary>Student-t degrees of freedom ν &gt; 2 (default 5); used when <see cref="Distribution"/> is StudentT.</summary>
    public double DegreesOfFreedom { get; init; } = 5;

    /// <summary>Monte Carlo paths (default 10 000).</summary>
    public int Paths { get; init; } = 10_000;

    /// <summary>Monte Carlo seed (default 42). The same seed gives bit-identical results (single-threaded generator).</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>
    /// Correlation risk: the constant pairwise correlation ρ of the stressed scenario (default +1: no diversification),
    /// in [−1, 1]. Ignored when <see cref="StressedCorrelationMatrix"/> is given.
    /// </summary>
    public double StressedCorrelation { get; init; } = 1;

    /// <summary>Correlation risk: a full stressed correlation matrix (n×n, unit diagonal, symmetric), or null.</summary>
    public RiskMatrix? StressedCorrelationMatrix { get; init; }

    /// <summary>Concentration: how many of the largest shares are listed (default 5).</summary>
    public int TopN { get; init; } = 5;

    /// <summary>
    /// Whether to compute the per-instrument incremental and standalone VaR (default true). For the empirical methods
    /// they cost one selection over the N scenarios per instrument.
    /// </summary>
    public bool InstrumentDetail { get; init; } = true;
}
