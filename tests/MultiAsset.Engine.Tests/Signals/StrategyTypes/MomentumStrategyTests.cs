using MultiAsset.Engine.Model;
using MultiAsset.Engine.Signals.StrategyTypes;

namespace MultiAsset.Engine.Tests.Signals.StrategyTypes;

public sealed class MomentumStrategyTests
{
    private static readonly InstrumentId Instrument = new(3);

    [Fact]
    public void Steady_trend_gives_one_long_sized_target_over_realised_volatility()
    {
        // Constant log return g per bar: EWMA variance = g² exactly, so size = target / g = 0.0005 / 0.001 = 0.5.
        const double g = 0.001;
        var strategy = new MomentumStrategy(Instrument, new MomentumParameters(lookback: 20, targetVolatility: 0.0005, maxPosition: 2, rebalanceThreshold: 0.01));
        Span<StrategySignal> output = stackalloc StrategySignal[1];
        var events = new List<(int Bar, StrategySignal Signal)>();
        for (int t = 0; t < 200; t++)
        {
            if (strategy.OnBar(t, 100 * Math.Exp(g * t), output) == 1)
            {
                events.Add((t, output[0]));
            }
        }

        (int bar, StrategySignal signal) = Assert.Single(events);
        Assert.Equal(20, bar);
        Assert.Equal(SignalReason.EntryLong, signal.Reason);
        Assert.Equal(0.5, signal.TargetPosition, 1e-9);
        Assert.Equal(g, strategy.RealisedVolatility, 1e-12);
        Assert.Equal(20 * g, strategy.LookbackReturn, 1e-12);
    }

    [Fact]
    public void Ewma_scaling_matches_a_hand_computation()
    {
        // λ = 0.5, log returns 0.01, 0.03, 0.02. σ² = 0.0001 (seed), 0.5·0.0001 + 0.5·0.0009 = 0.0005,
        // 0.5·0.0005 + 0.5·0.0004 = 0.00045. Lookback 2 is full at bar 2: size 0.01/√0.0005 = 0.4472136,
        // then 0.01/√0.00045 = 0.4714045 at bar 3.
        var strategy = new MomentumStrategy(Instrument, new MomentumParameters(lookback: 2, targetVolatility: 0.01, ewmaLambda: 0.5, maxPosition: 5));
        Span<StrategySignal> output = stackalloc StrategySignal[1];
        double[] logReturns = [0.01, 0.03, 0.02];
        double logPrice = Math.Log(50);
        Assert.Equal(0, strategy.OnBar(0, 50, output));
        logPrice += logReturns[0];
        Assert.Equal(0, strategy.OnBar(1, Math.Exp(logPrice), output));
        logPrice += logReturns[1];
        Assert.Equal(1, strategy.OnBar(2, Math.Exp(logPrice), output));
        Assert.Equal(SignalReason.EntryLong, output[0].Reason);
        Assert.Equal(0.4472136, output[0].TargetPosition, 1e-6);
        logPrice += logReturns[2];
        Assert.Equal(1, strategy.OnBar(3, Math.Exp(logPrice), output));
        Assert.Equal(SignalReason.Rebalance, output[0].Reason);
        Assert.Equal(0.4714045, output[0].TargetPosition, 1e-6);
    }

    [Fact]
    public void Trend_reversal_flips_short_and_low_volatility_is_capped()
    {
        var strategy = new MomentumStrategy(Instrument, new MomentumParameters(lookback: 10, targetVolatility: 0.01, maxPosition: 1.5, rebalanceThreshold: 0.05));
        Span<StrategySignal> output = stackalloc StrategySignal[1];
        double logPrice = Math.Log(100);
        var reasons = new List<StrategySignal>();
        for (int t = 0; t < 100; t++)
        {
            // 0.1 % per bar for 50 bars (vol 0.001 ⇒ 0.01/0.001 = 10, capped at 1.5), then down 0.2 % per bar (never exactly flat over the lookback).
            logPrice += t == 0 ? 0 : t <= 50 ? 0.001 : -0.002;
            if (strategy.OnBar(t, Math.Exp(logPrice), output) == 1)
            {
                reasons.Add(output[0]);
            }
        }

        Assert.Equal(2, reasons.Count);
        Assert.Equal(new StrategySignal(Instrument, 1.5, SignalReason.EntryLong), reasons[0]);
        Assert.Equal(SignalReason.EntryShort, reasons[1].Reason);
        Assert.Equal(-1.5, reasons[1].TargetPosition, 1e-12);
        Assert.True(strategy.Position < 0);
    }
}
