using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Routing.Algorithms;
using MultiAsset.Engine.Routing.Venues;

namespace MultiAsset.Engine.Routing.Smart;

/// <summary>
/// Gathers the router's inputs for one slice from live venues: for each venue of the asset class's route, its displayed
/// levels on the side the slice takes, its fees (from the configuration) and its health. Preallocated buffers reused per
/// call, so gathering allocates nothing; the spans are valid until the next <see cref="Gather"/>.
/// </summary>
public sealed class RouteInputs
{
    private readonly VenueRouteInput[] venues;
    private readonly DepthLevel[] depth;
    private readonly int levelsPerVenue;
    private int venueCount;
    private int depthCount;

    /// <summary>Creates buffers for up to <paramref name="maxVenues"/> venues of <paramref name="maxLevelsPerVenue"/> levels.</summary>
    public RouteInputs(int maxVenues, int maxLevelsPerVenue)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxVenues);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLevelsPerVenue);
        venues = new VenueRouteInput[maxVenues];
        depth = new DepthLevel[maxVenues * maxLevelsPerVenue];
        levelsPerVenue = maxLevelsPerVenue;
    }

    /// <summary>The candidate venues of the last gather, in route order.</summary>
    public ReadOnlySpan<VenueRouteInput> Venues => venues.AsSpan(0, venueCount);

    /// <summary>Their displayed levels, addressed by each candidate's depth range.</summary>
    public ReadOnlySpan<DepthLevel> Depth => depth.AsSpan(0, depthCount);

    /// <summary>
    /// Collects the inputs for trading <paramref name="instrument"/> on <paramref name="side"/> across
    /// <paramref name="route"/>; venues that do not trade the instrument are left out. Returns the number of candidates.
    /// </summary>
    /// <param name="route">Venue ids in preference order (<see cref="VenueConfig.RoutesFor"/>).</param>
    /// <param name="all">Every venue, indexed by venue id.</param>
    /// <param name="config">Where fees come from.</param>
    /// <param name="health">Where health comes from.</param>
    /// <param name="instrument">The slice's instrument.</param>
    /// <param name="side">The slice's side.</param>
    public int Gather(ReadOnlySpan<VenueId> route, IReadOnlyList<IExecutionVenue> all, VenueConfig config, VenueHealth health, InstrumentId instrument, OrderSide side)
    {
        ArgumentNullException.ThrowIfNull(all);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(health);
        venueCount = 0;
        depthCount = 0;
        foreach (var id in route)
        {
            var venue = all[id.Value];
            if (venueCount == venues.Length || !venue.Trades(instrument))
            {
                continue;
            }

            int written = venue.CopyDepth(instrument, side, depth.AsSpan(depthCount, levelsPerVenue));
            venues[venueCount++] = new VenueRouteInput(id, config[id].Fees, health.Snapshot(id), depthCount, written);
            depthCount += written;
        }

        return venueCount;
    }
}
