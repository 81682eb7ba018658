namespace MultiAsset.Engine.MarketData.Synthetic;

/// <summary>
/// How the correlation matrix over the tradable instruments is assembled (<c>correlation</c>). For each pair the
/// most specific rule wins: an explicit symbol pair, then a sector pair, then a sector paired with <c>*</c> (any sector
/// of the same asset class), then the shared-currency rule (two FX pairs with a common currency), then the safe-haven
/// rule (a safe-haven symbol against a stock or crypto risk asset), then the asset-class pair.
/// </summary>
public sealed class CorrelationSettings
{
    /// <summary>Correlations by asset-class pair; every one of the six pairs has a value (defaults filled in).</summary>
    public required IReadOnlyList<CorrelationEntry> Classes { get; init; }

    /// <summary>Correlations by sector pair (either side may be <c>*</c>).</summary>
    public required IReadOnlyList<CorrelationEntry> Sectors { get; init; }

    /// <summary>Correlations by symbol pair.</summary>
    public required IReadOnlyList<CorrelationEntry> Pairs { get; init; }

    /// <summary>
    /// Magnitude of the correlation of two FX pairs that share a currency: positive when it is on the same side
    /// (EURUSD/GBPUSD), negative when on opposite sides (EURUSD/USDCHF), because the shared leg moves both. Below 0.5
    /// the FX block is positive definite by construction (see the README); pairs without a shared currency get the
    /// FOREX/FOREX class value (0 by default, as in the currency-factor model).
    /// </summary>
    public double SharedCurrency { get; init; } = 0.45;

    /// <summary>
    /// Correlation of a symbol safe haven (TLT, GLD: one that rises in a flight to quality) with a stock or crypto
    /// risk asset when no symbol or sector rule covers the pair: safe havens hedge, so the asset-class default
    /// (stocks with stocks) would be wrong for them.
    /// </summary>
    public double SafeHavenVsRisk { get; init; } = -0.2;

    /// <summary>What to do with a matrix that is not positive definite.</summary>
    public NonPositiveDefinitePolicy IfNotPositiveDefinite { get; init; } = NonPositiveDefinitePolicy.Reject;
}
