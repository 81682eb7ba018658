using MultiAsset.Engine.Model;
using MultiAsset.Engine.Signals.StrategyTypes;

namespace MultiAsset.Engine.Tests.Signals.StrategyTypes;

public sealed class MeanReversionStrategyTests
{
    private const int Period = 50;
    private static readonly InstrumentId Instrument = new(7);

    private static double Sine(int t) => 100 + (5 * Math.Sin(2 * Math.PI * t / Period));

    [Fact]
    public void Sine_wave_enters_at_the_bands_and_exits_near_the_mean()
    {
        // Window = one full period: mean 100, std 5/√2, so z = √2·sin. Entry 1.2 ⇒ |sin| ≥ 0.85; exit 0.2 ⇒ |sin| ≤ 0.14.
        var strategy = new MeanReversionStrategy(Instrument, new MeanReversionParameters(Period, entryZ: 1.2, exitZ: 0.2));
        Span<StrategySignal> output = stackalloc StrategySignal[MeanReversionStrategy.MaxSignalsPerBar];
        var events = new List<(int Bar, StrategySignal Signal)>();
        const int periods = 10;
        for (int t = 0; t < Period * (periods + 1); t++)
        {
            if (strategy.OnBar(t, Sine(t), output) == 1)
            {
                events.Add((t, output[0]));
            }
        }

        Assert.Equal(4 * periods, events.Count);
        for (int i = 0; i < events.Count; i++)
        {
            (int bar, StrategySignal signal) = events[i];
            double deviation = Sine(bar) - 100;
            Assert.Equal(Instrument, signal.Instrument);
            switch (i % 4)
            {
                case 0:
                    Assert.Equal(new StrategySignal(Instrument, -1, SignalReason.EntryShort), signal);
                    Assert.InRange(deviation, 5 * 1.2 / Math.Sqrt(2), 5);
                    break;
                case 2:
                    Assert.Equal(new StrategySignal(Instrument, 1, SignalReason.EntryLong), signal);
                    Assert.InRange(deviation, -5, -5 * 1.2 / Math.Sqrt(2));
                    break;
                default:
                    Assert.Equal(SignalReason.Exit, signal.Reason);
                    Assert.Equal(0, signal.TargetPosition);
                    Assert.InRange(Math.Abs(deviation), 0, 5 * 0.2 / Math.Sqrt(2));
                    break;
            }
        }
    }

    [Fact]
    public void Noise_at_the_bands_does_not_flap_the_position()
    {
        var strategy = new MeanReversionStrategy(Instrument, new MeanReversionParameters(Period, entryZ: 1.2, exitZ: 0.2));
        var noise = new DeterministicNoise(42);
        Span<StrategySignal> output = stackalloc StrategySignal[1];
        int signals = 0;
        SignalReason previous = SignalReason.Exit;
        for (int t = 0; t < Period * 11; t++)
        {
            if (strategy.OnBar(t, Sine(t) + (0.4 * noise.NextCentred()), output) == 1)
            {
                signals++;
                // Every entry is followed by an exit and vice versa: no entry→entry or exit→exit churn.
                Assert.NotEqual(previous == SignalReason.Exit, output[0].Reason == SignalReason.Exit);
                previous = output[0].Reason;
            }
        }

        Assert.Equal(40, signals);
    }

    [Fact]
    public void Flat_window_gives_no_signal_and_warm_up_is_silent()
    {
        var strategy = new MeanReversionStrategy(Instrument, new MeanReversionParameters(5, 1, 0.5));
        Span<StrategySignal> output = stackalloc StrategySignal[1];
        for (int t = 0; t < 5; t++)
        {
            Assert.Equal(0, strategy.OnBar(t, 100, output));
        }

        Assert.Equal(0, strategy.OnBar(5, 200, output));
        Assert.Equal(0, strategy.Position);
    }

    [Fact]
    public void Rejects_bad_inputs()
    {
        var strategy = new MeanReversionStrategy(Instrument, new MeanReversionParameters(5, 1, 0.5));
        var output = new StrategySignal[1];
        Assert.Equal("close", Assert.Throws<ArgumentOutOfRangeException>(() => strategy.OnBar(1, double.NaN, output)).ParamName);
        strategy.OnBar(2, 100, output);
        Assert.Equal("time", Assert.Throws<ArgumentOutOfRangeException>(() => strategy.OnBar(2, 100, output)).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => strategy.OnBar(3, 100, Span<StrategySignal>.Empty)).ParamName);
    }
}
