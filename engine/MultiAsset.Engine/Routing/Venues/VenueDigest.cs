using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Routing.Venues;

/// <summary>Digest helpers shared by the venue's parts: reports field by field (never raw struct bytes).</summary>
internal static class VenueDigest
{
    /// <summary>Adds every field of an execution report.</summary>
    public static void Add(StateDigestBuilder builder, in ExecutionData data)
    {
        builder.Add(data.OrderId).Add(data.Quantity.Raw).Add(data.Price.Raw).Add(data.Fee.Raw)
            .Add(data.Account.Value).Add(data.Strategy.Value).Add(data.Venue)
            .Add((int)data.Type).Add((int)data.Side).Add((int)data.Liquidity).Add((int)data.RejectReason);
    }
}
