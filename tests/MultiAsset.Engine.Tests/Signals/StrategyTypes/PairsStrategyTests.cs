using MultiAsset.Engine.Model;
using MultiAsset.Engine.Signals.StrategyTypes;

namespace MultiAsset.Engine.Tests.Signals.StrategyTypes;

public sealed class PairsStrategyTests
{
    private const double Alpha = 10;
    private const double Beta = 1.5;
    private static readonly InstrumentId A = new(1);
    private static readonly InstrumentId B = new(2);

    /// <summary>B is a random walk; A = α + βB + small noise, with spread overrides at given bars.</summary>
    private static List<(int Bar, StrategySignal Signal)> Run(PairsStrategy strategy, int bars, Func<int, double?> spreadOverride, double noiseScale = 0.1)
    {
        var walk = new DeterministicNoise(7);
        var noise = new DeterministicNoise(11);
        Span<StrategySignal> output = stackalloc StrategySignal[PairsStrategy.MaxSignalsPerBar];
        var events = new List<(int, StrategySignal)>();
        double b = 50;
        for (int t = 0; t < bars; t++)
        {
            b += walk.NextCentred();
            double spread = spreadOverride(t) ?? (noiseScale * noise.NextCentred());
            int n = strategy.OnBar(t, Alpha + (Beta * b) + spread, b, output);
            for (int i = 0; i < n; i++)
            {
                events.Add((t, output[i]));
            }
        }

        return events;
    }

    [Fact]
    public void Exact_cointegration_recovers_beta_and_never_trades()
    {
        var strategy = new PairsStrategy(A, B, new PairsParameters(100, 2.5, 0.5, 6));
        var events = Run(strategy, 1000, _ => 0.0);
        Assert.Empty(events);
        Assert.Equal(Beta, strategy.HedgeRatio, 1e-6);
        Assert.Equal(Alpha, strategy.Intercept, 1e-6);
    }

    [Fact]
    public void Rich_spread_sells_A_buys_beta_B_and_exits_when_it_closes()
    {
        // Noise is uniform ±0.05 (σ ≈ 0.029, |z| ≲ 1.8): a +0.12 spread is z ≈ 4, beyond entry 2.5 and inside stop 6.
        var strategy = new PairsStrategy(A, B, new PairsParameters(100, 2.5, 0.5, 6));
        var events = Run(strategy, 400, t => t switch { 300 => 0.12, 301 => 0.0, _ => null });

        Assert.Equal(4, events.Count);
        Assert.All(events.Take(2), e => Assert.Equal(300, e.Bar));
        Assert.Equal(new StrategySignal(A, -1, SignalReason.EntryShort), events[0].Signal);
        Assert.Equal(B, events[1].Signal.Instrument);
        Assert.Equal(SignalReason.EntryLong, events[1].Signal.Reason);
        Assert.Equal(Beta, events[1].Signal.TargetPosition, 0.01);
        Assert.All(events.Skip(2), e => Assert.Equal((301, 0.0, SignalReason.Exit), (e.Bar, e.Signal.TargetPosition, e.Signal.Reason)));
        Assert.Equal(Beta, strategy.HedgeRatio, 0.01);
    }

    [Fact]
    public void Cheap_spread_buys_A_and_sells_beta_B()
    {
        var strategy = new PairsStrategy(A, B, new PairsParameters(100, 2.5, 0.5, 6));
        var events = Run(strategy, 400, t => t switch { 300 => -0.12, 301 => 0.0, _ => null });

        Assert.Equal(new StrategySignal(A, 1, SignalReason.EntryLong), events[0].Signal);
        Assert.Equal(SignalReason.EntryShort, events[1].Signal.Reason);
        Assert.Equal(-Beta, events[1].Signal.TargetPosition, 0.01);
        Assert.Equal(4, events.Count);
    }

    [Fact]
    public void Widening_spread_is_stopped_and_not_reentered_until_it_comes_back()
    {
        var strategy = new PairsStrategy(A, B, new PairsParameters(100, 2.5, 0.5, 6));
        var events = Run(strategy, 400, t => t switch
        {
            300 => 0.12, // entry (z ≈ 4)
            301 => 0.30, // z ≈ 9: stop
            302 => 0.12, // still beyond entry, but stopped out: no re-entry
            303 => 0.0, // back inside exit: stop latch released
            304 => 0.12, // fresh entry
            305 => 0.0, // exit
            _ => null,
        });

        var reasons = events.Select(e => (e.Bar, e.Signal.Instrument, e.Signal.Reason)).ToArray();
        Assert.Equal(
            [
                (300, A, SignalReason.EntryShort), (300, B, SignalReason.EntryLong),
                (301, A, SignalReason.Stop), (301, B, SignalReason.Stop),
                (304, A, SignalReason.EntryShort), (304, B, SignalReason.EntryLong),
                (305, A, SignalReason.Exit), (305, B, SignalReason.Exit),
            ],
            reasons);
    }

    [Fact]
    public void Same_instrument_twice_is_rejected()
        => Assert.Equal("legB", Assert.Throws<ArgumentException>(() => new PairsStrategy(A, A, new PairsParameters(10, 2, 0.5, 3))).ParamName);
}
