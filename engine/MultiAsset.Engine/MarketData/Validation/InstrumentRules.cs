using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Instruments;

namespace MultiAsset.Engine.MarketData.Validation;

/// <summary>What the validator checks an instrument's events against.</summary>
/// <param name="TickSize">Prices must be multiples of it (reference series: not checked).</param>
/// <param name="IsReference">A reference series (index, VIX, rate, sentiment): values may be ≤ 0 and are not on a tick grid.</param>
/// <param name="Calendar">When the instrument's market is open.</param>
public sealed record InstrumentRules(Price TickSize, bool IsReference, TradingCalendar Calendar)
{
    /// <summary>The rules of every instrument in <paramref name="catalog"/>, by id.</summary>
    public static IReadOnlyList<InstrumentRules> FromCatalog(InstrumentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.Instruments.Select(i => new InstrumentRules(i.TickSize, !i.IsTradable, i.Calendar)).ToList();
    }
}
