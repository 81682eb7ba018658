using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Routing.Smart;

/// <summary>
/// One venue's share of a routed slice. <see cref="DisplayedQuantity"/> is what its displayed levels are expected to fill,
/// up to <see cref="WorstPrice"/> (the child's limit for an immediate sweep); any excess of <see cref="Quantity"/> over it is
/// the remainder the displayed depth could not fill, routed here to rest or be cancelled at the slice's own limit.
/// </summary>
/// <param name="Venue">Where to send.</param>
/// <param name="Quantity">Total to send.</param>
/// <param name="DisplayedQuantity">The part covered by displayed depth.</param>
/// <param name="WorstPrice">The deepest displayed level taken (zero when nothing displayed is taken).</param>
/// <param name="ExpectedNotional">Σ level price × quantity taken there (quote currency).</param>
/// <param name="ExpectedFee">Σ taker fee per level, exactly as the venue charges per fill.</param>
public readonly record struct RouteAllocation(VenueId Venue, Quantity Quantity, Quantity DisplayedQuantity, Price WorstPrice, Money ExpectedNotional, Money ExpectedFee)
{
    /// <summary>Quantity sent beyond the displayed depth.</summary>
    public Quantity Remainder => Quantity - DisplayedQuantity;
}
