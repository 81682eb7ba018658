namespace MultiAsset.Host.ReplayDiff;

/// <summary>
/// What makes "the same order" on both sides of a replay diff: engine order ids are not stable (a side that makes one
/// more order shifts every later id), so an order is named by account, strategy, instrument and side, and its ordinal
/// among that strategy's orders in that instrument and direction (0 = its first buy of BTCUSD). A refused order keeps
/// its ordinal (the gate refuses after the order exists), so a tightened limit changes the verdict of an order without
/// renaming the ones after it; a strategy that emits a different number of orders shifts the ordinals of its later
/// orders in that instrument and side only.
/// </summary>
public readonly record struct ReplayOrderKey(string Account, string Strategy, string Symbol, string Side, int Ordinal)
{
    /// <inheritdoc />
    public override string ToString() => $"{Account}/{Strategy}/{Symbol}/{Side}#{Ordinal}";
}

/// <summary>A fill named by its parent order's key and its ordinal among that parent's fills (0 = the first).</summary>
public readonly record struct ReplayFillKey(ReplayOrderKey Order, int Ordinal)
{
    /// <inheritdoc />
    public override string ToString() => $"{Order} fill#{Ordinal}";
}
