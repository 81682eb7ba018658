namespace MultiAsset.Engine.Risk.Analytics.Measures;

/// <summary>
/// The risk measures of a portfolio. Amounts are in base currency over the horizon; VaR and ES are positive when
/// they are losses (they are not floored: a VaR below zero means the quantile is a profit).
/// </summary>
public sealed record RiskMeasureResult
{
    /// <summary>The method used.</summary>
    public VaRMethod Method { get; init; }

    /// <summary>The confidence c.</summary>
    public double Confidence { get; init; }

    /// <summary>The horizon in periods.</summary>
    public double Horizon { get; init; }

    /// <summary>The empirical tail convention (reported for every method; Parametric does not use it).</summary>
    public QuantileConvention Quantile { get; init; }

    /// <summary>The distribution (Parametric and MonteCarlo).</summary>
    public ReturnDistribution Distribution { get; init; }

    /// <summary>Number of scenarios or paths N (0 for Parametric).</summary>
    public int ScenarioCount { get; init; }

    /// <summary>KthWorst: k = ⌈N(1 − c)⌉; Interpolated: the number of order statistics in the tail integral; 0 for Parametric.</summary>
    public int TailCount { get; init; }

    /// <summary>Value at risk.</summary>
    public double ValueAtRisk { get; init; }

    /// <summary>Expected shortfall (CVaR).</summary>
    public double ExpectedShortfall { get; init; }

    /// <summary>Per position, in input order.</summary>
    public required IReadOnlyList<InstrumentRisk> ByInstrument { get; init; }

    /// <summary>Per asset class, in order of first appearance.</summary>
    public required IReadOnlyList<GroupRisk> ByAssetClass { get; init; }

    /// <summary>Per currency, in order of first appearance.</summary>
    public required IReadOnlyList<GroupRisk> ByCurrency { get; init; }

    /// <summary>Σ of the positions' standalone VaRs (undiversified VaR); 0 when instrument detail is off.</summary>
    public double StandaloneVaRSum { get; init; }

    /// <summary>StandaloneVaRSum − ValueAtRisk; 0 when instrument detail is off.</summary>
    public double DiversificationBenefit { get; init; }

    /// <summary>Correlation risk.</summary>
    public required CorrelationRisk Correlation { get; init; }

    /// <summary>Concentration risk.</summary>
    public required ConcentrationRisk Concentration { get; init; }
}
