namespace MultiAsset.Engine.Risk.Analytics.Hedging;

/// <summary>
/// One hedge suggestion, an item of the seed's <c>crossAssetHedges: HedgingStrategy[]</c>. Notionals and variances are
/// in the account's base currency (variance in currency² per return period of the covariance used).
/// </summary>
public sealed record HedgingStrategy
{
    /// <summary>The instrument to trade as the hedge.</summary>
    public required string HedgeInstrument { get; init; }

    /// <summary>The hedged asset for a single-asset hedge (<c>ewma</c>/<c>ols</c>); null for an account-level hedge.</summary>
    public string? PrimaryAsset { get; init; }

    /// <summary><c>ewma</c>, <c>ols</c>, <c>rollingOls</c> (single-asset β hedges) or <c>minimumVariance</c> (QP over the account).</summary>
    public required string Method { get; init; }

    /// <summary>
    /// Hedge notional per unit of hedged notional: β for a single-asset hedge (notional = −β × exposure); for an account
    /// hedge −notional ÷ (net exposure of the non-hedge instruments), null when that is 0.
    /// </summary>
    public double? HedgeRatio { get; init; }

    /// <summary>
    /// Minimum-variance β: Cov(r_a, r_h)/Var(r_h) for a single-asset hedge; for an account hedge the account P&amp;L's
    /// notional beta to the instrument, (Σe)_h ÷ Σ_hh (the notional that would hedge it alone is −β).
    /// </summary>
    public required double Beta { get; init; }

    /// <summary>Signed hedge notional to add (negative = sell), base currency.</summary>
    public required double Notional { get; init; }

    /// <summary>Notional ÷ (price × quote→base rate), rounded to the lot size when given; null without a price.</summary>
    public decimal? Quantity { get; init; }

    /// <summary>The price used for <see cref="Quantity"/>, quote currency.</summary>
    public decimal? Price { get; init; }

    /// <summary>Variance of the hedged position (single-asset) or account (minimumVariance) before the hedge.</summary>
    public required double VarianceBefore { get; init; }

    /// <summary>Variance after adding the hedge (for minimumVariance: after all suggested hedges together).</summary>
    public required double VarianceAfter { get; init; }

    /// <summary>1 − VarianceAfter ÷ VarianceBefore, clamped to [0, 1]; 0 when VarianceBefore is 0.</summary>
    public required double Effectiveness { get; init; }

    /// <summary>Correlation of the hedge instrument's returns with the hedged asset's returns (or with the account's P&amp;L).</summary>
    public required double Correlation { get; init; }
}
