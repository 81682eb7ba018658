using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Signals.StrategyTypes;

/// <summary>
/// Z-score mean reversion on one instrument: short when price is at least <see cref="MeanReversionParameters.EntryZ"/>
/// standard deviations above its rolling mean, long when as far below, flat again once back inside
/// ±<see cref="MeanReversionParameters.ExitZ"/>. O(1) per bar, no allocation after construction.
/// </summary>
/// <remarks>
/// The z-score of a bar is taken against the previous N bars, not including itself: a bar inside its own window
/// pulls the mean toward itself and caps |z| at √(N−1), muting exactly the deviations the strategy trades.
/// Entry and exit bands differ so a price hovering at one band cannot flap the position every bar.
/// </remarks>
public sealed class MeanReversionStrategy : IBarStrategy
{
    /// <summary>Most signals one bar can produce.</summary>
    public const int MaxSignalsPerBar = 1;

    private readonly InstrumentId instrument;
    private readonly MeanReversionParameters parameters;
    private readonly RollingStats window;
    private BarClock clock;

    /// <summary>Creates the strategy for one instrument.</summary>
    public MeanReversionStrategy(InstrumentId instrument, MeanReversionParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        this.instrument = instrument;
        this.parameters = parameters;
        window = new RollingStats(parameters.Window);
    }

    /// <summary>Current target position (−size, 0 or +size).</summary>
    public double Position { get; private set; }

    /// <summary>Z-score of the last bar (0 until the window is full or while the window is flat).</summary>
    public double LastZScore { get; private set; }

    /// <summary>Processes one completed bar; writes at most <see cref="MaxSignalsPerBar"/> signals and returns how many.</summary>
    public int OnBar(long time, double close, Span<StrategySignal> output)
    {
        ParameterGuard.Output(output.Length, MaxSignalsPerBar, nameof(output));
        ParameterGuard.Price(close, nameof(close));
        clock.Advance(time);

        int written = 0;
        LastZScore = 0;
        double std = window.StandardDeviation;
        // A flat window has no scale: any deviation would be an infinite z, so no decision is made on it.
        if (window.IsFull && std > 0)
        {
            double z = (close - window.Mean) / std;
            LastZScore = z;
            double target = Decide(z);
            if (target != Position)
            {
                Position = target;
                output[written++] = new StrategySignal(instrument, target, ReasonFor(target));
            }
        }

        window.Push(close);
        return written;
    }

    /// <summary>Adds the strategy state to a stage digest.</summary>
    public void AppendDigest(StateDigestBuilder digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        digest.Add(instrument.Value).Add(Position).Add(LastZScore);
        clock.AppendDigest(digest);
        window.AppendDigest(digest);
    }

    private static SignalReason ReasonFor(double target)
        => target > 0 ? SignalReason.EntryLong : target < 0 ? SignalReason.EntryShort : SignalReason.Exit;

    private double Decide(double z)
    {
        double size = parameters.PositionSize;
        // A full swing through the opposite band flips directly: exiting first would miss that bar's entry.
        if (z >= parameters.EntryZ)
        {
            return -size;
        }

        if (z <= -parameters.EntryZ)
        {
            return size;
        }

        if (Position > 0 && z >= -parameters.ExitZ)
        {
            return 0;
        }

        if (Position < 0 && z <= parameters.ExitZ)
        {
            return 0;
        }

        return Position;
    }
}
