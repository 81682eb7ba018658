using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.MarketData;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using static MultiAsset.Engine.Tests.MarketData.MarketDataTestCatalog;

namespace MultiAsset.Engine.Tests.MarketData.Validation;

public class MarketDataValidatorTests
{
    private const long Second = 1_000_000_000;

    private readonly MarketDataStage stage = MarketDataStage.Create(Create(), new AnalyticsOptions());

    private static Price P(string text) => Price.Parse(text);

    private static Quantity Q(string text) => Quantity.Parse(text);

    private static InputEvent Quote(int id, long time, string bid, string ask, string size = "1")
    {
        var evt = default(InputEvent);
        evt.SetQuote(new InstrumentId(id), time, P(bid), P(ask), Q(size), Q(size));
        return evt;
    }

    private static InputEvent Trade(int id, long time, string price, string size = "1")
    {
        var evt = default(InputEvent);
        evt.SetTrade(new InstrumentId(id), time, P(price), Q(size));
        return evt;
    }

    private MarketDataRejectReason Process(InputEvent evt)
    {
        stage.OnEvent(ref evt, 0, true);
        return evt.Verdict;
    }

    [Fact]
    public void ValidQuote_IsAcceptedAndReachesAnalytics()
    {
        Assert.Equal(MarketDataRejectReason.None, Process(Quote(Stock, MondayMorningNy, "100.00", "100.02")));

        Assert.Equal(1, stage.Counters.Accepted);
        Assert.Equal(P("100.01"), stage.Analytics.Mid(new InstrumentId(Stock)));
    }

    [Theory]
    [InlineData("0", "100.02", MarketDataRejectReason.NonPositivePrice)]
    [InlineData("-1", "100.02", MarketDataRejectReason.NonPositivePrice)]
    [InlineData("100.03", "100.02", MarketDataRejectReason.CrossedQuote)]
    [InlineData("100.005", "100.02", MarketDataRejectReason.OffTickPrice)]
    [InlineData("100.00", "100.025", MarketDataRejectReason.OffTickPrice)]
    public void BadQuote_IsRejectedWithReason(string bid, string ask, MarketDataRejectReason expected)
    {
        Assert.Equal(expected, Process(Quote(Stock, MondayMorningNy, bid, ask)));

        Assert.Equal(1, stage.Counters[expected]);
        Assert.Equal(0, stage.Counters.Accepted);
        Assert.Equal(Price.Zero, stage.Analytics.Last(new InstrumentId(Stock))); // never reached the analytics
    }

    [Fact]
    public void NegativeQuoteSize_IsInvalidSize()
        => Assert.Equal(MarketDataRejectReason.InvalidSize, Process(Quote(Stock, MondayMorningNy, "100.00", "100.02", "-1")));

    [Theory]
    [InlineData("100.01", "0", MarketDataRejectReason.InvalidSize)]
    [InlineData("0", "5", MarketDataRejectReason.NonPositivePrice)]
    [InlineData("100.015", "5", MarketDataRejectReason.OffTickPrice)]
    public void BadTrade_IsRejectedWithReason(string price, string size, MarketDataRejectReason expected)
        => Assert.Equal(expected, Process(Trade(Stock, MondayMorningNy, price, size)));

