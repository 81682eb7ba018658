using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Signals.StrategyTypes;

/// <summary>
/// Enforces that completed bars arrive in strictly increasing time: a repeated or out-of-order bar would be counted
/// twice in the rolling windows and silently bias every statistic.
/// </summary>
internal struct BarClock
{
    private bool started;

    public long LastTime { get; private set; }

    public void Advance(long time)
    {
        if (started && time <= LastTime)
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, $"Bar time must increase; the previous bar was at {LastTime}.");
        }

        started = true;
        LastTime = time;
    }

    public readonly void AppendDigest(StateDigestBuilder digest) => digest.Add(started).Add(LastTime);
}
