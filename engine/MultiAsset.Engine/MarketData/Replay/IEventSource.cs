using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.MarketData.Replay;

/// <summary>
/// A pull source of input events (a replay file, a merge of several): the caller hands in the slot to fill — usually
/// a claimed ring slot by <c>ref</c> — so a row goes from the file straight into the ring, with nothing copied or
/// allocated per event.
/// </summary>
/// <remarks>
/// Rows the source cannot represent are still returned, as events with <see cref="InputEvent.Reject"/> set
/// (<see cref="MarketDataRejectReason.MalformedRecord"/>, <see cref="MarketDataRejectReason.UnknownInstrument"/>,
/// <see cref="MarketDataRejectReason.NonFinitePrice"/>), so that the market-data stage counts every refusal in one
/// place and nothing is lost silently. A source is used from one thread at a time.
/// </remarks>
public interface IEventSource : IDisposable
{
    /// <summary>
    /// Overwrites every field of <paramref name="evt"/> with the next event; returns <see langword="false"/> (leaving
    /// <paramref name="evt"/> unspecified) at the end of the data.
    /// </summary>
    bool TryRead(ref InputEvent evt);

    /// <summary>What the source has read so far: rows, rejects by reason, the first errors in detail.</summary>
    EventSourceStats Stats { get; }
}
