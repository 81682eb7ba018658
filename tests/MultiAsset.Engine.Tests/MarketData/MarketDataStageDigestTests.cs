using MultiAsset.Engine.MarketData;
using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using static MultiAsset.Engine.Tests.MarketData.MarketDataTestCatalog;

namespace MultiAsset.Engine.Tests.MarketData;

public class MarketDataStageDigestTests
{
    private static MarketDataStage NewStage() => MarketDataStage.Create(Create(), new AnalyticsOptions { CorrelationUniverse = [Stock, Crypto] });

    private static List<InputEvent> Events(int count, int seed)
    {
        var random = new Random(seed);
        var list = new List<InputEvent>();
        var price = 10_000L;
        for (var i = 0; i < count; i++)
        {
            price += random.Next(-3, 4);
            var evt = default(InputEvent);
            var time = MondayMorningNy + (i * 250_000_000L);
            if (i % 5 == 4)
            {
                evt.SetTrade(new InstrumentId(i % 2 == 0 ? Stock : Crypto), time, Price.FromRaw(price * 1_000_000), Quantity.Parse("2"));
            }
            else
            {
                evt.SetQuote(new InstrumentId(i % 2 == 0 ? Stock : Crypto), time, Price.FromRaw(price * 1_000_000), Price.FromRaw((price + 1) * 1_000_000),
                    Quantity.Parse("1"), Quantity.Parse("1"));
            }

            list.Add(evt);
        }

        return list;
    }

    private static ulong Run(MarketDataStage stage, List<InputEvent> events)
    {
        for (var i = 0; i < events.Count; i++)
        {
            var evt = events[i];
            stage.OnEvent(ref evt, i, i == events.Count - 1);
        }

        return StateDigest.Of(stage);
    }

    [Fact]
    public void SameEvents_GiveSameDigest_OtherEventsAnother()
    {
        var events = Events(5_000, seed: 1);

        Assert.Equal(Run(NewStage(), events), Run(NewStage(), events));
        Assert.NotEqual(Run(NewStage(), events), Run(NewStage(), Events(5_000, seed: 2)));
        Assert.NotEqual(Run(NewStage(), events), Run(NewStage(), events.Take(4_999).ToList()));
    }

    [Fact]
    public void RequestedDigest_IsTheStateRightAfterThatSequence()
    {
        var events = Events(3_000, seed: 3);
        var probed = NewStage();
        probed.RequestDigestAt(1_999);
        Run(probed, events);

        var prefix = NewStage();
        var expected = Run(prefix, events.Take(2_000).ToList());

        Assert.Equal(expected, probed.RequestedDigest);
        Assert.NotEqual(expected, StateDigest.Of(probed));
    }

    [Fact]
    public void RequestedDigest_IsNullUntilTheSequenceIsReached()
    {
        var stage = NewStage();
        stage.RequestDigestAt(10);
        Run(stage, Events(5, seed: 4));

        Assert.Null(stage.RequestedDigest);
    }
}
