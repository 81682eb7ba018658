using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;

namespace MultiAsset.Engine.Tests.MarketData.Analytics;

/// <summary>
/// The O(1) streaming analytics against a naive recomputation from the full event list (grouping, two-pass
/// statistics), on random data with gaps that leave intervals empty and cross day boundaries.
/// </summary>
public class MarketAnalyticsReferenceTests
{
    private const long Second = 1_000_000_000;
    private const long Day = 86_400 * Second;
    private const int Instruments = 3;
    private const double Tolerance = 1e-9;

    private static readonly int[] Timeframes = [1, 60, 3600, 86400];
    private static readonly long Start = new DateTimeOffset(2026, 3, 2, 20, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;

    private static SessionWindow UtcDay(int instrument, long time) => new(time / Day * Day, (time / Day * Day) + Day, (int)(time / Day));

    private sealed record Update(int Id, long Time, InputEventKind Kind, long Price, long Size, long Bid, long Ask);

    private static List<Update> Generate(int seed)
    {
        var random = new Random(seed);
        var prices = new long[Instruments];
        for (var i = 0; i < Instruments; i++)
        {
            prices[i] = (100 + (i * 50)) * 100_000_000L;
        }

        var updates = new List<Update>();
        var time = Start;
        while (time < Start + (30 * 3600 * Second))
        {
            // Exponential gaps, mean 15 s, sometimes hours: many empty 1 s and 1 min intervals, some empty hours.
            time += (long)(-Math.Log(1 - random.NextDouble()) * 15 * Second) + 1;
            if (random.NextDouble() < 0.002)
            {
                time += 2 * 3600 * Second;
            }

            var id = random.Next(Instruments);
            prices[id] = Math.Max(1_000_000, prices[id] + (random.Next(-20, 21) * 1_000_000L));
            if (random.NextDouble() < 0.5)
            {
                var half = random.Next(1, 5) * 1_000_000L;
                updates.Add(new Update(id, time, InputEventKind.Quote, prices[id], 0, prices[id] - half, prices[id] + half));
            }
            else
            {
                updates.Add(new Update(id, time, InputEventKind.Trade, prices[id], random.Next(1, 500) * 100_000_000L, 0, 0));
            }
        }

        return updates;
    }

    private static AnalyticsOptions Options() => new()
    {
        TimeframeSeconds = Timeframes,
        HistoryBars = 64,
        ZScoreBars = 20,
        MomentumBars = 10,
        CorrelationUniverse = [0, 1, 2],
        CorrelationIntervalSeconds = 60,
    };

    private static MarketAnalytics Run(List<Update> updates, long endTime)
    {
        var analytics = new MarketAnalytics(Instruments, Options(), UtcDay);
        var evt = default(InputEvent);
        foreach (var u in updates)
        {
            if (u.Kind == InputEventKind.Quote)
            {
                evt.SetQuote(new InstrumentId(u.Id), u.Time, Price.FromRaw(u.Bid), Price.FromRaw(u.Ask), Quantity.FromRaw(100), Quantity.FromRaw(100));
            }
            else
            {
                evt.SetTrade(new InstrumentId(u.Id), u.Time, Price.FromRaw(u.Price), Quantity.FromRaw(u.Size));
            }

            analytics.Update(in evt);
        }

        analytics.OnTime(endTime);
        return analytics;
    }

    /// <summary>The price an update contributes to bars: quote mid or trade price.</summary>
    private static long BarPrice(Update u) => u.Kind == InputEventKind.Quote ? (u.Bid + u.Ask) / 2 : u.Price;

    private static List<(long Start, long Open, long High, long Low, long Close, long Volume, int Count)> NaiveBars(List<Update> updates, int id, int seconds)
    {
        var interval = seconds * Second;
        return updates
            .Where(u => u.Id == id)
            .GroupBy(u => seconds >= 86_400 ? u.Time / Day * Day : u.Time / interval * interval)
            .OrderBy(g => g.Key)
            .Select(g => (g.Key, BarPrice(g.First()), g.Max(BarPrice), g.Min(BarPrice), BarPrice(g.Last()), g.Sum(u => u.Size), g.Count()))
            .ToList();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(2026)]
    public void Bars_MatchNaiveGrouping_ForEveryTimeframe(int seed)
    {
        var updates = Generate(seed);
        var analytics = Run(updates, updates[^1].Time + (3 * Day));

        for (var id = 0; id < Instruments; id++)
        {
            for (var tf = 0; tf < Timeframes.Length; tf++)
            {
                var bars = NaiveBars(updates, id, Timeframes[tf]);
                var instrument = new InstrumentId(id);
                Assert.Equal(bars.Count, analytics.CompletedBars(instrument, tf));
                var last = analytics.LastBar(instrument, tf);
                var expected = bars[^1];
                Assert.Equal(expected.Start, last.Start);
                Assert.Equal(expected.Open, last.Open.Raw);
                Assert.Equal(expected.High, last.High.Raw);
                Assert.Equal(expected.Low, last.Low.Raw);
                Assert.Equal(expected.Close, last.Close.Raw);
                Assert.Equal(expected.Volume, last.Volume.Raw);
                Assert.Equal(expected.Count, last.Updates);
            }
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(11)]
    public void ReturnsMomentumVolatilityZScore_MatchNaiveComputation(int seed)
    {
        var updates = Generate(seed);
        var analytics = Run(updates, updates[^1].Time + (3 * Day));
        var options = Options();

        for (var id = 0; id < Instruments; id++)
        {
            var instrument = new InstrumentId(id);
            for (var tf = 0; tf < 3; tf++)
            {
                var closes = NaiveBars(updates, id, Timeframes[tf]).Select(b => b.Close / 1e8).ToList();
                foreach (var horizon in new[] { 1, 5, 20, 63 })
                {
                    var expected = horizon < closes.Count && horizon < options.HistoryBars ? (closes[^1] / closes[^(1 + horizon)]) - 1 : double.NaN;
                    AssertClose(expected, analytics.Return(instrument, tf, horizon));
                }

                AssertClose((closes[^1] / closes[^(1 + options.MomentumBars)]) - 1, analytics.Momentum(instrument, tf));

                var variance = double.NaN;
                for (var k = 1; k < closes.Count; k++)
                {
                    var r = Math.Log(closes[k] / closes[k - 1]);
                    variance = k == 1 ? r * r : (0.94 * variance) + (0.06 * r * r);
                }

                AssertClose(Math.Sqrt(variance), analytics.Volatility(instrument, tf));

                var window = closes.TakeLast(options.ZScoreBars).ToList();
                var mean = window.Average();
                var std = Math.Sqrt(window.Sum(c => (c - mean) * (c - mean)) / (window.Count - 1));
                var lastPrice = BarPrice(updates.Last(u => u.Id == id)) / 1e8;
                AssertClose((lastPrice - mean) / std, analytics.ZScore(instrument, tf));
            }
        }
    }

    [Fact]
    public void LastMidSpreadVwapAndVolume_MatchNaiveComputation()
    {
        var updates = Generate(5);
        var analytics = Run(updates, updates[^1].Time);

        for (var id = 0; id < Instruments; id++)
        {
            var instrument = new InstrumentId(id);
            var mine = updates.Where(u => u.Id == id).ToList();
            var lastQuote = mine.Last(u => u.Kind == InputEventKind.Quote);
            Assert.Equal((lastQuote.Bid + lastQuote.Ask) / 2, analytics.Mid(instrument).Raw);
            Assert.Equal(lastQuote.Ask - lastQuote.Bid, analytics.Spread(instrument).Raw);
            Assert.Equal(BarPrice(mine[^1]), analytics.Last(instrument).Raw);

            var sessionStart = mine[^1].Time / Day * Day;
            var sessionTrades = mine.Where(u => u.Kind == InputEventKind.Trade && u.Time >= sessionStart).ToList();
            Assert.Equal(sessionTrades.Sum(t => t.Size), analytics.SessionVolume(instrument).Raw);
            var vwap = sessionTrades.Sum(t => t.Price / 1e8 * (t.Size / 1e8)) / sessionTrades.Sum(t => t.Size / 1e8);
            AssertClose(vwap, analytics.Vwap(instrument));
        }
    }

    [Fact]
    public void CovarianceAndCorrelation_MatchNaiveEwmaOnBarClock()
    {
        var updates = Generate(9);
        var end = updates[^1].Time + (5 * 60 * Second);
        var analytics = Run(updates, end);

        const long interval = 60 * Second;
        var prices = new double[Instruments];
        var previous = new double[Instruments];
        var cov = new double[Instruments, Instruments];
        long next = 0;
        var steps = 0;

        void Step(long time)
        {
            if (time < next)
            {
                return;
            }

            var first = next == 0;
            next = ((time / interval) + 1) * interval;
            var r = new double[Instruments];
            for (var i = 0; i < Instruments; i++)
            {
                r[i] = !first && prices[i] > 0 && previous[i] > 0 ? Math.Log(prices[i] / previous[i]) : 0;
                if (prices[i] > 0)
                {
                    previous[i] = prices[i];
                }
            }

            if (first)
            {
                return;
            }

            for (var i = 0; i < Instruments; i++)
            {
                for (var j = 0; j < Instruments; j++)
                {
                    cov[i, j] = (0.94 * cov[i, j]) + (0.06 * r[i] * r[j]);
                }
            }

            steps++;
        }

        foreach (var u in updates)
        {
            Step(u.Time);
            prices[u.Id] = BarPrice(u) / 1e8;
        }

        Step(end);

        Assert.Equal(steps, analytics.Covariance.Updates);
        for (var i = 0; i < Instruments; i++)
        {
            for (var j = 0; j < Instruments; j++)
            {
                AssertClose(cov[i, j], analytics.Covariance.Covariance(i, j));
                AssertClose(cov[i, j] / Math.Sqrt(cov[i, i] * cov[j, j]), analytics.Covariance.Correlation(i, j));
            }
        }
    }

    private static void AssertClose(double expected, double actual)
    {
        if (double.IsNaN(expected))
        {
            Assert.True(double.IsNaN(actual), $"expected NaN, got {actual}");
            return;
        }

        Assert.True(Math.Abs(expected - actual) <= Tolerance * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");
    }
}
