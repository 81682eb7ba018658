namespace MultiAsset.Engine.Risk.Analytics.Measures;

/// <summary>
/// The VaR decomposition aggregated over the positions of one asset class or one currency. Component figures are
/// sums of the positions' Euler components (so the groups sum to the total); standalone and incremental figures
/// revalue the group as a whole.
/// </summary>
public sealed record GroupRisk
{
    /// <summary>The asset class or currency.</summary>
    public required string Name { get; init; }

    /// <summary>Number of positions in the group.</summary>
    public int Positions { get; init; }

    /// <summary>Net exposure Σ exposure.</summary>
    public double NetExposure { get; init; }

    /// <summary>Gross exposure Σ |exposure|.</summary>
    public double GrossExposure { get; init; }

    /// <summary>Σ of the positions' component VaR.</summary>
    public double ComponentVaR { get; init; }

    /// <summary>ComponentVaR / total VaR (0 when the total is 0).</summary>
    public double Share { get; init; }

    /// <summary>Σ of the positions' component ES.</summary>
    public double ComponentExpectedShortfall { get; init; }

    /// <summary>VaR of the portfolio minus VaR of the portfolio without the group.</summary>
    public double IncrementalVaR { get; init; }

    /// <summary>VaR of the group alone.</summary>
    public double StandaloneVaR { get; init; }
}
