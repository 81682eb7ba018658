using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.Signals.Stage;

/// <summary>
/// Publishes intents into the intent ring, one slot each, filling the slot in place. The signal stage is the ring's
/// only producer: a single-producer ring suffices.
/// </summary>
public sealed class IntentWriter(ValueRingBuffer<IntentEvent> ring)
{
    /// <summary>Intents published.</summary>
    public long Published { get; private set; }

    /// <summary>Claims a slot, clears it, and returns it with its sequence; the caller fills it and calls <see cref="Publish"/>.</summary>
    public ref IntentEvent Claim(out long sequence)
    {
        sequence = ring.Next();
        ref var slot = ref ring[sequence];
        slot = default;
        slot.Instrument = InstrumentId.None;
        slot.Strategy = StrategyId.None;
        slot.Account = AccountId.None;
        slot.Rule = -1;
        slot.Hedge = null;
        return ref slot;
    }

    /// <summary>Publishes a claimed slot.</summary>
    public void Publish(long sequence)
    {
        ring.Publish(sequence);
        Published++;
    }

    /// <summary>
    /// Publishes a <see cref="IntentKind.DigestMarker"/> for input <paramref name="inputSequence"/>; not counted, since
    /// a run that was not asked for a digest has no marker and must reach the same state.
    /// </summary>
    public void PublishDigestMarker(long inputSequence, long timestamp)
    {
        ref var slot = ref Claim(out var sequence);
        slot.Kind = IntentKind.DigestMarker;
        slot.SourceSequence = inputSequence;
        slot.Timestamp = timestamp;
        ring.Publish(sequence);
    }
}
