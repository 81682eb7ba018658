namespace MultiAsset.Engine.Backtest.Import;

/// <summary>What the rows of an imported file are.</summary>
public enum ImportKind
{
    /// <summary>OHLCV bars (optionally with bid/ask columns, which add a quote at the bar's time).</summary>
    Bars,

    /// <summary>Top-of-book quotes: bid, ask and (optionally) their sizes.</summary>
    Quotes,

    /// <summary>Trades: price, size and (optionally) the aggressor side.</summary>
    Trades,
}
