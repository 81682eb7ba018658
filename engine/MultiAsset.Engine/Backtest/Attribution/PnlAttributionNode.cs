namespace MultiAsset.Engine.Backtest.Attribution;

/// <summary>
/// One row of a P&amp;L attribution tree. Invariant: a row with children has exactly the sum of its children's
/// breakdowns, component by component, to the money unit.
/// </summary>
/// <param name="Level">What the row groups.</param>
/// <param name="Key">Strategy name, asset class seed name or instrument symbol; "TOTAL" for the root.</param>
/// <param name="Pnl">The row's P&amp;L.</param>
/// <param name="Children">Rows one level down, sorted (ordinal by key; asset classes in enum order); empty for a leaf.</param>
public sealed record PnlAttributionNode(PnlAttributionLevel Level, string Key, PnlBreakdown Pnl, IReadOnlyList<PnlAttributionNode> Children)
{
    /// <summary>The root's key.</summary>
    public const string TotalKey = "TOTAL";

    /// <summary>Looks a direct child up by key; null when absent.</summary>
    public PnlAttributionNode? Child(string key)
    {
        foreach (var child in Children)
        {
            if (string.Equals(child.Key, key, StringComparison.Ordinal))
            {
                return child;
            }
        }

        return null;
    }
}
