namespace MultiAsset.Engine.Ring;

/// <summary>
/// Sleeps on a monitor until a producer publishes: an idle consumer uses no CPU. Producers pay for a lock only
/// when a consumer is actually asleep. Before sleeping, the consumer spins and yields briefly (a few µs): an event
/// arriving in that window is picked up without the ~50 µs cost of a monitor wake-up.
/// </summary>
/// <remarks>
/// Lost wake-ups are prevented with an asymmetric fence. The waiter, about to sleep, increments <c>waiters</c>
/// and issues <see cref="Interlocked.MemoryBarrierProcessWide"/>, which drains every core's store buffer; only then
/// does it re-read the cursor under the lock. The producer just stores the cursor and reads <c>waiters</c> with no
/// fence: if its read missed the increment, its cursor store was already flushed by the process-wide barrier and
/// the waiter sees it. The expensive fence is paid once per idle period by the consumer going to sleep, never per
/// publish (a full fence per publish halved fused-pipeline throughput in the benchmark).
/// Once the cursor has moved, waiting for dependent consumers on the same ring (which never signal) falls back to
/// <see cref="IdleBackoff"/> so that a slow upstream stage costs little CPU.
/// </remarks>
public sealed class BlockingWaitStrategy : IWaitStrategy
{
    // A plain object, not System.Threading.Lock: Monitor.Wait/PulseAll need a monitor.
    private readonly object gate = new();
    private int waiters;

    /// <inheritdoc />
    public bool IsBlockingStrategy => true;

    private const int SpinsBeforeSleep = 100;
    private const int YieldsBeforeSleep = 10;

    /// <inheritdoc />
    public long WaitFor(long sequence, DependentSequenceGroup dependents, SequenceBarrier barrier)
    {
        var backoff = new IdleBackoff(SpinsBeforeSleep, YieldsBeforeSleep);
        while (dependents.CursorValue < sequence && !backoff.IsSleeping)
        {
            if (barrier.IsAlerted)
            {
                return SequenceBarrier.AlertedSequence;
            }

            backoff.Idle();
        }

        if (dependents.CursorValue < sequence)
        {
            lock (gate)
            {
                Interlocked.Increment(ref waiters);
                try
                {
                    Interlocked.MemoryBarrierProcessWide();
                    while (dependents.CursorValue < sequence)
                    {
                        if (barrier.IsAlerted)
                        {
                            return SequenceBarrier.AlertedSequence;
                        }

                        Monitor.Wait(gate);
                    }
                }
                finally
                {
                    Interlocked.Decrement(ref waiters);
                }
            }
        }

        // Upstream stages on the same ring never signal: wait for them with a back-off.
        backoff = IdleBackoff.Default;
        return SleepingWaitStrategy.WaitWithBackoff(sequence, dependents, barrier, ref backoff);
    }

    /// <inheritdoc />
    public void SignalAllWhenBlocking()
    {
        // No fence here: the sleeping side's process-wide barrier covers the store-load race (see remarks).
        if (Volatile.Read(ref waiters) != 0)
        {
            lock (gate)
            {
                Monitor.PulseAll(gate);
            }
        }
    }
}
