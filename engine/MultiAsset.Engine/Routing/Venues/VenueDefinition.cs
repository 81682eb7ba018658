using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Instruments;

namespace MultiAsset.Engine.Routing.Venues;

/// <summary>
/// One venue of <c>config/venues.json</c>: what it trades, what it charges, how fast it answers, how deep its book is and
/// how often it refuses. Immutable once read.
/// </summary>
public sealed class VenueDefinition
{
    /// <summary>Dense id: the venue's position in the file (0..n-1), written into every report's <c>Venue</c>.</summary>
    public required VenueId Id { get; init; }

    /// <summary>The venue's name ("NYSE-SIM"), as <c>assetClassRoutes</c> and reports to operators spell it.</summary>
    public required string Name { get; init; }

    /// <summary>The asset classes it trades.</summary>
    public required IReadOnlyList<AssetClass> AssetClasses { get; init; }

    /// <summary>The only instruments it trades, or null for every tradable instrument of <see cref="AssetClasses"/>.</summary>
    public IReadOnlyList<InstrumentId>? Instruments { get; init; }

    /// <summary>Maker/taker rates and the per-share fee.</summary>
    public required VenueFeeSchedule Fees { get; init; }

    /// <summary>Report delays.</summary>
    public required VenueLatency Latency { get; init; }

    /// <summary>How its book is built around the feed's quote.</summary>
    public required VenueLiquidityModel Liquidity { get; init; }

    /// <summary>Probability in [0, 1) that an otherwise valid order is refused at random (<c>VenueUnavailable</c>).</summary>
    public required double RejectProbability { get; init; }

    /// <summary>Resting limit orders it holds at most; one more is refused (<c>VenueUnavailable</c>) instead of allocating.</summary>
    public required int MaxWorkingOrders { get; init; }

    /// <summary>Reports it queues at most before they are polled; a request that could overflow the queue is refused.</summary>
    public required int MaxPendingReports { get; init; }

    /// <summary>Seed of its random generator (random rejects and latency jitter).</summary>
    public required ulong Seed { get; init; }

    /// <summary>How orders fill from bars when an instrument has no quote (<c>barFill</c>; default <see cref="VenueBarFill.Close"/>).</summary>
    public VenueBarFill BarFill { get; init; }

    /// <summary>
    /// Half-spread charged to the taker on a <see cref="VenueBarFill.NextOpen"/> / <see cref="VenueBarFill.NextVwap"/> fill,
    /// in basis points, fixed point × 10^8 (<c>barSpreadBps</c>; 0 = none).
    /// </summary>
    public long BarSpreadBpsRaw { get; init; }

    /// <summary>
    /// Largest fraction of a bar's volume the venue fills per instrument and bar in the next-bar models, fixed point × 10^8
    /// (<c>barParticipation</c>; 0 = no cap).
    /// </summary>
    public long BarParticipationRaw { get; init; }

    /// <summary>Whether the venue trades <paramref name="instrument"/> (tradable, of one of its classes, and listed if it has a list).</summary>
    public bool Trades(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        if (!instrument.IsTradable || !AssetClasses.Contains(instrument.AssetClass))
        {
            return false;
        }

        return Instruments is null || Instruments.Contains(instrument.Id);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} (#{Id.Value})";
}
