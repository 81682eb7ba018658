using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Signals.StrategyTypes;

/// <summary>
/// Time-series momentum with volatility scaling on one instrument: direction = sign of the log return over the last
/// <see cref="MomentumParameters.Lookback"/> bars; size = target volatility / EWMA realised volatility, capped at
/// <see cref="MomentumParameters.MaxPosition"/>. O(1) per bar, no allocation after construction.
/// </summary>
/// <remarks>
/// Scaling by inverse volatility keeps the risk of the position roughly constant: a calm trend gets a larger
/// position, a violent one a smaller one. The EWMA variance is seeded with the first squared return (not zero) so
/// the first sized position is not inflated by a variance that has not seen any data yet.
/// </remarks>
public sealed class MomentumStrategy : IBarStrategy
{
    /// <summary>Most signals one bar can produce.</summary>
    public const int MaxSignalsPerBar = 1;

    private readonly InstrumentId instrument;
    private readonly MomentumParameters parameters;
    private readonly double[] logPrices;
    private int head;
    private int count;
    private int returnsSeen;
    private double ewmaVariance;
    private BarClock clock;

    /// <summary>Creates the strategy for one instrument.</summary>
    public MomentumStrategy(InstrumentId instrument, MomentumParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        this.instrument = instrument;
        this.parameters = parameters;
        // Lookback + 1 prices give the lookback return; the newest is at head − 1, the oldest at head once full.
        logPrices = new double[parameters.Lookback + 1];
    }

    /// <summary>Current target position (signed, |position| ≤ max position).</summary>
    public double Position { get; private set; }

    /// <summary>Current EWMA volatility per bar (0 before the first return).</summary>
    public double RealisedVolatility => Math.Sqrt(ewmaVariance);

    /// <summary>Log return over the lookback as of the last bar (0 before the window is full).</summary>
    public double LookbackReturn { get; private set; }

    /// <summary>Processes one completed bar; writes at most <see cref="MaxSignalsPerBar"/> signals and returns how many.</summary>
    public int OnBar(long time, double close, Span<StrategySignal> output)
    {
        ParameterGuard.Output(output.Length, MaxSignalsPerBar, nameof(output));
        ParameterGuard.Price(close, nameof(close));
        clock.Advance(time);

        double logPrice = Math.Log(close);
        if (count > 0)
        {
            int previous = head == 0 ? logPrices.Length - 1 : head - 1;
            double r = logPrice - logPrices[previous];
            double lambda = parameters.EwmaLambda;
            ewmaVariance = returnsSeen == 0 ? r * r : (lambda * ewmaVariance) + ((1 - lambda) * r * r);
            returnsSeen++;
        }

        logPrices[head] = logPrice;
        head = head + 1 == logPrices.Length ? 0 : head + 1;
        if (count < logPrices.Length)
        {
            count++;
        }

        if (count < logPrices.Length)
        {
            return 0;
        }

        // Full ring: head now points at the oldest price, exactly Lookback bars before this one.
        LookbackReturn = logPrice - logPrices[head];
        double target = Target(LookbackReturn);
        if (!ShouldSignal(target))
        {
            return 0;
        }

        SignalReason reason = target == 0 ? SignalReason.Exit
            : Math.Sign(target) != Math.Sign(Position) ? (target > 0 ? SignalReason.EntryLong : SignalReason.EntryShort)
            : SignalReason.Rebalance;
        Position = target;
        output[0] = new StrategySignal(instrument, target, reason);
        return 1;
    }

    /// <summary>Adds the strategy state to a stage digest.</summary>
    public void AppendDigest(StateDigestBuilder digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        digest.Add(instrument.Value).Add(Position).Add(LookbackReturn).Add(head).Add(count).Add(returnsSeen).Add(ewmaVariance).Add(logPrices);
        clock.AppendDigest(digest);
    }

    private double Target(double lookbackReturn)
    {
        if (lookbackReturn == 0)
        {
            return 0;
        }

        double volatility = Math.Sqrt(ewmaVariance);
        // Zero realised volatility means unbounded leverage by the formula; the cap is the intended limit.
        double size = volatility > 0 ? Math.Min(parameters.MaxPosition, parameters.TargetVolatility / volatility) : parameters.MaxPosition;
        return Math.Sign(lookbackReturn) * size;
    }

    private bool ShouldSignal(double target)
    {
        if (target == Position)
        {
            return false;
        }

        // Direction changes (including to and from flat) always signal; resizing only past the threshold, so
        // volatility noise does not churn the position every bar.
        return Math.Sign(target) != Math.Sign(Position) || Math.Abs(target - Position) >= parameters.RebalanceThreshold;
    }
}
