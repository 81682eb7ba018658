namespace MultiAsset.Engine.Ring;

/// <summary>
/// How a consumer waits for a sequence to become available. One instance serves the consumers of one thread.
/// </summary>
/// <remarks>
/// Implementations return the highest available dependent sequence (which may be greater than the one asked for,
/// so that the consumer can process a whole batch), or <see cref="SequenceBarrier.AlertedSequence"/> when the
/// barrier was alerted (shutdown). They never throw for control flow.
/// </remarks>
public interface IWaitStrategy
{
    /// <summary>Waits until <paramref name="dependents"/> reaches <paramref name="sequence"/> or the barrier is alerted.</summary>
    long WaitFor(long sequence, DependentSequenceGroup dependents, SequenceBarrier barrier);

    /// <summary>Wakes blocked consumers after a publish; a no-op for non-blocking strategies.</summary>
    void SignalAllWhenBlocking();

    /// <summary>
    /// True when consumers may sleep on a monitor and need <see cref="SignalAllWhenBlocking"/> after every publish.
    /// Implement it as a constant so the JIT can drop the branch.
    /// </summary>
    bool IsBlockingStrategy { get; }
}
