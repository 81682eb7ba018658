using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Signals.StrategyTypes;

/// <summary>
/// Lead-lag divergence between two normally correlated assets A and B: while their rolling log-return correlation
/// is at least the floor, a recent return gap (A's return minus B's over the last M bars) of at least k standard
/// deviations is bet to converge — short the leader, long the laggard — and the trade is closed when the gap is back
/// inside the exit band. O(1) per bar, no allocation after construction.
/// </summary>
/// <remarks>
/// <para>The gap's deviation is σ(rA − rB)·√M from the per-bar return differences of the window, i.e. the spread of
/// an M-bar gap if bars are independent. Correlation and σ come from the bars before the current one: the diverging
/// bar would otherwise lower the correlation and inflate σ that are meant to judge it.</para>
/// <para>The floor gates entries only: a divergence itself lowers the measured correlation, and exiting for that
/// reason would close trades exactly when they are working. A gap that ages out of the M-bar lookback without
/// converging also closes the trade, which bounds the holding period to about M bars.</para>
/// </remarks>
public sealed class CorrelationStrategy : IPairBarStrategy
{
    /// <summary>Most signals one bar can produce (one per leg).</summary>
    public const int MaxSignalsPerBar = 2;

    private readonly InstrumentId assetA;
    private readonly InstrumentId assetB;
    private readonly CorrelationParameters parameters;
    private readonly RollingRegression returns;
    private readonly RollingStats differences;
    private readonly RollingStats gap;
    private double previousLogA;
    private double previousLogB;
    private bool hasPrevious;
    private BarClock clock;

    /// <summary>Creates the strategy for the two assets.</summary>
    public CorrelationStrategy(InstrumentId assetA, InstrumentId assetB, CorrelationParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (assetA == assetB)
        {
            throw new ArgumentException("A correlation strategy needs two different instruments.", nameof(assetB));
        }

        this.assetA = assetA;
        this.assetB = assetB;
        this.parameters = parameters;
        returns = new RollingRegression(parameters.Window);
        differences = new RollingStats(parameters.Window);
        gap = new RollingStats(parameters.GapLookback);
    }

    /// <summary>Target position of A (−size, 0 or +size).</summary>
    public double PositionA { get; private set; }

    /// <summary>Target position of B (always the opposite of A).</summary>
    public double PositionB { get; private set; }

    /// <summary>Return correlation of the window before the last bar.</summary>
    public double LastCorrelation { get; private set; }

    /// <summary>Gap of the last bar in standard deviations (0 until warm).</summary>
    public double LastGapZ { get; private set; }

    /// <summary>Processes one completed bar of both assets; writes at most <see cref="MaxSignalsPerBar"/> signals and returns how many.</summary>
    public int OnBar(long time, double closeA, double closeB, Span<StrategySignal> output)
    {
        ParameterGuard.Output(output.Length, MaxSignalsPerBar, nameof(output));
        ParameterGuard.Price(closeA, nameof(closeA));
        ParameterGuard.Price(closeB, nameof(closeB));
        clock.Advance(time);

        double logA = Math.Log(closeA);
        double logB = Math.Log(closeB);
        bool first = !hasPrevious;
        double rA = logA - previousLogA;
        double rB = logB - previousLogB;
        previousLogA = logA;
        previousLogB = logB;
        hasPrevious = true;
        if (first)
        {
            return 0;
        }

        double d = rA - rB;
        gap.Push(d);
        int written = 0;
        LastGapZ = 0;
        double gapStd = differences.StandardDeviation * Math.Sqrt(parameters.GapLookback);
        if (returns.IsFull && gap.IsFull && gapStd > 0)
        {
            LastCorrelation = returns.Correlation;
            LastGapZ = gap.Sum / gapStd;
            written = Decide(LastGapZ, LastCorrelation, output);
        }

        returns.Push(rA, rB);
        differences.Push(d);
        return written;
    }

    /// <summary>Adds the strategy state to a stage digest.</summary>
    public void AppendDigest(StateDigestBuilder digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        digest.Add(assetA.Value).Add(assetB.Value).Add(PositionA).Add(PositionB).Add(LastCorrelation).Add(LastGapZ)
            .Add(previousLogA).Add(previousLogB).Add(hasPrevious);
        clock.AppendDigest(digest);
        returns.AppendDigest(digest);
        differences.AppendDigest(digest);
        gap.AppendDigest(digest);
    }

    private int Decide(double z, double correlation, Span<StrategySignal> output)
    {
        if (PositionA != 0)
        {
            if (Math.Abs(z) > parameters.ExitK)
            {
                return 0;
            }

            PositionA = 0;
            PositionB = 0;
            output[0] = new StrategySignal(assetA, 0, SignalReason.Exit);
            output[1] = new StrategySignal(assetB, 0, SignalReason.Exit);
            return 2;
        }

        if (correlation < parameters.CorrelationFloor || Math.Abs(z) < parameters.EntryK)
        {
            return 0;
        }

        // Gap > 0: A has outrun B, so A is the leader to sell and B the laggard to buy.
        double size = parameters.PositionSize;
        PositionA = z > 0 ? -size : size;
        PositionB = -PositionA;
        output[0] = new StrategySignal(assetA, PositionA, PositionA > 0 ? SignalReason.EntryLong : SignalReason.EntryShort);
        output[1] = new StrategySignal(assetB, PositionB, PositionB > 0 ? SignalReason.EntryLong : SignalReason.EntryShort);
        return 2;
    }
}
