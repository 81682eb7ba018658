using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MultiAsset.Engine.MarketData.Replay;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Tests.MarketData.Replay;

public sealed class ShockedEventSourceTests
{
    private const long Second = 1_000_000_000;
    private static readonly InstrumentId Btc = new(0);
    private static readonly InstrumentId Spy = new(1);

    /// <summary>
    /// Hand-computed: BTC's full move is ×0.5 from t = 10 s, reached over 10 s. Before 10 s nothing changes; at 15 s the
    /// multiple is 1 + (0.5 − 1)·0.5 = 0.75, so a 100.03 bar becomes 75.0225 → 75.00 on the 0.05 tick; from 20 s on it is
    /// ×0.5. SPY (multiple 1) and a rejected row are untouched.
    /// </summary>
    [Fact]
    public void TryRead_LinearPath_ScalesAndRoundsToTheTick()
    {
        var events = new InputEvent[5];
        events[0].SetQuote(Btc, 5 * Second, Price.FromDecimal(99.95m), Price.FromDecimal(100.05m), Quantity.FromDecimal(1), Quantity.FromDecimal(1));
        events[1].SetBar(Btc, 15 * Second, Price.FromDecimal(100.03m), Price.FromDecimal(101m), Price.FromDecimal(99m), Price.FromDecimal(100m), Quantity.FromDecimal(5), 60);
        events[2].SetTrade(Btc, 25 * Second, Price.FromDecimal(80m), Quantity.FromDecimal(1));
        events[3].SetTrade(Spy, 25 * Second, Price.FromDecimal(400m), Quantity.FromDecimal(1));
        events[4].SetTrade(Btc, 25 * Second, Price.FromDecimal(80m), Quantity.FromDecimal(1));
        events[4].Reject = MarketDataRejectReason.NonFinitePrice;
        var shock = new PricePathShock(10 * Second, 10 * Second, [0.5, 1.0], [Price.FromDecimal(0.05m).Raw, Price.FromDecimal(0.01m).Raw]);
        using var source = new ShockedEventSource(new ArraySource(events), shock);

        var read = new InputEvent();
        Assert.True(source.TryRead(ref read));
        Assert.Equal((99.95m, 100.05m), (read.Quote.Bid.ToDecimal(), read.Quote.Ask.ToDecimal()));
        Assert.True(source.TryRead(ref read));
        Assert.Equal((75.00m, 75.75m, 74.25m, 75.00m), (read.Bar.Open.ToDecimal(), read.Bar.High.ToDecimal(), read.Bar.Low.ToDecimal(), read.Bar.Close.ToDecimal()));
        Assert.True(source.TryRead(ref read));
        Assert.Equal(40m, read.Trade.Price.ToDecimal());
        Assert.True(source.TryRead(ref read));
        Assert.Equal(400m, read.Trade.Price.ToDecimal());
        Assert.True(source.TryRead(ref read));
        Assert.Equal(80m, read.Trade.Price.ToDecimal());
        Assert.False(source.TryRead(ref read));
        Assert.Equal(2, source.Shocked);
    }

    [Fact]
    public void Constructor_NonPositiveMultiple_Throws()
        => Assert.Throws<ArgumentOutOfRangeException>(() => new ShockedEventSource(new ArraySource([]), new PricePathShock(0, 0, [0.0], [1])));

    /// <summary>Any multiple and tick keep a quote uncrossed and a bar's low ≤ open, close ≤ high, every price at least one tick.</summary>
    [Property(MaxTest = 1_000)]
    public Property Scale_AnyMultiple_KeepsThePricesOrdered() =>
        Prop.ForAll(
            Gen.Choose(1, 1_000_000).ToArbitrary(),
            Gen.Choose(0, 2_000).ToArbitrary(),
            Gen.Choose(1, 3_000).ToArbitrary(),
            (low, spread, multiple) =>
            {
                long tick = (low % 3) switch { 0 => 1, 1 => 1_000, _ => 1_000_000 };
                var m = multiple / 1_000.0;
                var a = ShockedEventSource.Scale(Price.FromRaw(low * tick), m, tick);
                var b = ShockedEventSource.Scale(Price.FromRaw((low + spread) * tick), m, tick);
                return a.Raw <= b.Raw && a.Raw >= tick && a.Raw % tick == 0;
            });

    private sealed class ArraySource(InputEvent[] events) : IEventSource
    {
        private int next;

        public EventSourceStats Stats { get; } = new();

        public bool TryRead(ref InputEvent evt)
        {
            if (next == events.Length)
            {
                return false;
            }

            evt = events[next++];
            return true;
        }

        public void Dispose()
        {
        }
    }
}