    [Fact]
    public void Bar_IsCheckedAgainstTheSessionAtItsLastInstant_NotAtItsEndStamp()
    {
        // A stamp is the bar's end; the bar covers [end − 60 s, end). NYSE on Monday 2026-03-02 (EST): 14:30–21:00 UTC.
        var open = new DateTimeOffset(2026, 3, 2, 14, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;
        var close = new DateTimeOffset(2026, 3, 2, 21, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;
        InputEvent Bar(long end)
        {
            var bar = default(InputEvent);
            bar.SetBar(new InstrumentId(Stock), end, P("100.00"), P("100.50"), P("99.50"), P("100.20"), Q("10"), 60);
            return bar;
        }

        Assert.Equal(MarketDataRejectReason.OutsideTradingHours, Process(Bar(open)));   // 09:29–09:30 ET: pre-market
        Assert.Equal(MarketDataRejectReason.None, Process(Bar(open + (60 * Second)))); // 09:30–09:31: the first bar
        Assert.Equal(MarketDataRejectReason.None, Process(Bar(close)));                 // 15:59–16:00: the last bar
        Assert.Equal(MarketDataRejectReason.OutsideTradingHours, Process(Bar(close + (60 * Second))));
    }

    [Fact]
    public void InconsistentBar_IsInvalidSize()
    {
        var bar = default(InputEvent);
        bar.SetBar(new InstrumentId(Crypto), Saturday, P("100"), P("100.50"), P("99"), P("101"), Q("3"), 60); // close above high

        Assert.Equal(MarketDataRejectReason.InvalidSize, Process(bar));
    }

    [Fact]
    public void OlderOrEqualTimestamp_IsOutOfOrderOrDuplicate_PerInstrumentAndKind()
    {
        Assert.Equal(MarketDataRejectReason.None, Process(Quote(Crypto, Saturday, "100.00", "100.02")));
        Assert.Equal(MarketDataRejectReason.DuplicateTimestamp, Process(Quote(Crypto, Saturday, "100.00", "100.02")));
        Assert.Equal(MarketDataRejectReason.OutOfOrderTimestamp, Process(Quote(Crypto, Saturday - 1, "100.00", "100.02")));

        // A trade at the same instant is a different stream, and another instrument has its own clock.
        Assert.Equal(MarketDataRejectReason.None, Process(Trade(Crypto, Saturday, "100.01")));
        Assert.Equal(MarketDataRejectReason.None, Process(Quote(Fx, MondayMorningNy - Second, "1.08000", "1.08002")));
    }

    [Fact]
    public void UnknownInstrument_IsRejected()
    {
        Assert.Equal(MarketDataRejectReason.UnknownInstrument, Process(Quote(99, Saturday, "1", "2")));
        Assert.Equal(MarketDataRejectReason.UnknownInstrument, Process(Quote(-1, Saturday, "1", "2")));
    }

    [Fact]
    public void OutsideTradingHours_IsRejectedForStockAndFxButNotCrypto()
    {
        Assert.Equal(MarketDataRejectReason.OutsideTradingHours, Process(Quote(Stock, Saturday, "100.00", "100.02")));
        Assert.Equal(MarketDataRejectReason.OutsideTradingHours, Process(Quote(Fx, Saturday, "1.08000", "1.08002")));
        Assert.Equal(MarketDataRejectReason.None, Process(Quote(Crypto, Saturday, "100.00", "100.02")));

        // 08:00 New York on a Monday: before the 09:30 open.
        Assert.Equal(MarketDataRejectReason.OutsideTradingHours, Process(Trade(Stock, MondayMorningNy - (2 * 3600 * Second), "100.00")));
    }

    [Fact]
    public void ReasonSetByFeed_IsCountedAsIs()
    {
        var evt = Quote(Crypto, Saturday, "100.00", "100.02");
        evt.Reject = MarketDataRejectReason.NonFinitePrice;
        Assert.Equal(MarketDataRejectReason.NonFinitePrice, Process(evt));

        var malformed = default(InputEvent);
        malformed.Reject = MarketDataRejectReason.MalformedRecord;
        Assert.Equal(MarketDataRejectReason.MalformedRecord, Process(malformed));

        Assert.Equal(1, stage.Counters[MarketDataRejectReason.NonFinitePrice]);
        Assert.Equal(1, stage.Counters[MarketDataRejectReason.MalformedRecord]);
        Assert.Equal(2, stage.Counters.Rejected);
    }

    [Fact]
    public void EmptyKind_IsMalformed()
        => Assert.Equal(MarketDataRejectReason.MalformedRecord, Process(default));

    [Fact]
    public void NegativeReferenceValue_IsAccepted()
    {
        var rate = default(InputEvent);
        rate.SetReference(new InstrumentId(Rate), MondayMorningNy, P("-0.0075"));

        Assert.Equal(MarketDataRejectReason.None, Process(rate));
        Assert.Equal(P("-0.0075"), stage.Analytics.Last(new InstrumentId(Rate)));
    }
}
