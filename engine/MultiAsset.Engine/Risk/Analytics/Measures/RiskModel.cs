namespace MultiAsset.Engine.Risk.Analytics.Measures;

/// <summary>One method's loss model of the portfolio: totals, Euler decomposition and revaluations of sub-books.</summary>
internal abstract class RiskModel
{
    /// <summary>N (0 for closed-form models).</summary>
    public abstract int ScenarioCount { get; }

    /// <summary>See <see cref="RiskMeasureResult.TailCount"/>.</summary>
    public abstract int TailCount { get; }

    /// <summary>Total VaR.</summary>
    public abstract double ValueAtRisk { get; }

    /// <summary>Total ES.</summary>
    public abstract double ExpectedShortfall { get; }

    /// <summary>Marginal, component VaR and component ES per position.</summary>
    public abstract void Decompose(Span<double> marginal, Span<double> component, Span<double> componentShortfall);

    /// <summary>Incremental and standalone VaR per position.</summary>
    public abstract void InstrumentDetail(Span<double> incremental, Span<double> standalone);

    /// <summary>Fills the incremental and standalone VaR of every group of every grouping.</summary>
    public abstract void GroupDetail(IReadOnlyList<Grouping> groupings);
}
