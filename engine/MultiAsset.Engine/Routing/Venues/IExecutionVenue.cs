using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Routing.Algorithms;

namespace MultiAsset.Engine.Routing.Venues;

/// <summary>
/// An execution venue as the router stage drives it: the simulated venues now, a broker or exchange adapter later. Driven
/// entirely by engine time passed in (no wall clock, no threads of its own), single-threaded (the router stage's thread),
/// and allocation-free per call.
/// </summary>
/// <remarks>
/// Requests are answered asynchronously: <see cref="Submit"/> and <see cref="Cancel"/> only queue; the venue's reports (ack,
/// fills, cancel, reject) come out of <see cref="Poll"/> once their time has come, as <see cref="InputEventKind.Execution"/>
/// events ready to publish on the input ring. An adapter for a real venue would translate its wire messages into the same
/// reports.
/// </remarks>
public interface IExecutionVenue
{
    /// <summary>The venue's dense id (written into every report).</summary>
    VenueId Id { get; }

    /// <summary>The venue's name, as configured.</summary>
    string Name { get; }

    /// <summary>Due time of the next report waiting, or <see cref="long.MaxValue"/> when none: when to poll next.</summary>
    long NextReportDue { get; }

    /// <summary>Whether the venue trades <paramref name="instrument"/>.</summary>
    bool Trades(InstrumentId instrument);

    /// <summary>The feed's latest quote for <paramref name="instrument"/> at engine time <paramref name="now"/>.</summary>
    void OnQuote(InstrumentId instrument, long now, Price bid, Price ask);

    /// <summary>
    /// The latest input bar for <paramref name="instrument"/> when the feed has no quotes for it (bars-only data), at engine
    /// time <paramref name="now"/>: the venue's book is rebuilt around the bar's close, and resting limit orders the bar
    /// traded through fill (docs/orders.md, "Bars-only data").
    /// </summary>
    void OnBar(InstrumentId instrument, long now, in VenueBar bar);

    /// <summary>
    /// Sends a child order at engine time <paramref name="now"/>. True when the venue took the request (an ack and fills, or a
    /// reject, will follow from <see cref="Poll"/>); false when it could not even queue a reject (its report queue is full:
    /// poll first) — nothing will follow and the caller treats the order as refused.
    /// </summary>
    bool Submit(in ChildOrderRequest request, long now);

    /// <summary>
    /// Asks to cancel a working order. True when the request was taken (a <see cref="ExecutionType.Cancelled"/> report, or a
    /// reject with <see cref="VenueRejectReason.UnknownOrder"/> for an order that is not working, will follow); false when the
    /// report queue is full.
    /// </summary>
    bool Cancel(long childOrderId, long now);

    /// <summary>
    /// Asks to cancel every working (resting) child of parent order <paramref name="parentOrderId"/> in
    /// <paramref name="instrument"/> — its children are numbered 0..<paramref name="children"/>−1, so this looks each up by
    /// id, whatever else rests — and each gets a <see cref="ExecutionType.Cancelled"/> report for its rest. Returns how many
    /// were cancelled (stops early, leaving the rest working, when the report queue is full).
    /// </summary>
    int CancelChildrenOf(long parentOrderId, int children, InstrumentId instrument, long now);

    /// <summary>
    /// Writes the reports due at or before <paramref name="now"/> into <paramref name="output"/> (at most its length, in due
    /// order; an order's reports in the order they happened) and returns how many. Each event's timestamp is its due time.
    /// </summary>
    int Poll(long now, Span<InputEvent> output);

    /// <summary>
    /// Copies the displayed levels an order of <paramref name="side"/> would take (asks for a buy, bids for a sell), best
    /// first, with sizes in lots and no fee, into <paramref name="output"/>; returns how many were written.
    /// </summary>
    int CopyDepth(InstrumentId instrument, OrderSide side, Span<DepthLevel> output);

    /// <summary>Adds the venue's state to a digest (deterministic: same inputs ⇒ same digest).</summary>
    void AppendDigest(StateDigestBuilder builder);
}
