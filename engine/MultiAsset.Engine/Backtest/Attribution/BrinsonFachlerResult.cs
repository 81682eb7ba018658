namespace MultiAsset.Engine.Backtest.Attribution;

/// <summary>
/// A single-period Brinson–Fachler attribution. Identity: <see cref="Effects"/>.Total = R_p − R_b
/// (<see cref="ActiveReturn"/>) up to floating-point rounding, which <see cref="Residual"/> reports.
/// </summary>
public sealed record BrinsonFachlerResult
{
    /// <summary>R_p = Σ w_p r_p.</summary>
    public required double PortfolioReturn { get; init; }

    /// <summary>R_b = Σ w_b r_b.</summary>
    public required double BenchmarkReturn { get; init; }

    /// <summary>R_p − R_b.</summary>
    public required double ActiveReturn { get; init; }

    /// <summary>Per segment, in the order given.</summary>
    public required IReadOnlyList<BrinsonEffects> Segments { get; init; }

    /// <summary>Sums over the segments (Segment = "TOTAL").</summary>
    public required BrinsonEffects Effects { get; init; }

    /// <summary>ActiveReturn − Effects.Total: only rounding (of order 1e-16) for one period.</summary>
    public double Residual => ActiveReturn - Effects.Total;
}
