namespace MultiAsset.Engine.Pipeline;

/// <summary>
/// A clock that moves only when told to: backtests and replays advance it to each event's timestamp, so the same
/// input produces the same output.
/// </summary>
/// <remarks>Written by one thread (the replay source) and read by stages: reads are acquire, writes release.</remarks>
public sealed class SimulatedClock : IClock
{
    private long now;

    /// <summary>Creates a clock reading <paramref name="startNanoseconds"/>.</summary>
    public SimulatedClock(long startNanoseconds = 0) => now = startNanoseconds;

    /// <inheritdoc />
    public long NowNanoseconds => Volatile.Read(ref now);

    /// <summary>Moves the clock to <paramref name="nanoseconds"/>; time never goes backwards.</summary>
    public void AdvanceTo(long nanoseconds)
    {
        if (nanoseconds < Volatile.Read(ref now))
        {
            throw new ArgumentOutOfRangeException(
                nameof(nanoseconds), nanoseconds, $"Simulated time cannot go backwards (now {now}).");
        }

        Volatile.Write(ref now, nanoseconds);
    }

    /// <summary>Moves the clock forward by <paramref name="nanoseconds"/> (≥ 0).</summary>
    public void Advance(long nanoseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nanoseconds);
        Volatile.Write(ref now, Volatile.Read(ref now) + nanoseconds);
    }
}
