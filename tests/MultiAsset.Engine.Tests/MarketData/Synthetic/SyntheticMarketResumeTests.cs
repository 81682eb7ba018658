using MultiAsset.Engine.MarketData;
using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.MarketData.Feeds;
using MultiAsset.Engine.MarketData.Synthetic;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;

namespace MultiAsset.Engine.Tests.MarketData.Synthetic;

/// <summary>
/// A simulated-time synthetic market resumed after a recovered journal continues after the last journalled event time,
/// from the last journalled prices, with a random stream fixed by (seed, resume time).
/// </summary>
public class SyntheticMarketResumeTests
{
    private static readonly SyntheticFeedOptions Options = new() { Seed = 7, Step = TimeSpan.FromSeconds(1) };
    private static InstrumentCatalog Catalog => SyntheticTestData.AlwaysOpenCatalog;

    // The "first run": 200 rounds through the market-data stage, which is what a journal recovery rebuilds.
    private static (MarketDataStage Stage, SyntheticMarket Market) FirstRun()
    {
        var stage = MarketDataStage.Create(Catalog, new AnalyticsOptions());
        var market = new SyntheticMarket(Catalog, Options);
        Publish(stage, market, 200);
        return (stage, market);
    }

    private static int Publish(MarketDataStage stage, SyntheticMarket market, int rounds)
    {
        var rejected = 0;
        for (var r = 0; r < rounds; r++)
        {
            market.Advance();
            foreach (var e in market.Events)
            {
                var evt = e;
                stage.OnEvent(ref evt, 0, true);
                rejected += evt.Verdict == MarketDataRejectReason.None ? 0 : 1;
            }
        }

        return rejected;
    }

    [Fact]
    public void Resumed_ContinuesAfterTheLastEventTime_FromTheLastMids_WithEveryEventAccepted()
    {
        var (stage, first) = FirstRun();
        var point = stage.ResumePoint();
        Assert.Equal(first.NowNanoseconds, point.LastEventTime);

        var resumed = new SyntheticMarket(Catalog, Options);
        resumed.ResumeAfter(point);
        resumed.Advance();

        Assert.Equal(point.LastEventTime + 1_000_000_000, resumed.NowNanoseconds); // the next step of the same grid
        Assert.Equal(point.LastEventTime, resumed.ResumedAfter);
        var tradables = Catalog.Instruments.Where(i => i.IsTradable).ToList();
        Assert.NotEmpty(tradables);
        foreach (var instrument in tradables)
        {
            var before = point.Mid(instrument.Id).ToDouble();
            var after = resumed.MidOf(instrument.Id);
            Assert.True(Math.Abs(after / before - 1) < 0.005, $"{instrument.Symbol}: resumed at {after}, journal ended at {before}");
        }

        // Into the recovered stage: nothing is out of order, nothing duplicated.
        Assert.Equal(0, Publish(stage, resumed, 100));
    }

    [Fact]
    public void Resumed_IsDeterministic_AndNotARepeatOfTheFirstRunsStream()
    {
        var (stage, _) = FirstRun();
        var point = stage.ResumePoint();
        var a = new SyntheticMarket(Catalog, Options);
        var b = new SyntheticMarket(Catalog, Options);
        a.ResumeAfter(point);
        b.ResumeAfter(point);

        var eventsA = SyntheticTestData.Collect(a, 20);
        var eventsB = SyntheticTestData.Collect(b, 20);
        Assert.Equal(eventsA, eventsB);

        // A fresh market's relative moves (its first 20 rounds) are not replayed after the resume point.
        var fresh = new SyntheticMarket(Catalog, Options);
        var id = Catalog.Instruments.First(i => i.IsTradable).Id;
        var freshMoves = Moves(fresh, id);
        var resumedMoves = Moves(a, id);
        Assert.NotEqual(freshMoves, resumedMoves);
    }

    [Fact]
    public void EmptyPoint_ChangesNothing()
    {
        var fresh = new SyntheticMarket(Catalog, Options);
        var resumed = new SyntheticMarket(Catalog, Options);
        resumed.ResumeAfter(FeedResumePoint.None);

        Assert.Equal(SyntheticTestData.Collect(fresh, 10), SyntheticTestData.Collect(resumed, 10));
    }

    [Fact]
    public void ResumeAfter_TheFirstRound_Throws()
    {
        var (stage, _) = FirstRun();
        var market = new SyntheticMarket(Catalog, Options);
        market.Advance();

        Assert.Throws<InvalidOperationException>(() => market.ResumeAfter(stage.ResumePoint()));
    }

    private static double[] Moves(SyntheticMarket market, InstrumentId id)
    {
        var moves = new double[10];
        market.Advance();
        var previous = market.MidOf(id);
        for (var i = 0; i < moves.Length; i++)
        {
            market.Advance();
            moves[i] = Math.Round(market.MidOf(id) / previous, 12);
            previous = market.MidOf(id);
        }

        return moves;
    }
}
