namespace MultiAsset.Engine.MarketData.Synthetic;

/// <summary>
/// The two-state (calm / stressed) Markov chain of volatility regimes (<c>regimes</c>), switched once per round.
/// </summary>
public sealed class RegimeSettings
{
    /// <summary>Whether the chain runs at all; when false the market stays calm.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Probability per round of switching from calm to stressed.</summary>
    public double CalmToStressed { get; init; } = 0.0002;

    /// <summary>Probability per round of switching from stressed back to calm.</summary>
    public double StressedToCalm { get; init; } = 0.002;

    /// <summary>Factor on every instrument's volatility while stressed (≥ 1).</summary>
    public double VolatilityMultiplier { get; init; } = 2.5;

    /// <summary>Factor on every spread while stressed (≥ 1).</summary>
    public double SpreadMultiplier { get; init; } = 2;

    /// <summary>
    /// The correlation that risk assets move toward while stressed (safe havens toward its negative); see
    /// <see cref="StressCorrelationWeight"/>.
    /// </summary>
    public double StressCorrelation { get; init; } = 0.8;

    /// <summary>
    /// Weight w of the stress target: the stressed matrix is (1 − w)·C + w·F, with F the one-factor matrix of the stress
    /// correlation; a convex combination of valid correlation matrices, so it stays positive definite.
    /// </summary>
    public double StressCorrelationWeight { get; init; } = 0.6;

    /// <summary>
    /// Annualised drift while stressed: safe havens drift up by this much and risk assets (stocks, crypto, FX pairs
    /// against a safe-haven currency) down — the flight to quality.
    /// </summary>
    public double FlightToQualityDrift { get; init; } = 1.5;

    /// <summary>The safe havens (symbols or currency codes).</summary>
    public required IReadOnlyList<SafeHavenEntry> SafeHavens { get; init; }
}
