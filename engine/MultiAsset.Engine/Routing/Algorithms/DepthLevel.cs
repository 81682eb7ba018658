using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Routing.Algorithms;

/// <summary>One displayed price level on one venue, as the liquidity sweep sees it (asks for a buy, bids for a sell).</summary>
/// <param name="Venue">Where the level is displayed.</param>
/// <param name="Price">The level's price.</param>
/// <param name="Lots">Displayed size in lots; levels with 0 or less are ignored.</param>
/// <param name="FeePerUnit">The venue's taker fee per unit, in price units (0 if none): it ranks levels by effective price.</param>
public readonly record struct DepthLevel(VenueId Venue, Price Price, long Lots, Price FeePerUnit = default);
