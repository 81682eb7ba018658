namespace MultiAsset.Engine.Risk.Analytics.Measures;

/// <summary>
/// The VaR decomposition for one position. All amounts are losses in base currency (positive = loss) over the
/// horizon, at the result's confidence.
/// </summary>
public sealed record InstrumentRisk
{
    /// <summary>Symbol.</summary>
    public required string Symbol { get; init; }

    /// <summary>Asset class.</summary>
    public required string AssetClass { get; init; }

    /// <summary>Currency.</summary>
    public required string Currency { get; init; }

    /// <summary>Signed exposure.</summary>
    public double Exposure { get; init; }

    /// <summary>
    /// Marginal VaR ∂VaR/∂exposure (VaR per unit of base currency added to this position). Parametric: exact
    /// derivative; empirical methods: the tail-window estimator (see <see cref="ComponentVaR"/>).
    /// </summary>
    public double MarginalVaR { get; init; }

    /// <summary>
    /// Euler component VaR = exposure × marginal VaR; the components sum to the total VaR (exactly for the parametric
    /// method up to rounding; for the empirical methods by construction of the rescaled tail-window estimator).
    /// </summary>
    public double ComponentVaR { get; init; }

    /// <summary>ComponentVaR / total VaR (0 when the total is 0).</summary>
    public double Share { get; init; }

    /// <summary>Euler component of the expected shortfall; the components sum to the total ES.</summary>
    public double ComponentExpectedShortfall { get; init; }

    /// <summary>Incremental VaR: VaR of the portfolio minus VaR of the portfolio without this position (full revaluation).</summary>
    public double IncrementalVaR { get; init; }

    /// <summary>VaR of this position alone.</summary>
    public double StandaloneVaR { get; init; }
}
