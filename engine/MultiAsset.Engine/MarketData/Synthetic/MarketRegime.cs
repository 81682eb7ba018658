namespace MultiAsset.Engine.MarketData.Synthetic;

/// <summary>The state of the synthetic market's two-state volatility regime chain.</summary>
public enum MarketRegime
{
    /// <summary>Normal volatility and correlations.</summary>
    Calm = 0,

    /// <summary>Volatility multiplied, correlations pushed toward the stress level, flight-to-quality drift on.</summary>
    Stressed = 1,
}
