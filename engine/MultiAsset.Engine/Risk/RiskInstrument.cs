using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Risk;

/// <summary>What the gate needs of an instrument per order, copied out of the catalogue into one array for locality.</summary>
/// <param name="LotRaw">Lot size, raw quantity units (positive).</param>
/// <param name="MinNotionalRaw">Smallest order notional in the quote currency, raw money units (0 = none).</param>
/// <param name="AssetClass">The instrument's asset class.</param>
/// <param name="Tradable">False for reference series, which never take orders.</param>
internal readonly record struct RiskInstrument(long LotRaw, long MinNotionalRaw, AssetClass AssetClass, bool Tradable);
