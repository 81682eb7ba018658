using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.Pipeline;

/// <summary>
/// Two handlers run one after the other on every event, as one pipeline stage. Used where the order of two stages'
/// outputs must not depend on batching: when both publish into the same ring (the accounts stage's stop-loss closes
/// and the signal stage's intents), running them per event keeps each input event's outputs together and in order.
/// </summary>
public sealed class SequentialHandler<T, TFirst, TSecond>(TFirst first, TSecond second) : IValueEventHandler<T>
    where T : struct
    where TFirst : IValueEventHandler<T>
    where TSecond : IValueEventHandler<T>
{
    /// <inheritdoc />
    public void OnEvent(ref T evt, long sequence, bool endOfBatch)
    {
        first.OnEvent(ref evt, sequence, endOfBatch);
        second.OnEvent(ref evt, sequence, endOfBatch);
    }
}
