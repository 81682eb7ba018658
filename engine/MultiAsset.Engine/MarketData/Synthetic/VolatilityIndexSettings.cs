namespace MultiAsset.Engine.MarketData.Synthetic;

/// <summary>
/// How a volatility-index reference series (VIX) is computed (<c>volatilityIndices.SYMBOL</c>): it relaxes
/// exponentially toward <c>level(regime) · (realised / expected)^sensitivity</c>, where realised is an EWMA of the
/// linked index's volatility and expected is that index's model volatility in the current regime.
/// </summary>
public sealed class VolatilityIndexSettings
{
    /// <summary>The volatility-index symbol.</summary>
    public required string Symbol { get; init; }

    /// <summary>JSON path, or null for the built-in default.</summary>
    public string? Path { get; init; }

    /// <summary>The index whose volatility it tracks; null means SPX if the catalogue has it, else the first index.</summary>
    public string? Index { get; init; }

    /// <summary>Level in the calm regime.</summary>
    public double CalmLevel { get; init; } = 14;

    /// <summary>Level in the stressed regime.</summary>
    public double StressedLevel { get; init; } = 35;

    /// <summary>Half-life (model time) of the relaxation toward the target and of the realised-volatility EWMA.</summary>
    public TimeSpan HalfLife { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Exponent on the realised / expected volatility ratio (0 = regime level only).</summary>
    public double Sensitivity { get; init; } = 0.5;
}
