using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.MarketData.Feeds;

/// <summary>
/// Where the market stood at the end of a recovered journal, as the market-data stage saw it: the last accepted event
/// time, and per instrument the last update, mid and last price. A feed is positioned after it before it starts
/// (<see cref="IMarketDataFeed.ResumeAfter"/>), so that it neither republishes what the journal already holds nor
/// starts the market over from its initial prices.
/// </summary>
/// <remarks>
/// Taken with <see cref="MarketDataStage.ResumePoint"/> once recovery has drained (the stage is idle), and immutable
/// from then on. Feeds of one engine share its event time: the stage orders every instrument's events on it.
/// </remarks>
public sealed class FeedResumePoint
{
    private const int KindSlots = (int)InputEventKind.Reference + 1;

    private readonly long[] lastUpdates;
    private readonly long[] mids;
    private readonly long[] lasts;
    private readonly long[] lastAccepted;

    /// <summary>Creates the point from per-instrument arrays indexed by instrument id (raw fixed-point prices, 0 = none).</summary>
    /// <param name="lastEventTime">The latest accepted market-data event time (Unix ns); 0 when nothing was journalled.</param>
    /// <param name="lastUpdates">Event time of each instrument's last accepted update (0 = none).</param>
    /// <param name="mids">Each instrument's last mid (0 before its first quote).</param>
    /// <param name="lasts">Each instrument's last price of any kind (mid, trade, bar close, reference value).</param>
    /// <param name="lastAccepted">The last accepted timestamp per instrument and event kind, laid out
    /// <c>[instrument * 5 + (int)kind]</c> (<see cref="long.MinValue"/> = none); null when unknown.</param>
    public FeedResumePoint(long lastEventTime, long[] lastUpdates, long[] mids, long[] lasts, long[]? lastAccepted = null)
    {
        ArgumentNullException.ThrowIfNull(lastUpdates);
        ArgumentNullException.ThrowIfNull(mids);
        ArgumentNullException.ThrowIfNull(lasts);
        if (mids.Length != lastUpdates.Length || lasts.Length != lastUpdates.Length
            || (lastAccepted is not null && lastAccepted.Length != lastUpdates.Length * KindSlots))
        {
            throw new ArgumentException("Every per-instrument array must have one entry per instrument (five per instrument for lastAccepted).");
        }

        LastEventTime = lastEventTime;
        this.lastUpdates = lastUpdates;
        this.mids = mids;
        this.lasts = lasts;
        this.lastAccepted = lastAccepted ?? [];
    }

    /// <summary>No history: feeds start as configured.</summary>
    public static FeedResumePoint None { get; } = new(0, [], [], []);

    /// <summary>The latest accepted market-data event time (Unix ns), 0 when the journal held no market data.</summary>
    public long LastEventTime { get; }

    /// <summary>True when there is nothing to resume after.</summary>
    public bool IsEmpty => LastEventTime == 0;

    /// <summary>Number of instruments described.</summary>
    public int InstrumentCount => lastUpdates.Length;

    /// <summary>Event time of the instrument's last accepted update, 0 when it had none (or is unknown here).</summary>
    public long LastUpdate(InstrumentId id) => Known(id) ? lastUpdates[id.Value] : 0;

    /// <summary>The instrument's last mid (zero before its first quote).</summary>
    public Price Mid(InstrumentId id) => Price.FromRaw(Known(id) ? mids[id.Value] : 0);

    /// <summary>The instrument's last price of any kind (zero when it had no update).</summary>
    public Price Last(InstrumentId id) => Price.FromRaw(Known(id) ? lasts[id.Value] : 0);

    /// <summary>
    /// Whether <paramref name="evt"/> is already in the journal as far as this point can tell, so that a replay feed
    /// skips it: anything before <see cref="LastEventTime"/>; at exactly that time, what the engine already accepted for
    /// the same instrument and kind (and rows it cannot place: unknown instrument, rejected by the parser).
    /// </summary>
    public bool Covers(ref readonly InputEvent evt)
    {
        if (IsEmpty || evt.Timestamp > LastEventTime)
        {
            return false;
        }

        if (evt.Timestamp < LastEventTime)
        {
            return true;
        }

        var id = evt.Instrument.Value;
        var kind = (int)evt.Kind;
        if (evt.IsRejectedAtSource || (uint)id >= (uint)lastUpdates.Length || kind is <= 0 or >= KindSlots || lastAccepted.Length == 0)
        {
            return true;
        }

        return evt.Timestamp <= lastAccepted[(id * KindSlots) + kind];
    }

    private bool Known(InstrumentId id) => (uint)id.Value < (uint)lastUpdates.Length;
}
