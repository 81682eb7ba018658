namespace MultiAsset.Engine.Backtest.Attribution;

/// <summary>What a row of a P&amp;L attribution tree groups.</summary>
public enum PnlAttributionLevel
{
    /// <summary>The root: everything.</summary>
    Total = 0,

    /// <summary>One strategy.</summary>
    Strategy = 1,

    /// <summary>One asset class (its seed name: STOCK, FOREX, CRYPTO).</summary>
    AssetClass = 2,

    /// <summary>One instrument.</summary>
    Instrument = 3,
}
