using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;

namespace MultiAsset.Engine.Tests.MarketData.Analytics;

/// <summary>
/// Nested timeframes (each interval a multiple of the one before) build their longer bars from the shorter ones'
/// completed bars; the result must be exactly what one timeframe updated price by price gives — here, analytics that
/// track that timeframe alone — with sessions that cut bars, updates outside the session, gaps and housekeeping.
/// </summary>
public class NestedTimeframesTests
{
    private const long Second = 1_000_000_000;
    private const long Day = 86_400 * Second;
    private const int Instruments = 2;
    private static readonly int[] Timeframes = [1, 60, 3600, 86400];
    private static readonly long Start = new DateTimeOffset(2026, 3, 2, 13, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;

    // A 6.5-hour session from 14:30 UTC each day; outside it, the next one (as an exchange calendar answers).
    private static SessionWindow Session(int instrument, long time)
    {
        var open = (time / Day * Day) + (14 * 3600 * Second) + (30 * 60 * Second);
        var close = open + (6 * 3600 * Second) + (30 * 60 * Second);
        if (time >= close)
        {
            open += Day;
            close += Day;
        }

        return new SessionWindow(open, close, (int)(open / Day));
    }

    private static AnalyticsOptions Options(int[] timeframes) => new()
    {
        TimeframeSeconds = timeframes,
        HistoryBars = 32,
        ZScoreBars = 10,
        MomentumBars = 5,
        CorrelationUniverse = [0, 1],
        CorrelationIntervalSeconds = 60,
    };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void NestedBars_EqualEachTimeframeUpdatedPriceByPrice(int seed)
    {
        var nested = new MarketAnalytics(Instruments, Options(Timeframes), Session);
        var alone = Timeframes.Select(tf => new MarketAnalytics(Instruments, Options([tf]), Session)).ToArray();
        var random = new Random(seed);
        var prices = new long[] { 100_00000000, 250_00000000 };
        var time = Start;
        var evt = default(InputEvent);
        long barsSeen = 0;
        for (var step = 0; step < 40_000; step++)
        {
            // Mostly sub-second gaps (several prices per 1 s bar), sometimes minutes or hours (empty bars, session ends).
            var u = random.NextDouble();
            time += u < 0.9 ? random.Next(1, 900) * 1_000_000L : u < 0.99 ? random.Next(1, 600) * Second : random.Next(1, 10) * 3600 * Second;
            var id = random.Next(Instruments);
            prices[id] = Math.Max(1_000_000, prices[id] + (random.Next(-20, 21) * 1_000_000L));
            if (random.NextDouble() < 0.5)
            {
                evt.SetQuote(new InstrumentId(id), time, Price.FromRaw(prices[id] - 1_000_000), Price.FromRaw(prices[id] + 1_000_000), Quantity.FromRaw(100), Quantity.FromRaw(100));
            }
            else
            {
                evt.SetTrade(new InstrumentId(id), time, Price.FromRaw(prices[id]), Quantity.FromRaw(random.Next(1, 500) * 100_000_000L));
            }

            nested.Update(in evt);
            foreach (var a in alone)
            {
                a.Update(in evt);
            }

            if (random.NextDouble() < 0.05)
            {
                // Housekeeping alone (no price): bars complete on the clock.
                time += random.Next(1, 3000) * 1_000_000L;
                nested.OnTime(time);
                foreach (var a in alone)
                {
                    a.OnTime(time);
                }
            }

            for (var tf = 0; tf < Timeframes.Length; tf++)
            {
                for (var i = 0; i < Instruments; i++)
                {
                    var instrument = new InstrumentId(i);
                    Assert.Equal(alone[tf].CompletedBars(instrument, 0), nested.CompletedBars(instrument, tf));
                    Assert.Equal(alone[tf].LastBar(instrument, 0), nested.LastBar(instrument, tf));
                    Assert.Equal(alone[tf].Volatility(instrument, 0), nested.Volatility(instrument, tf));
                    Assert.Equal(alone[tf].Return(instrument, 0, 3), nested.Return(instrument, tf, 3));
                    Assert.Equal(alone[tf].ZScore(instrument, 0), nested.ZScore(instrument, tf));
                }
            }
        }

        for (var tf = 0; tf < Timeframes.Length; tf++)
        {
            barsSeen += nested.CompletedBars(new InstrumentId(0), tf);
            Assert.True(nested.CompletedBars(new InstrumentId(0), tf) > 2, $"timeframe {Timeframes[tf]} s completed too few bars to test");
        }

        Assert.True(barsSeen > 1000);
    }
}
