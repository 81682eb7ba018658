using System.Globalization;
using MultiAsset.Engine.Backtest.Metrics;
using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Tests.Backtest.Metrics;

/// <summary>Where a trading day ends: UTC midnight, or 17:00 New York (the FX day) with daylight saving.</summary>
public sealed class TradingDayTests
{
    private const long Hour = 3_600_000_000_000;

    private static long Ns(string instant) =>
        DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture, DateTimeStyles.None).ToUnixTimeMilliseconds() * 1_000_000;

    /// <summary>17:00 New York is 22:00 UTC in winter (EST) and 21:00 UTC in summer (EDT), across the 2026-03-08 switch.</summary>
    [Theory]
    [InlineData("2026-01-05T21:59:59.999Z", "2026-01-05T22:00:00Z")] // Monday, EST
    [InlineData("2026-03-06T21:59:59.999Z", "2026-03-06T22:00:00Z")] // Friday before the switch, EST
    [InlineData("2026-03-08T20:59:59.999Z", "2026-03-08T21:00:00Z")] // Sunday of the switch, already EDT
    [InlineData("2026-07-10T20:59:59.999Z", "2026-07-10T21:00:00Z")] // Friday, EDT
    public void NewYork1700_RollsAt17NewYork(string before, string at)
    {
        var clock = TradingDayClock.For(ReturnPeriod.DailyNewYork1700);
        var day = clock.DayOf(Ns(before));

        Assert.Equal(day + 1, clock.DayOf(Ns(at)));
        Assert.Equal(day, clock.DayOf(Ns(before) - (20 * Hour)));
        Assert.Equal(day + 1, clock.DayOf(Ns(at) + (23 * Hour)));
    }

    /// <summary>The label is the New York date the day closes on: Sunday-evening samples belong to Monday.</summary>
    [Fact]
    public void NewYork1700_SundayEveningBelongsToMonday()
    {
        var clock = TradingDayClock.For(ReturnPeriod.DailyNewYork1700);

        Assert.Equal(clock.DayOf(Ns("2026-01-05T15:00:00Z")), clock.DayOf(Ns("2026-01-04T22:30:00Z")));
        Assert.Equal(new DateTime(2026, 1, 5) - DateTime.UnixEpoch, TimeSpan.FromDays(clock.DayOf(Ns("2026-01-04T22:30:00Z"))));
    }

    /// <summary>
    /// Hourly FX samples from the Sunday open (17:00 New York) to Friday 16:00 New York, winter and summer: five daily
    /// returns with the New York day; six with UTC days (Sunday evening would be a day of its own).
    /// </summary>
    [Theory]
    [InlineData("2026-01-04T22:00:00Z")]
    [InlineData("2026-07-05T21:00:00Z")]
    public void FxWeek_HasFiveDailyPeriods_OnTheNewYorkDay(string sundayOpen)
    {
        var open = Ns(sundayOpen);
        var equity = Enumerable.Range(0, (5 * 24) - 1).Select(h => new EquitySample(open + (h * Hour), Money.FromDecimal(100 + (h % 7)))).ToArray();

        Assert.Equal(5, PeriodReturns.From(equity, ReturnPeriod.DailyNewYork1700).Returns.Length);
        Assert.Equal(6, PeriodReturns.From(equity, ReturnPeriod.DailyUtc).Returns.Length);
    }

    [Fact]
    public void DailyFor_Forex_RollsAtNewYork1700_OthersAtUtcMidnight()
    {
        Assert.Equal(ReturnPeriod.DailyNewYork1700, AnnualisationBasis.DailyFor([AssetClass.Forex]).Period);
        Assert.Equal(ReturnPeriod.DailyNewYork1700, AnnualisationBasis.DailyFor([AssetClass.Crypto, AssetClass.Forex]).Period);
        Assert.Equal(ReturnPeriod.DailyUtc, AnnualisationBasis.DailyFor([AssetClass.Crypto, AssetClass.Stock]).Period);
    }
}
