namespace MultiAsset.Engine.Backtest.Attribution;

/// <summary>
/// Brinson–Fachler over several periods. Single-period effects add up to each period's arithmetic active return, but
/// returns compound, so their plain sum does not add up to the compounded active return; both answers are given:
/// the arithmetic sum with its residual stated, and the Carino-linked effects, which do add up.
/// </summary>
public sealed record BrinsonLinkedResult
{
    /// <summary>Each period's attribution, in order.</summary>
    public required IReadOnlyList<BrinsonFachlerResult> Periods { get; init; }

    /// <summary>Π(1 + R_p,t) − 1.</summary>
    public required double PortfolioReturn { get; init; }

    /// <summary>Π(1 + R_b,t) − 1.</summary>
    public required double BenchmarkReturn { get; init; }

    /// <summary>Compounded active return: PortfolioReturn − BenchmarkReturn.</summary>
    public required double ActiveReturn { get; init; }

    /// <summary>Σ over periods of each segment's effects (segments in order of first appearance), and the total.</summary>
    public required IReadOnlyList<BrinsonEffects> ArithmeticSegments { get; init; }

    /// <summary>Σ over periods of the total effects.</summary>
    public required BrinsonEffects Arithmetic { get; init; }

    /// <summary>ActiveReturn − Arithmetic.Total: the compounding the arithmetic sum leaves unexplained.</summary>
    public double ArithmeticResidual => ActiveReturn - Arithmetic.Total;

    /// <summary>Carino-linked effects per segment; null when a return is ≤ −100 % (the logarithm is undefined).</summary>
    public required IReadOnlyList<BrinsonEffects>? CarinoSegments { get; init; }

    /// <summary>Carino-linked total effects (they sum to ActiveReturn up to rounding); null as above.</summary>
    public required BrinsonEffects? Carino { get; init; }

    /// <summary>ActiveReturn − Carino.Total: rounding only; null when not linked.</summary>
    public double? CarinoResidual => Carino is { } c ? ActiveReturn - c.Total : null;
}
