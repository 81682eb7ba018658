namespace MultiAsset.Engine.Risk.Analytics.Hedging;

/// <summary>An instrument the hedger may trade, with its bounds and what it needs to turn a notional into a quantity.</summary>
public sealed record HedgeCandidate
{
    /// <summary>Symbol; must be one of the problem's instruments (it may already have exposure).</summary>
    public required string Symbol { get; init; }

    /// <summary>Largest |hedge notional| (base currency); null = unbounded.</summary>
    public double? MaxNotional { get; init; }

    /// <summary>Whether the hedge may buy (notional &gt; 0).</summary>
    public bool AllowLong { get; init; } = true;

    /// <summary>Whether the hedge may sell (notional &lt; 0).</summary>
    public bool AllowShort { get; init; } = true;

    /// <summary>Price in the quote currency, for the quantity; null = no quantity.</summary>
    public decimal? Price { get; init; }

    /// <summary>Base-currency value of one unit of the quote currency.</summary>
    public decimal QuoteToBaseRate { get; init; } = 1m;

    /// <summary>Lot the quantity is rounded to; null = 10⁻⁸.</summary>
    public decimal? LotSize { get; init; }
}

/// <summary>
/// The account-level hedge problem: exposures e (base currency, signed) to n instruments, the covariance Σ of their
/// returns (n×n row-major, per period, symmetric PSD) and the candidate hedge instruments.
/// </summary>
public sealed record HedgeProblem
{
    /// <summary>Instrument symbols; <see cref="Exposures"/> and <see cref="Covariance"/> are in this order.</summary>
    public required IReadOnlyList<string> Symbols { get; init; }

    /// <summary>Signed exposure per instrument, base currency.</summary>
    public required IReadOnlyList<double> Exposures { get; init; }

    /// <summary>Return covariance, n×n row-major.</summary>
    public required IReadOnlyList<double> Covariance { get; init; }

    /// <summary>The hedge instruments.</summary>
    public required IReadOnlyList<HedgeCandidate> Candidates { get; init; }
}

/// <summary>The result of <see cref="MinimumVarianceHedger.Suggest"/>.</summary>
public sealed record HedgeSuggestion
{
    /// <summary>One per candidate, in candidate order (the seed's <c>crossAssetHedges</c>).</summary>
    public required IReadOnlyList<HedgingStrategy> Hedges { get; init; }

    /// <summary>eᵀΣe.</summary>
    public required double VarianceBefore { get; init; }

    /// <summary>(e + h)ᵀΣ(e + h).</summary>
    public required double VarianceAfter { get; init; }

    /// <summary>1 − after ÷ before, in [0, 1].</summary>
    public required double Effectiveness { get; init; }

    /// <summary>The solver's status (Solved, MaxIterationsReached).</summary>
    public required string SolverStatus { get; init; }

    /// <summary>Solver iterations.</summary>
    public required int Iterations { get; init; }
}
