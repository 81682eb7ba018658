using System.Runtime.CompilerServices;

namespace MultiAsset.Engine.Ring;

/// <summary>
/// Progressive back-off for a thread with nothing to do: spin, then yield, then sleep. Shared by the sleeping wait
/// strategy, producers waiting on a full ring and fused stage threads.
/// </summary>
/// <remarks>
/// The sleep phase uses <c>Thread.Sleep(1)</c>, not <c>Sleep(0)</c>: <c>Sleep(0)</c> returns at once when no other
/// thread is runnable, which is how an idle Disruptor-net engine ends up burning a core on a small machine.
/// </remarks>
public struct IdleBackoff
{
    private readonly int spinLimit;
    private readonly int yieldLimit;
    private readonly int shortSleepLimit;
    private int counter;

    /// <summary>Creates a back-off that spins <paramref name="spins"/> times and yields <paramref name="yields"/> times before sleeping.</summary>
    public IdleBackoff(int spins, int yields)
        : this(spins, yields, 0)
    {
    }

    /// <summary>
    /// Creates a back-off that spins <paramref name="spins"/> times, yields <paramref name="yields"/> times and sleeps
    /// <paramref name="shortSleeps"/> times for a few tens of microseconds (<see cref="RingNative.ShortSleep"/>) before
    /// sleeping 1 ms at a time.
    /// </summary>
    public IdleBackoff(int spins, int yields, int shortSleeps)
    {
        spinLimit = spins;
        yieldLimit = spins + yields;
        shortSleepLimit = yieldLimit + shortSleeps;
        counter = 0;
    }

    /// <summary>The default profile: 100 spins, 100 yields, then 1 ms sleeps.</summary>
    public static IdleBackoff Default => new(100, 100);

    /// <summary>
    /// For producers contending on a full multi-producer ring: 10 spins, then up to 2 000 short sleeps (≈ 50 µs each on
    /// Linux) before 1 ms sleeps. The consumer they wait for needs a core: on a machine with fewer cores than busy
    /// threads a spinning or yielding producer stays runnable and shares the core with it, a sleeping one leaves it
    /// the core (LMAX's producers park for the same reason); and the wait is short, so not a whole millisecond.
    /// </summary>
    public static IdleBackoff FullRing => new(10, 0, 2000);

    /// <summary>
    /// For the single producer of a ring waiting for room: as <see cref="Default"/> (100 spins, 100 yields), then up
    /// to 2 000 short sleeps before 1 ms sleeps — one producer competes with nobody for the slots, so it stays close
    /// while the consumers make room, but it no longer sleeps a whole millisecond in which they drain the ring dry.
    /// </summary>
    public static IdleBackoff SingleProducerFullRing => new(100, 100, 2000);

    /// <summary>True once the back-off has reached its sleeping phase.</summary>
    public readonly bool IsSleeping => counter >= yieldLimit;

    /// <summary>Waits a little; each call waits at least as long as the previous one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Idle()
    {
        if (counter < spinLimit)
        {
            counter++;
            Thread.SpinWait(1);
        }
        else
        {
            IdleSlow();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void IdleSlow()
    {
        if (counter < yieldLimit)
        {
            counter++;
            Thread.Yield();
        }
        else if (counter < shortSleepLimit)
        {
            counter++;
            RingNative.ShortSleep();
        }
        else
        {
            Thread.Sleep(1);
        }
    }

    /// <summary>Back to the spinning phase (call after useful work).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Reset() => counter = 0;
}
