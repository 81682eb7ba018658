using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Portfolio.Accounts;
using static MultiAsset.Engine.Tests.Portfolio.Accounts.AccountsTestData;

namespace MultiAsset.Engine.Tests.Portfolio.Accounts;

/// <summary>Hand-computed equity, leverage, margin, drawdown, daily P&amp;L, reservations and pricing gaps.</summary>
public class AccountBookValuationTests
{
    private static readonly AccountId A = new(0);
    private const long Day = AccountBook.NanosecondsPerDay;

    [Fact]
    public void EquityLeverageDrawdownAndDailyReset_FollowMarksAndEventTime()
    {
        var book = SingleAccount("Margin", 2, 100_000);
        Assert.Equal(M(100_000), book.Equity(A));
        Assert.Equal(M(200_000), book.BuyingPower(A));

        // 1500 @ 100 = 150000 on 100000 of equity: 1.5× levered, 50000 of buying power left at 2×.
        book.ApplyFill(A, Aaa, OrderSide.Buy, Q(1500), P(100), Money.Zero, Day0 + 1000);
        Assert.Equal(M(-50_000), book.Cash(A, Usd));
        Assert.Equal(M(100_000), book.Equity(A)); // unmarked: carried at cost
        Assert.Equal(1.5, book.Leverage(A));
        Assert.Equal(M(75_000), book.MarginUsed(A));
        Assert.Equal(M(50_000), book.BuyingPower(A));

        book.OnMark(Aaa, P(110), Day0 + 2000);
        Assert.Equal(M(115_000), book.Equity(A));
        Assert.Equal(M(115_000), book.PeakEquity(A));
        Assert.Equal(165_000.0 / 115_000.0, book.Leverage(A), 12);
        book.ObserveValuations(); // a valuation point (the accounts stage's sample): the peak is kept from here

        book.OnMark(Aaa, P(90), Day0 + 3000);
        Assert.Equal(M(85_000), book.Equity(A));
        Assert.Equal(M(30_000), book.Drawdown(A));
        Assert.Equal(M(30_000), book.MaxDrawdown(A));
        Assert.Equal(30_000.0 / 115_000.0, book.DrawdownFraction(A), 12);
        Assert.Equal(M(-15_000), book.DailyPnl(A)); // the first day opened at the initial 100000

        // The next UTC day opens at the last equity (85000); marks then move the daily P&L from there.
        book.OnMark(Aaa, P(95), Day0 + Day + 5);
        Assert.Equal(M(85_000), book.DayStartEquity(A));
        Assert.Equal(M(92_500), book.Equity(A));
        Assert.Equal(M(7500), book.DailyPnl(A));
        Assert.Equal(M(22_500), book.Drawdown(A));
        Assert.Equal(M(30_000), book.MaxDrawdown(A));
        Assert.Equal(AccountBook.DayOf(Day0) + 1, book.CurrentDay(A));

        // An out-of-order (earlier) timestamp does not move the day back.
        book.OnMark(Aaa, P(96), Day0 + 10);
        Assert.Equal(M(85_000), book.DayStartEquity(A));
        Assert.Equal(M(9000), book.DailyPnl(A));
    }

