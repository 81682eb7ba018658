using MultiAsset.Engine.Model;
using MultiAsset.Engine.Signals.StrategyTypes;

namespace MultiAsset.Engine.Tests.Signals.StrategyTypes;

public sealed class CorrelationStrategyTests
{
    private static readonly InstrumentId A = new(4);
    private static readonly InstrumentId B = new(5);

    /// <summary>
    /// Both assets follow a common factor (σ ≈ 0.58 %) plus small idiosyncratic noise (σ ≈ 0.12 %), so their returns
    /// correlate ≈ 0.96 when <paramref name="shared"/>; otherwise B has its own factor (correlation ≈ 0). A gets an
    /// extra <paramref name="jump"/> log return at bar 200, reversed at bar 202, with no noise on bars 200–202.
    /// </summary>
    private static List<(int Bar, StrategySignal Signal)> Run(CorrelationStrategy strategy, bool shared, double jump)
    {
        var factor = new DeterministicNoise(1);
        var otherFactor = new DeterministicNoise(2);
        var idio = new DeterministicNoise(3);
        Span<StrategySignal> output = stackalloc StrategySignal[CorrelationStrategy.MaxSignalsPerBar];
        var events = new List<(int, StrategySignal)>();
        double logA = Math.Log(100);
        double logB = Math.Log(40);
        for (int t = 0; t < 300; t++)
        {
            double f = 0.02 * factor.NextCentred();
            double g = 0.02 * otherFactor.NextCentred();
            double ea = 0.004 * idio.NextCentred();
            double eb = 0.004 * idio.NextCentred();
            bool quiet = t is >= 200 and <= 202;
            logA += f + (quiet ? 0 : ea) + (t == 200 ? jump : t == 202 ? -jump : 0);
            logB += (shared ? f : g) + (quiet ? 0 : eb);
            int n = strategy.OnBar(t, Math.Exp(logA), Math.Exp(logB), output);
            for (int i = 0; i < n; i++)
            {
                events.Add((t, output[i]));
            }
        }

        return events;
    }

    private static CorrelationParameters Parameters => new(window: 60, correlationFloor: 0.8, gapLookback: 3, entryK: 4, exitK: 1);

    [Fact]
    public void Divergence_of_correlated_assets_sells_the_leader_buys_the_laggard_and_exits_on_convergence()
    {
        var strategy = new CorrelationStrategy(A, B, Parameters);
        var events = Run(strategy, shared: true, jump: 0.03);

        Assert.Equal(
            [
                (200, new StrategySignal(A, -1, SignalReason.EntryShort)),
                (200, new StrategySignal(B, 1, SignalReason.EntryLong)),
                (202, new StrategySignal(A, 0, SignalReason.Exit)),
                (202, new StrategySignal(B, 0, SignalReason.Exit)),
            ],
            events);
    }

    [Fact]
    public void Laggard_rally_is_the_mirror_trade()
    {
        var strategy = new CorrelationStrategy(A, B, Parameters);
        var events = Run(strategy, shared: true, jump: -0.03);
        Assert.Equal((200, new StrategySignal(A, 1, SignalReason.EntryLong)), events[0]);
        Assert.Equal((200, new StrategySignal(B, -1, SignalReason.EntryShort)), events[1]);
        Assert.Equal(4, events.Count);
    }

    [Fact]
    public void Uncorrelated_assets_are_not_traded_however_far_they_diverge()
    {
        var strategy = new CorrelationStrategy(A, B, Parameters);
        var events = Run(strategy, shared: false, jump: 0.1);
        Assert.Empty(events);
        Assert.InRange(strategy.LastCorrelation, -0.5, 0.5);
    }
}
