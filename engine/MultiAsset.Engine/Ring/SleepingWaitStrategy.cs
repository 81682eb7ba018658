namespace MultiAsset.Engine.Ring;

/// <summary>Spins, then yields, then sleeps 1 ms between checks (<see cref="IdleBackoff"/>): low CPU when idle.</summary>
public sealed class SleepingWaitStrategy : IWaitStrategy
{
    private readonly int spins;
    private readonly int yields;

    /// <summary>Creates the strategy with the given spin and yield budgets before sleeping.</summary>
    public SleepingWaitStrategy(int spins = 100, int yields = 100)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(spins);
        ArgumentOutOfRangeException.ThrowIfNegative(yields);
        this.spins = spins;
        this.yields = yields;
    }

    /// <inheritdoc />
    public bool IsBlockingStrategy => false;

    /// <inheritdoc />
    public long WaitFor(long sequence, DependentSequenceGroup dependents, SequenceBarrier barrier)
    {
        var backoff = new IdleBackoff(spins, yields);
        return WaitWithBackoff(sequence, dependents, barrier, ref backoff);
    }

    /// <summary>
    /// Waits for <paramref name="dependents"/> to reach <paramref name="sequence"/>, backing off with
    /// <paramref name="backoff"/>; returns the available sequence or <see cref="SequenceBarrier.AlertedSequence"/>.
    /// </summary>
    internal static long WaitWithBackoff(long sequence, DependentSequenceGroup dependents, SequenceBarrier barrier, ref IdleBackoff backoff)
    {
        long available;
        while ((available = dependents.Value) < sequence)
        {
            if (barrier.IsAlerted)
            {
                return SequenceBarrier.AlertedSequence;
            }

            backoff.Idle();
        }

        return available;
    }

    /// <inheritdoc />
    public void SignalAllWhenBlocking()
    {
    }
}