    [Fact]
    public void PeakAndMaxDrawdown_MoveAtValuationPoints_AndReadsAddTheCurrentEquity()
    {
        var book = SingleAccount("Margin", 2, 100_000);
        book.ApplyFill(A, Aaa, OrderSide.Buy, Q(1000), P(100), Money.Zero, Day0 + 1000);

        // A rise and fall between two valuation points is not seen...
        book.OnMark(Aaa, P(120), Day0 + 2000);
        book.OnMark(Aaa, P(100), Day0 + 3000);
        Assert.Equal(M(100_000), book.PeakEquity(A));
        Assert.Equal(Money.Zero, book.MaxDrawdown(A));

        // ...a read counts the current equity without keeping it...
        book.OnMark(Aaa, P(130), Day0 + 4000);
        Assert.Equal(M(130_000), book.PeakEquity(A));
        book.OnMark(Aaa, P(100), Day0 + 5000);
        Assert.Equal(M(100_000), book.PeakEquity(A));

        // ...and a valuation point keeps it: the drawdown from there is measured from it.
        book.OnMark(Aaa, P(125), Day0 + 6000);
        book.ObserveValuations();
        book.OnMark(Aaa, P(105), Day0 + 7000);
        Assert.Equal(M(125_000), book.PeakEquity(A));
        Assert.Equal(M(20_000), book.Drawdown(A));
        Assert.Equal(M(20_000), book.MaxDrawdown(A));
        book.OnMark(Aaa, P(110), Day0 + 8000);
        Assert.Equal(M(15_000), book.Drawdown(A));
        Assert.Equal(M(15_000), book.MaxDrawdown(A)); // the trough at 105 fell between two points

        // A fill is a valuation point too.
        book.OnMark(Aaa, P(90), Day0 + 9000);
        book.ApplyFill(A, Aaa, OrderSide.Sell, Q(1), P(90), Money.Zero, Day0 + 9500);
        book.OnMark(Aaa, P(110), Day0 + 10_000);
        Assert.Equal(M(35_000), book.MaxDrawdown(A));
    }

    [Fact]
    public void OwnFill_OnANewDay_RollsOnlyThatAccount()
    {
        var book = Book("""{ "USD": 1000 }""", """{ "USD": 1000 }""");
        var other = new AccountId(1);
        book.OnMark(Aaa, P(10), Day0);
        book.ApplyFill(A, Aaa, OrderSide.Buy, Q(10), P(10), Money.Zero, Day0);
        book.ApplyFill(other, Aaa, OrderSide.Buy, Q(10), P(10), Money.Zero, Day0);
        book.OnMark(Aaa, P(12), Day0 + 1);

        book.ApplyFill(A, Bbb, OrderSide.Buy, Q(1), P(5), M(1), Day0 + Day);

        Assert.Equal(M(1020), book.DayStartEquity(A));
        Assert.Equal(M(-1), book.DailyPnl(A));
        Assert.Equal(M(1000), book.DayStartEquity(other));
        Assert.Equal(M(20), book.DailyPnl(other));
    }

    [Fact]
    public void Reservations_CountInOpenOrderExposureAndBuyingPower_UntilReleased()
    {
        var book = SingleAccount("Margin", 2, 100_000);
        book.OnMark(UsdJpy, P(100), Day0);
        Assert.Equal(AccountUpdateResult.Applied, book.ReserveOrder(A, Aaa, OrderSide.Buy, Q(100), P(100)));
        Assert.Equal(AccountUpdateResult.Applied, book.ReserveOrder(A, Jjj, OrderSide.Sell, Q(10), P(5000)));

        Assert.Equal(Q(100), book.OpenBuyQuantity(A, Aaa));
        Assert.Equal(Q(10), book.OpenSellQuantity(A, Jjj));
        Assert.Equal(M(10_500), book.OpenOrderExposure(A)); // 10000 USD + 50000 JPY / 100
        Assert.Equal(M(189_500), book.BuyingPower(A));

        book.ReleaseOrder(A, Aaa, OrderSide.Buy, Q(40), P(100));
        Assert.Equal(Q(60), book.OpenBuyQuantity(A, Aaa));
        Assert.Equal(M(6500), book.OpenOrderExposure(A));

        book.ReleaseOrder(A, Aaa, OrderSide.Buy, Q(100), P(100));
        Assert.Equal(Quantity.Zero, book.OpenBuyQuantity(A, Aaa));
        Assert.Equal(1, book.ReservationMismatches);
        Assert.Equal(M(500), book.OpenOrderExposure(A));

        Assert.Equal(AccountUpdateResult.InvalidQuantity, book.ReserveOrder(A, Aaa, OrderSide.Buy, Quantity.Zero, P(1)));
        Assert.Equal(AccountUpdateResult.NotTradable, book.ReleaseOrder(A, Spx, OrderSide.Buy, Q(1), P(1)));
        Assert.Equal(2, book.ReservationsRejected);
    }

