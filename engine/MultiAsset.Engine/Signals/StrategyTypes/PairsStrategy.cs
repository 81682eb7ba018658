using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Signals.StrategyTypes;

/// <summary>
/// Statistical-arbitrage pair A/B: a rolling OLS of A on B over N bars gives the hedge ratio β and intercept α; the
/// spread A − α − βB is z-scored by the regression's residual deviation. Beyond +entry the pair is sold (short A,
/// long βB), beyond −entry bought; it is closed inside ±exit and stopped out beyond ±stop. O(1) per bar.
/// </summary>
/// <remarks>
/// <para>β comes in closed form from running sums (Σx, Σy, Σx², Σxy), so nothing is refitted per bar.</para>
/// <para>The z of a bar is measured against the regression of the previous N bars (out of sample): a bar inside its
/// own fit would drag the line toward itself and hide its deviation.</para>
/// <para>The hedge ratio is frozen at entry: re-hedging an open pair every bar would trade noise in β. After a stop
/// the pair is not re-entered until the spread has come back inside the exit band, since a broken relationship
/// would otherwise be re-entered on the very next bar.</para>
/// </remarks>
public sealed class PairsStrategy : IPairBarStrategy
{
    /// <summary>Most signals one bar can produce (one per leg).</summary>
    public const int MaxSignalsPerBar = 2;

    private readonly InstrumentId legA;
    private readonly InstrumentId legB;
    private readonly PairsParameters parameters;
    private readonly RollingRegression regression;
    private bool stoppedOut;
    private BarClock clock;

    /// <summary>Creates the strategy for the pair (A regressed on B).</summary>
    public PairsStrategy(InstrumentId legA, InstrumentId legB, PairsParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (legA == legB)
        {
            throw new ArgumentException("A pair needs two different instruments.", nameof(legB));
        }

        this.legA = legA;
        this.legB = legB;
        this.parameters = parameters;
        regression = new RollingRegression(parameters.Window);
    }

    /// <summary>Target position of leg A (−size, 0, +size).</summary>
    public double PositionA { get; private set; }

    /// <summary>Target position of leg B (−β·position A at entry, or 0).</summary>
    public double PositionB { get; private set; }

    /// <summary>Hedge ratio β of the current window (OLS slope of A on B).</summary>
    public double HedgeRatio => regression.Count >= 2 ? regression.Slope : 0;

    /// <summary>Intercept α of the current window.</summary>
    public double Intercept => regression.Count >= 2 ? regression.Intercept : 0;

    /// <summary>Spread z-score of the last bar (0 until the window is full or while the spread has no variance).</summary>
    public double LastZScore { get; private set; }

    /// <summary>Processes one completed bar of both legs; writes at most <see cref="MaxSignalsPerBar"/> signals and returns how many.</summary>
    public int OnBar(long time, double closeA, double closeB, Span<StrategySignal> output)
    {
        ParameterGuard.Output(output.Length, MaxSignalsPerBar, nameof(output));
        ParameterGuard.Price(closeA, nameof(closeA));
        ParameterGuard.Price(closeB, nameof(closeB));
        clock.Advance(time);

        int written = 0;
        LastZScore = 0;
        if (regression.IsFull)
        {
            double beta = regression.Slope;
            double residualVariance = regression.ResidualVariance;
            double totalVariance = regression.CentredYY / regression.Count;
            // A perfect fit (R² = 1 up to rounding) has no spread scale: dividing rounding residue by rounding
            // residue gives arbitrary z-scores, so no decision is made on it.
            if (residualVariance > totalVariance * 1e-12)
            {
                double z = (closeA - regression.Intercept - (beta * closeB)) / Math.Sqrt(residualVariance);
                LastZScore = z;
                written = Decide(z, beta, output);
            }
        }

        regression.Push(closeB, closeA);
        return written;
    }

    /// <summary>Adds the strategy state to a stage digest.</summary>
    public void AppendDigest(StateDigestBuilder digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        digest.Add(legA.Value).Add(legB.Value).Add(PositionA).Add(PositionB).Add(LastZScore).Add(stoppedOut);
        clock.AppendDigest(digest);
        regression.AppendDigest(digest);
    }

    private int Decide(double z, double beta, Span<StrategySignal> output)
    {
        double absZ = Math.Abs(z);
        if (PositionA != 0)
        {
            // Spread moved further against the position (same side as entry) past the stop band.
            bool against = (PositionA < 0 && z >= parameters.StopZ) || (PositionA > 0 && z <= -parameters.StopZ);
            if (against)
            {
                stoppedOut = true;
                return Close(SignalReason.Stop, output);
            }

            bool converged = (PositionA < 0 && z <= parameters.ExitZ) || (PositionA > 0 && z >= -parameters.ExitZ);
            return converged ? Close(SignalReason.Exit, output) : 0;
        }

        if (stoppedOut)
        {
            if (absZ <= parameters.ExitZ)
            {
                stoppedOut = false;
            }

            return 0;
        }

        if (absZ < parameters.EntryZ || absZ >= parameters.StopZ)
        {
            // Beyond the stop band at entry time is a break, not an opportunity.
            return 0;
        }

        // Spread A − βB rich (z > 0): sell A, buy β units of B per unit of A; cheap: the reverse.
        double a = z > 0 ? -parameters.PositionSize : parameters.PositionSize;
        PositionA = a;
        PositionB = -beta * a;
        output[0] = new StrategySignal(legA, PositionA, a > 0 ? SignalReason.EntryLong : SignalReason.EntryShort);
        output[1] = new StrategySignal(legB, PositionB, PositionB > 0 ? SignalReason.EntryLong : SignalReason.EntryShort);
        return 2;
    }

    private int Close(SignalReason reason, Span<StrategySignal> output)
    {
        PositionA = 0;
        PositionB = 0;
        output[0] = new StrategySignal(legA, 0, reason);
        output[1] = new StrategySignal(legB, 0, reason);
        return 2;
    }
}
