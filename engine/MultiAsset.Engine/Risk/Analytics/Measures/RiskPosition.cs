namespace MultiAsset.Engine.Risk.Analytics.Measures;

/// <summary>
/// One position as seen by the risk measures: its exposure (signed market value, in the account's base currency;
/// negative = short) together with what it is aggregated by.
/// </summary>
/// <param name="Symbol">Instrument symbol; unique within a request.</param>
/// <param name="AssetClass">"STOCK", "FOREX" or "CRYPTO".</param>
/// <param name="Currency">The instrument's currency (ISO code); the aggregation key of the by-currency view.</param>
/// <param name="Exposure">Signed exposure in base currency: P&amp;L of the position = exposure × return.</param>
public sealed record RiskPosition(string Symbol, string AssetClass, string Currency, double Exposure);