    [Fact]
    public void ForeignBalanceWithoutRate_IsLeftOutUntilTheFirstMark()
    {
        var book = Book("""{ "USD": 1000, "EUR": 1000 }""");
        Assert.False(book.IsFullyPriced(A));
        Assert.Equal(M(1000), book.Equity(A));
        Assert.Equal(Money.Zero, book.PeakEquity(A));
        Assert.Equal(Money.Zero, book.DailyPnl(A));

        book.OnMark(EurUsd, P(1.25m), Day0);

        Assert.True(book.IsFullyPriced(A));
        Assert.Equal(M(2250), book.Equity(A));
        Assert.Equal(M(2250), book.PeakEquity(A));
        Assert.Equal(M(2250), book.DayStartEquity(A));
    }

    [Fact]
    public void PeggedStablecoin_IsWorthOneDollar_AndCrossOnlyCoin_GoesThroughItsChain()
    {
        var book = Book("""{ "USD": 1000, "USDT": 500, "ETH": 2 }""");
        Assert.False(book.IsFullyPriced(A)); // ETH needs ETHBTC and BTCUSD

        book.OnMark(EthBtc, P(0.05m), Day0);
        Assert.False(book.IsFullyPriced(A));
        book.OnMark(BtcUsd, P(60_000), Day0);

        Assert.True(book.IsFullyPriced(A));
        Assert.Equal(M(1000 + 500 + (2 * 0.05m * 60_000)), book.Equity(A));
    }

    [Fact]
    public void UnchangedAccount_IsNotAffectedByMarksItDoesNotDependOn()
    {
        var book = Book("""{ "USD": 1000 }""", """{ "USD": 1000 }""");
        book.ApplyFill(A, Aaa, OrderSide.Buy, Q(1), P(100), Money.Zero, Day0);
        book.OnMark(Aaa, P(150), Day0);

        Assert.Equal(M(1050), book.Equity(A));
        Assert.Equal(M(1000), book.Equity(new AccountId(1)));
        Assert.Equal(Money.Zero, book.GrossExposure(new AccountId(1)));
    }

    [Fact]
    public void Snapshot_CopiesBalancesPositionsAndTotals()
    {
        var book = Book("""{ "USD": 100000 }""");
        book.OnMark(EurUsd, P(1.1m), Day0);
        book.ApplyFill(A, EurUsd, OrderSide.Buy, Q(10_000), P(1.1m), M(2), Day0);
        book.ApplyFill(A, Aaa, OrderSide.Buy, Q(10), P(100), M(1), Day0);
        book.ReserveOrder(A, Bbb, OrderSide.Buy, Q(5), P(20));
        book.OnMark(Aaa, P(101), Day0);

        var snapshot = book.Snapshot(A);

        Assert.Equal("a0", snapshot.Key);
        Assert.Equal("USD", snapshot.BaseCurrency);
        Assert.Equal(AccountType.Margin, snapshot.Type);
        Assert.Equal(10m, snapshot.MaxLeverage);
        Assert.Equal(book.Equity(A), snapshot.Equity);
        Assert.Equal(M(100_000 - 2 - 1 + 10), snapshot.Equity);
        Assert.Equal(M(-3), snapshot.RealisedPnl);
        Assert.Equal(M(10), snapshot.UnrealisedPnl);
        Assert.Equal(M(100), snapshot.OpenOrderExposure);
        Assert.Equal(
            [new CashBalanceSnapshot("USD", M(87_997), M(87_997)), new CashBalanceSnapshot("EUR", M(10_000), M(11_000))],
            snapshot.Cash);
        Assert.Equal(["AAA", "BBB", "EURUSD"], snapshot.Positions.Select(p => p.Symbol));
        var aaa = snapshot.Positions[0];
        Assert.Equal(Q(10), aaa.Quantity);
        Assert.Equal(P(100), aaa.AverageCost);
        Assert.Equal<Price?>(P(101), aaa.Mark);
        Assert.Equal(M(1010), aaa.MarketValue);
        Assert.Equal(Q(5), snapshot.Positions[1].OpenBuyQuantity);
        Assert.Null(snapshot.Positions[1].Mark);
        Assert.Equal(M(1010), snapshot.ExposureByAssetClass.Single(e => e.AssetClass == AssetClass.Stock).Gross);
        Assert.Equal(M(11_000), snapshot.ExposureByAssetClass.Single(e => e.AssetClass == AssetClass.Forex).Gross);
    }
}
