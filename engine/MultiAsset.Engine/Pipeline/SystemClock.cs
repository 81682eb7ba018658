using System.Diagnostics;

namespace MultiAsset.Engine.Pipeline;

/// <summary>
/// Wall clock with nanosecond resolution and monotonic progress: the UTC time at construction plus the
/// <see cref="Stopwatch"/> time elapsed since, so readings never go backwards when NTP steps the system clock.
/// </summary>
public sealed class SystemClock : IClock
{
    private const long NanosecondsPerTick = 100;

    private readonly long originUnixNanoseconds;
    private readonly long originTimestamp;

    /// <summary>Creates a clock anchored at the current UTC time.</summary>
    public SystemClock()
    {
        originUnixNanoseconds = (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * NanosecondsPerTick;
        originTimestamp = Stopwatch.GetTimestamp();
    }

    /// <summary>A shared instance for live runs.</summary>
    public static SystemClock Instance { get; } = new();

    /// <inheritdoc />
    public long NowNanoseconds
    {
        get
        {
            var elapsed = Stopwatch.GetTimestamp() - originTimestamp;
            // Stopwatch.Frequency is 1e9 on Linux; the general form keeps the multiplication from overflowing.
            var seconds = elapsed / Stopwatch.Frequency;
            var remainder = elapsed % Stopwatch.Frequency;
            return originUnixNanoseconds + (seconds * 1_000_000_000L) + (remainder * 1_000_000_000L / Stopwatch.Frequency);
        }
    }
}
