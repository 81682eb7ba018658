namespace MultiAsset.Engine.Risk;

/// <summary>
/// What the stop-loss threshold of an asset class is measured from (<c>stopLossBasis</c> in risk.json). Both measure a
/// loss as a fraction of the class's cost basis (the entry cost of its open positions).
/// </summary>
public enum StopLossBasis : byte
{
    /// <summary>Loss from entry: −(unrealised P&amp;L) ÷ cost basis. A classic stop.</summary>
    Entry = 0,

    /// <summary>
    /// Loss from peak (trailing): (highest unrealised P&amp;L since the class was last flat, at least 0 − unrealised
    /// P&amp;L) ÷ cost basis. Never smaller than the loss from entry.
    /// </summary>
    Peak = 1,
}
