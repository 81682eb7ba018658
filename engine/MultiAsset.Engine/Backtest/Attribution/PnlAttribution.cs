using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Backtest.Attribution;

/// <summary>
/// P&amp;L attributed three ways, each an exact tree over the same total: by strategy (→ asset class → instrument),
/// by asset class (→ instrument) and by instrument. Costs (fees, slippage) are carried apart in every row.
/// </summary>
/// <remarks>
/// Exactness: every row is a plain sum of fixed-point records (checked long addition, no conversion or rounding
/// here), so each parent equals the sum of its children to the unit and all three roots equal <see cref="Total"/>.
/// Currency conversion, where it is needed, happens before (in the records), as docs/pnl.md describes.
/// </remarks>
public sealed record PnlAttribution
{
    /// <summary>Sum of every record.</summary>
    public required PnlBreakdown Total { get; init; }

    /// <summary>Total → strategy → asset class → instrument.</summary>
    public required PnlAttributionNode ByStrategy { get; init; }

    /// <summary>Total → asset class → instrument.</summary>
    public required PnlAttributionNode ByAssetClass { get; init; }

    /// <summary>Total → instrument.</summary>
    public required PnlAttributionNode ByInstrument { get; init; }

    /// <summary>Attributes <paramref name="records"/>.</summary>
    /// <exception cref="ArgumentException">A record with no strategy or instrument name.</exception>
    /// <exception cref="OverflowException">A sum leaves the fixed-point range.</exception>
    public static PnlAttribution From(IEnumerable<PnlRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var list = records.ToList();
        foreach (var record in list)
        {
            ArgumentNullException.ThrowIfNull(record);
            if (string.IsNullOrEmpty(record.Strategy) || string.IsNullOrEmpty(record.Instrument))
            {
                throw new ArgumentException($"A P&L record needs a strategy and an instrument name: {record}.", nameof(records));
            }
        }

        var byStrategy = Group(PnlAttributionLevel.Total, PnlAttributionNode.TotalKey, list, 0);
        var byAssetClass = Group(PnlAttributionLevel.Total, PnlAttributionNode.TotalKey, list, 1);
        var byInstrument = Group(PnlAttributionLevel.Total, PnlAttributionNode.TotalKey, list, 2);
        return new PnlAttribution { Total = byStrategy.Pnl, ByStrategy = byStrategy, ByAssetClass = byAssetClass, ByInstrument = byInstrument };
    }

    // The levels below the root for each view: 0 = strategy/class/instrument, 1 = class/instrument, 2 = instrument.
    private static readonly PnlAttributionLevel[][] Views =
    [
        [PnlAttributionLevel.Strategy, PnlAttributionLevel.AssetClass, PnlAttributionLevel.Instrument],
        [PnlAttributionLevel.AssetClass, PnlAttributionLevel.Instrument],
        [PnlAttributionLevel.Instrument],
    ];

    private static PnlAttributionNode Group(PnlAttributionLevel level, string key, List<PnlRecord> records, int view, int depth = 0)
    {
        var levels = Views[view];
        if (depth == levels.Length)
        {
            var sum = PnlBreakdown.Zero;
            foreach (var record in records)
            {
                sum += record.Breakdown;
            }

            return new PnlAttributionNode(level, key, sum, []);
        }

        var childLevel = levels[depth];
        var children = records
            .GroupBy(r => KeyOf(r, childLevel), StringComparer.Ordinal)
            .OrderBy(g => SortKey(g.First(), childLevel), StringComparer.Ordinal)
            .Select(g => Group(childLevel, g.Key, g.ToList(), view, depth + 1))
            .ToList();
        var total = PnlBreakdown.Zero;
        foreach (var child in children)
        {
            total += child.Pnl;
        }

        return new PnlAttributionNode(level, key, total, children);
    }

    private static string KeyOf(PnlRecord record, PnlAttributionLevel level) => level switch
    {
        PnlAttributionLevel.Strategy => record.Strategy,
        PnlAttributionLevel.AssetClass => AssetClassNames.ToSeedName(record.AssetClass),
        _ => record.Instrument,
    };

    // Asset classes sort in enum order (STOCK, FOREX, CRYPTO); names sort ordinally.
    private static string SortKey(PnlRecord record, PnlAttributionLevel level) =>
        level == PnlAttributionLevel.AssetClass ? ((int)record.AssetClass).ToString("D3", System.Globalization.CultureInfo.InvariantCulture) : KeyOf(record, level);
}
