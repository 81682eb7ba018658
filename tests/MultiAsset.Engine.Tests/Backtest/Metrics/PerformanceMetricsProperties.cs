using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MultiAsset.Engine.Backtest.Metrics;
using MultiAsset.Engine.Model;
using static MultiAsset.Engine.Tests.Backtest.Metrics.EquityCurves;

namespace MultiAsset.Engine.Tests.Backtest.Metrics;

/// <summary>Invariants of the metrics on random curves (random walks with intraday samples, gaps and a benchmark).</summary>
public sealed class PerformanceMetricsProperties
{
    /// <summary>
    /// A random curve: 2..300 samples, 0..3 samples a day with day gaps, multiplicative steps of up to ±20 % (some
    /// curves fall below zero when <paramref name="allowRuin"/>), raw equity at most 9 × 10^11 so × 1000 stays exact in a double.
    /// </summary>
    private static (EquitySample[] Equity, EquitySample[] Benchmark, Money[] Exposure) Curve(int seed, int length, bool allowRuin)
    {
        var random = new Random(seed);
        var n = 2 + (length % 299);
        var equity = new EquitySample[n];
        var benchmark = new EquitySample[n];
        var exposure = new Money[n];
        var t = Start;
        double e = 1000 + random.Next(8_000), b = 100;
        for (var i = 0; i < n; i++)
        {
            equity[i] = new EquitySample(t, Money.FromDouble(Math.Round(e, 4)));
            benchmark[i] = new EquitySample(t + random.Next(2), Money.FromDouble(Math.Round(b, 4)));
            exposure[i] = Money.FromDouble(Math.Round(random.NextDouble() < 0.3 ? 0 : random.NextDouble() * e * 2, 4));
            t += random.Next(4) switch { 0 => Hour * random.Next(1, 6), 1 => Day, 2 => Day * random.Next(2, 5), _ => Hour * 30 };
            e *= 1 + ((random.NextDouble() - 0.5) * 0.4);
            if (allowRuin && random.Next(40) == 0)
            {
                e = -e / 10;
            }

            e = Math.Min(e, 9_000);
            b *= 1 + ((random.NextDouble() - 0.5) * 0.1);
        }

        return (equity, benchmark, exposure);
    }

    [Property(MaxTest = 200)]
    public bool MaxDrawdown_IsAFractionBetweenZeroAndOne(int seed, byte length, bool allowRuin)
    {
        var (equity, _, _) = Curve(seed, length, allowRuin);
        var d = PerformanceCalculator.Compute(new PerformanceInput { Equity = equity }).Drawdown;
        return d.MaxDrawdown is >= 0 and <= 1
            && d.MaxDrawdownMoney.Raw >= 0
            && (d.MaxDrawdown == 0) == (d.MaxDrawdownMoney.Raw == 0)
            && d.MaxDrawdownDurationNs >= 0
            && d.LongestDrawdownDurationNs >= d.MaxDrawdownDurationNs;
    }

    /// <summary>
    /// Multiplying the equity curve (and exposure and value traded, which are money too) by a whole constant leaves
    /// every ratio unchanged, and multiplies the money figures by the constant exactly.
    /// </summary>
    [Property(MaxTest = 150)]
    public Property ScalingEquity_LeavesEveryRatioUnchanged(int seed, byte length, byte factor)
    {
        var c = 2 + (factor * 4);
        var (equity, benchmark, exposure) = Curve(seed, length, allowRuin: false);
        var input = new PerformanceInput
        {
            Equity = equity,
            Benchmark = benchmark,
            GrossExposure = exposure,
            TradedValue = M(12345.678m),
            RiskFreeRate = 0.02,
            Basis = AnnualisationBasis.DailyFor([AssetClass.Stock, AssetClass.Forex]),
        };
        var scaled = input with
        {
            Equity = equity.Select(s => s with { Equity = s.Equity * c }).ToArray(),
            GrossExposure = exposure.Select(x => x * c).ToArray(),
            TradedValue = M(12345.678m) * c,
        };

        var a = PerformanceCalculator.Compute(input);
        var b = PerformanceCalculator.Compute(scaled);
        var failures = new List<string>();
        void Same(string name, double? x, double? y)
        {
            var ok = x is null ? y is null : y is not null && Math.Abs(x.Value - y.Value) <= 1e-9 * Math.Max(1, Math.Abs(x.Value));
            if (!ok)
            {
                failures.Add($"{name}: {x} vs {y}");
            }
        }

        Same("total return", a.TotalReturn, b.TotalReturn);
        Same("CAGR", a.Cagr, b.Cagr);
        Same("volatility", a.AnnualisedVolatility, b.AnnualisedVolatility);
        Same("Sharpe", a.Sharpe, b.Sharpe);
        Same("Sortino", a.Sortino, b.Sortino);
        Same("Calmar", a.Calmar, b.Calmar);
        Same("max drawdown", a.Drawdown.MaxDrawdown, b.Drawdown.MaxDrawdown);
        Same("time in market", a.Exposure.TimeInMarket, b.Exposure.TimeInMarket);
        Same("gross exposure", a.Exposure.AverageGrossExposure, b.Exposure.AverageGrossExposure);
        Same("turnover", a.Exposure.Turnover, b.Exposure.Turnover);
        Same("beta", a.Benchmark!.Beta, b.Benchmark!.Beta);
        Same("alpha", a.Benchmark.Alpha, b.Benchmark.Alpha);
        Same("tracking error", a.Benchmark.TrackingError, b.Benchmark.TrackingError);
        Same("information ratio", a.Benchmark.InformationRatio, b.Benchmark.InformationRatio);
        if (a.Drawdown.MaxDrawdownMoney * c != b.Drawdown.MaxDrawdownMoney || a.Pnl * c != b.Pnl
            || a.Drawdown.MaxDrawdownDurationNs != b.Drawdown.MaxDrawdownDurationNs || a.Periods != b.Periods)
        {
            failures.Add("money or durations did not scale exactly");
        }

        return (failures.Count == 0).ToProperty().Label(string.Join("; ", failures));
    }

    /// <summary>Daily returns compound back to the total return: Π(1 + r) − 1 = end/start − 1 (no ruin).</summary>
    [Property(MaxTest = 200)]
    public bool PeriodReturns_CompoundToTheTotalReturn(int seed, byte length)
    {
        var (equity, _, _) = Curve(seed, length, allowRuin: false);
        var periods = PeriodReturns.From(equity, ReturnPeriod.DailyUtc);
        var growth = periods.Returns.Aggregate(1.0, (g, r) => g * (1 + r));
        var total = (equity[^1].Equity.Raw / (double)equity[0].Equity.Raw) - 1;
        return Math.Abs(growth - 1 - total) <= 1e-9 * Math.Max(1, Math.Abs(total))
            && periods.CloseTimes.Skip(1).Zip(periods.CloseTimes.Skip(2)).All(p => PeriodReturns.DayOf(p.First) < PeriodReturns.DayOf(p.Second));
    }
}
