namespace MultiAsset.Engine.Pipeline;

/// <summary>
/// The engine's notion of now, in nanoseconds since the Unix epoch. Injected everywhere time is read so that a
/// backtest (simulated clock) and a live run (wall clock) execute the same code.
/// </summary>
public interface IClock
{
    /// <summary>Nanoseconds since 1970-01-01T00:00:00Z.</summary>
    long NowNanoseconds { get; }
}
