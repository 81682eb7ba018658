using BenchmarkDotNet.Attributes;
using MultiAsset.Engine.Backtest.Metrics;
using MultiAsset.Engine.Model;

namespace MultiAsset.Benchmarks.Backtest;

/// <summary>
/// Every performance metric of a 1 000 000-sample equity curve (one-minute samples, about two years, 24/7) with a
/// benchmark, a gross exposure series and 10 000 trades, on both return bases: daily UTC periods and every sample.
/// Target: well under a second. Runs after a backtest, not per event: allocation is proportional to the periods
/// (a few KiB daily, ~24 MB on the every-sample basis) and is reported for information.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class PerformanceCalculatorBenchmarks
{
    private const int Samples = 1_000_000;
    private const long Minute = 60_000_000_000;

    private PerformanceInput daily = null!;
    private PerformanceInput everySample = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;
        var equity = new EquitySample[Samples];
        var benchmark = new EquitySample[Samples];
        var exposure = new Money[Samples];
        double e = 1_000_000, b = 100;
        for (var i = 0; i < Samples; i++)
        {
            var t = start + (i * Minute);
            equity[i] = new EquitySample(t, Money.FromDouble(Math.Round(e, 2)));
            benchmark[i] = new EquitySample(t, Money.FromDouble(Math.Round(b, 4)));
            exposure[i] = Money.FromDouble(Math.Round(e * random.NextDouble(), 2));
            e *= 1 + ((random.NextDouble() - 0.5) * 0.002);
            b *= 1 + ((random.NextDouble() - 0.5) * 0.002);
        }

        var trades = new ClosedTrade[10_000];
        for (var i = 0; i < trades.Length; i++)
        {
            var entry = start + (i * 100 * Minute);
            trades[i] = new ClosedTrade(new InstrumentId(i % 30), entry, entry + (50 * Minute), Quantity.FromDecimal(10),
                Money.FromDecimal(10_000), Money.FromDecimal(10_100), Money.FromDouble(Math.Round((random.NextDouble() - 0.45) * 200, 2)), Money.FromDecimal(2));
        }

        daily = new PerformanceInput
        {
            Equity = equity,
            Benchmark = benchmark,
            GrossExposure = exposure,
            Trades = trades,
            RiskFreeRate = 0.04,
            Basis = AnnualisationBasis.DailyFor([AssetClass.Crypto]),
        };
        everySample = daily with { Basis = new AnnualisationBasis(ReturnPeriod.EverySample, 365 * 1440) };
    }

    [Benchmark(Baseline = true)]
    public double? DailyPeriods() => PerformanceCalculator.Compute(daily).Sharpe;

    [Benchmark]
    public double? EverySamplePeriods() => PerformanceCalculator.Compute(everySample).Sharpe;
}
