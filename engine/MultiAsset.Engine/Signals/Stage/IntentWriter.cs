using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.Signals.Stage;

/// <summary>
/// Publishes intents into the intent ring, one slot each, filling the slot in place; also forwards what the stages
/// after it must see in order (execution reports, heartbeats, kill switches, digest markers), which are not counted
/// as intents.
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

    /// <summary>Forwards a venue's execution report to the stages after this one (not counted as an intent).</summary>
    public void PublishExecution(ref readonly InputEvent report)
    {
        ref var slot = ref Claim(out var sequence);
        slot.Kind = IntentKind.Execution;
        slot.Account = report.Execution.Account;
        slot.Strategy = report.Execution.Strategy;
        slot.Instrument = report.Instrument;
        slot.Timestamp = report.Timestamp;
        slot.Execution = ForwardedExecution.From(in report.Execution);
        ring.Publish(sequence);
    }

    /// <summary>Tells the later stages that engine time reached <paramref name="timestamp"/> (not counted).</summary>
    public void PublishHeartbeat(long timestamp, long inputSequence)
    {
        ref var slot = ref Claim(out var sequence);
        slot.Kind = IntentKind.Heartbeat;
        slot.Timestamp = timestamp;
        slot.SourceSequence = inputSequence;
        ring.Publish(sequence);
    }

    /// <summary>Turns the kill switch of <paramref name="account"/> (none = global) on or off downstream (not counted).</summary>
    public void PublishKillSwitch(AccountId account, bool on, long timestamp, long inputSequence)
    {
        ref var slot = ref Claim(out var sequence);
        slot.Kind = IntentKind.KillSwitch;
        slot.Account = account;
        slot.Weight = on ? 1 : 0;
        slot.Timestamp = timestamp;
        slot.SourceSequence = inputSequence;
        ring.Publish(sequence);
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
