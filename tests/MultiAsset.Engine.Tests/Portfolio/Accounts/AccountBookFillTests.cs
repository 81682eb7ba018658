using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Portfolio.Accounts;
using static MultiAsset.Engine.Tests.Portfolio.Accounts.AccountsTestData;

namespace MultiAsset.Engine.Tests.Portfolio.Accounts;

/// <summary>Hand-computed fills: average cost, realised P&amp;L on reductions and flips, fees, cash.</summary>
public class AccountBookFillTests
{
    private static readonly AccountId A = new(0);

    [Fact]
    public void BuySellFlip_RealisedAndUnrealisedMatchHandComputation()
    {
        var book = Book("""{ "USD": 100000 }""");

        // Buy 10 @ 100, fee 1: basis 1000, realised −1 (the fee), cash 100000 − 1000 − 1.
        Assert.Equal(AccountUpdateResult.Applied, book.ApplyFill(A, Aaa, OrderSide.Buy, Q(10), P(100), M(1), Day0));
        Assert.Equal(Q(10), book.Position(A, Aaa));
        Assert.Equal(P(100), book.AverageCost(A, Aaa));
        Assert.Equal(M(-1), book.RealisedPnl(A, Aaa));
        Assert.Equal(M(98_999), book.Cash(A, Usd));

        // Sell 4 @ 110, fee 1: releases 400 of basis, realises 440 − 400 = 40, less the fee.
        book.ApplyFill(A, Aaa, OrderSide.Sell, Q(4), P(110), M(1), Day0);
        Assert.Equal(Q(6), book.Position(A, Aaa));
        Assert.Equal(M(600), book.CostBasis(A, Aaa));
        Assert.Equal(P(100), book.AverageCost(A, Aaa));
        Assert.Equal(M(38), book.RealisedPnl(A, Aaa));
        Assert.Equal(M(99_438), book.Cash(A, Usd));

        // Sell 10 @ 90, fee 1: closes 6 (540 against a 600 basis: −60) and opens a 4 short at 90.
        book.ApplyFill(A, Aaa, OrderSide.Sell, Q(10), P(90), M(1), Day0);
        Assert.Equal(Q(-4), book.Position(A, Aaa));
        Assert.Equal(M(-360), book.CostBasis(A, Aaa));
        Assert.Equal(P(90), book.AverageCost(A, Aaa));
        Assert.Equal(M(-23), book.RealisedPnl(A, Aaa));
        Assert.Equal(M(3), book.Fees(A, Aaa));
        Assert.Equal(M(100_337), book.Cash(A, Usd));

        // Marked at 80 the short has gained 40; equity moved by realised + unrealised exactly.
        book.OnMark(Aaa, P(80), Day0);
        Assert.Equal(M(40), book.UnrealisedPnl(A, Aaa));
        Assert.Equal(M(100_017), book.Equity(A));
        Assert.Equal(book.Equity(A).Raw - M(100_000).Raw, book.RealisedPnl(A).Raw + book.UnrealisedPnl(A).Raw);

        // Buying the 4 back at 80 realises the 40; flat means no basis and no average cost.
        book.ApplyFill(A, Aaa, OrderSide.Buy, Q(4), P(80), Money.Zero, Day0);
        Assert.Equal(Quantity.Zero, book.Position(A, Aaa));
        Assert.Equal(Money.Zero, book.CostBasis(A, Aaa));
        Assert.Equal(Price.Zero, book.AverageCost(A, Aaa));
        Assert.Equal(M(17), book.RealisedPnl(A, Aaa));
        Assert.Equal(M(100_017), book.Equity(A));
    }

    [Fact]
    public void AverageCost_IsBasisOverPosition_RoundedHalfAwayFromZero()
    {
        var book = Book("""{ "USD": 100000 }""");
        book.ApplyFill(A, Aaa, OrderSide.Buy, Q(10), P(100), Money.Zero, Day0);
        book.ApplyFill(A, Aaa, OrderSide.Buy, Q(30), P(104), Money.Zero, Day0);
        Assert.Equal(P(103), book.AverageCost(A, Aaa));

        book.ApplyFill(A, Aaa, OrderSide.Buy, Q(3), P(100.01m), Money.Zero, Day0);
        Assert.Equal(M(4420.03m), book.CostBasis(A, Aaa));
        Assert.Equal(P(Math.Round(4420.03m / 43, 8, MidpointRounding.AwayFromZero)), book.AverageCost(A, Aaa));

        // Reducing keeps the average (up to the rounding of the released basis).
        book.ApplyFill(A, Aaa, OrderSide.Sell, Q(13), P(120), Money.Zero, Day0);
        Assert.Equal(Q(30), book.Position(A, Aaa));
        long released = (long)Math.Round(4420.03m * 13 / 43 * Money.Scale, MidpointRounding.AwayFromZero);
        Assert.Equal(M(4420.03m).Raw - released, book.CostBasis(A, Aaa).Raw);
        Assert.Equal(M(1560).Raw - released, book.RealisedPnl(A, Aaa).Raw);
    }

    [Fact]
    public void Short_ThenCover_RealisesPriceDifference()
    {
        var book = Book("""{ "USD": 50000 }""");
        book.ApplyFill(A, Bbb, OrderSide.Sell, Q(100), P(50), M(2.5m), Day0);
        Assert.Equal(Q(-100), book.Position(A, Bbb));
        Assert.Equal(M(54_997.5m), book.Cash(A, Usd));

        book.ApplyFill(A, Bbb, OrderSide.Buy, Q(40), P(45), M(1), Day0);
        Assert.Equal(M(200 - 3.5m), book.RealisedPnl(A, Bbb));
        Assert.Equal(M(-3000), book.CostBasis(A, Bbb));
        Assert.Equal(P(50), book.AverageCost(A, Bbb));
    }

    [Fact]
    public void JpyQuotedStock_InUsdAccount_IsValuedAtTheUsdJpyRate()
    {
        var book = Book("""{ "USD": 100000 }""");
        book.OnMark(UsdJpy, P(150), Day0);
        book.ApplyFill(A, Jjj, OrderSide.Buy, Q(100), P(3000), M(300), Day0);
        Assert.Equal(M(-300_300), book.Cash(A, Jpy));
        Assert.Equal(M(100_000), book.Cash(A, Usd));

        book.OnMark(Jjj, P(3150), Day0);

        // 100000 − 300300/150 + 100 × 3150/150 = 100000 − 2002 + 2100.
        Assert.True(book.IsFullyPriced(A));
        Assert.Equal(M(100_098), book.Equity(A));
        Assert.Equal(M(15_000), book.UnrealisedPnl(A, Jjj));
        Assert.Equal(M(100), book.UnrealisedPnl(A));
        Assert.Equal(M(-2), book.RealisedPnl(A));
        Assert.Equal(M(2100), book.GrossExposure(A));
        Assert.Equal(new AssetClassExposure(M(2100), M(2100)), book.ExposureByAssetClass(A, AssetClass.Stock));
        Assert.Equal(default, book.ExposureByAssetClass(A, AssetClass.Forex));

        // A new USDJPY rate revalues the account without any fill: 100000 − 300300/160 + 315000/160.
        book.OnMark(UsdJpy, P(160), Day0);
        Assert.Equal(M(100_091.875m), book.Equity(A));
        Assert.Equal(M(1968.75m), book.GrossExposure(A));
    }

    [Fact]
    public void EurUsdTrade_MovesEurAndUsdCash_AndKeepsThePosition()
    {
        var book = Book("""{ "USD": 100000 }""");
        book.OnMark(EurUsd, P(1.1m), Day0);
        book.ApplyFill(A, EurUsd, OrderSide.Buy, Q(10_000), P(1.1m), M(2), Day0);

        Assert.Equal(M(10_000), book.Cash(A, Eur));
        Assert.Equal(M(88_998), book.Cash(A, Usd));
        Assert.Equal(Q(10_000), book.Position(A, EurUsd));
        Assert.Equal(P(1.1m), book.AverageCost(A, EurUsd));
        Assert.Equal(M(99_998), book.Equity(A)); // counted once: through the EUR balance, not also as a position

        book.OnMark(EurUsd, P(1.12m), Day0);
        Assert.Equal(M(100_198), book.Equity(A));
        Assert.Equal(M(200), book.UnrealisedPnl(A, EurUsd));
        Assert.Equal(M(11_200), book.GrossExposure(A));
        Assert.Equal(new AssetClassExposure(M(11_200), M(11_200)), book.ExposureByAssetClass(A, AssetClass.Forex));

        book.ApplyFill(A, EurUsd, OrderSide.Sell, Q(10_000), P(1.12m), Money.Zero, Day0);
        Assert.Equal(Money.Zero, book.Cash(A, Eur));
        Assert.Equal(M(100_198), book.Cash(A, Usd));
        Assert.Equal(M(198), book.RealisedPnl(A, EurUsd));
        Assert.Equal(Money.Zero, book.GrossExposure(A));
    }

    [Fact]
    public void CrossPair_MovesBothNonUsdBalances_AndPnlIsInTheQuoteCurrency()
    {
        var book = Book("""{ "USD": 100000 }""");
        book.OnMark(EurUsd, P(1.1m), Day0);
        book.OnMark(UsdJpy, P(150), Day0);
        book.ApplyFill(A, EurJpy, OrderSide.Buy, Q(1000), P(160), M(100), Day0);

        Assert.Equal(M(1000), book.Cash(A, Eur));
        Assert.Equal(M(-160_100), book.Cash(A, Jpy));
        Assert.Equal(M(100_000), book.Cash(A, Usd));

        book.OnMark(EurJpy, P(166), Day0);
        Assert.Equal(M(6000), book.UnrealisedPnl(A, EurJpy)); // JPY
        Assert.Equal(M(40), book.UnrealisedPnl(A)); // 6000 JPY / 150

        // Equity values the balances at their own rates: 100000 + 1000 × 1.1 − 160100 / 150.
        Assert.Equal(Money.FromRaw(M(101_100).Raw - (long)Math.Round(160_100m / 150 * Money.Scale, MidpointRounding.AwayFromZero)), book.Equity(A));
    }

    [Fact]
    public void CryptoPair_MovesCoinBalance_PricedThroughItsOwnPair()
    {
        var book = Book("""{ "USD": 100000 }""");
        book.OnMark(BtcUsd, P(60_000), Day0);
        book.ApplyFill(A, BtcUsd, OrderSide.Buy, Q(0.5m), P(60_000), M(15), Day0);
        Assert.Equal(M(0.5m), book.Cash(A, Btc));
        Assert.Equal(M(69_985), book.Cash(A, Usd));

        book.OnMark(BtcUsd, P(62_000), Day0);
        Assert.Equal(M(100_985), book.Equity(A));
        Assert.Equal(new AssetClassExposure(M(31_000), M(31_000)), book.ExposureByAssetClass(A, AssetClass.Crypto));
    }

    [Fact]
    public void InvalidFills_AreRefusedCountedAndLeaveTheBookUnchanged()
    {
        var book = Book("""{ "USD": 100000 }""");
        var before = Engine.Pipeline.StateDigest.Of(book);

        Assert.Equal(AccountUpdateResult.UnknownAccount, book.ApplyFill(new AccountId(5), Aaa, OrderSide.Buy, Q(1), P(1), Money.Zero, Day0));
        Assert.Equal(AccountUpdateResult.UnknownAccount, book.ApplyFill(AccountId.None, Aaa, OrderSide.Buy, Q(1), P(1), Money.Zero, Day0));
        Assert.Equal(AccountUpdateResult.UnknownInstrument, book.ApplyFill(A, new InstrumentId(99), OrderSide.Buy, Q(1), P(1), Money.Zero, Day0));
        Assert.Equal(AccountUpdateResult.NotTradable, book.ApplyFill(A, Spx, OrderSide.Buy, Q(1), P(1), Money.Zero, Day0));
        Assert.Equal(AccountUpdateResult.InvalidSide, book.ApplyFill(A, Aaa, OrderSide.None, Q(1), P(1), Money.Zero, Day0));
        Assert.Equal(AccountUpdateResult.InvalidQuantity, book.ApplyFill(A, Aaa, OrderSide.Buy, Q(-1), P(1), Money.Zero, Day0));
        Assert.Equal(AccountUpdateResult.InvalidPrice, book.ApplyFill(A, Aaa, OrderSide.Buy, Q(1), P(0), Money.Zero, Day0));
        Assert.Equal(AccountUpdateResult.Overflow, book.ApplyFill(A, Aaa, OrderSide.Buy, Q(90_000_000_000m), P(90_000), Money.Zero, Day0));
        Assert.False(book.OnMark(Aaa, P(-1), Day0));
        Assert.False(book.OnMark(new InstrumentId(-3), P(1), Day0));

        Assert.Equal(8, book.FillsRejected);
        Assert.Equal(2, book.MarksRejected);
        Assert.Equal(0, book.FillsApplied);
        var after = new Engine.Pipeline.StateDigestBuilder();
        book.AppendAccountDigest(A, after);
        var fresh = new Engine.Pipeline.StateDigestBuilder();
        Book("""{ "USD": 100000 }""").AppendAccountDigest(A, fresh);
        Assert.Equal(fresh.Digest, after.Digest);
        Assert.NotEqual(before, Engine.Pipeline.StateDigest.Of(book)); // the counters are state too
    }

    [Fact]
    public void OverflowInTheMiddleOfAFill_LeavesNoPartialUpdate()
    {
        // The notional fits but the cash cannot absorb it: nothing may change, not even the position.
        var book = Book("""{ "USD": 0 }""");
        Assert.Equal(AccountUpdateResult.Applied, book.ApplyFill(A, Aaa, OrderSide.Buy, Q(9_000_000), P(10_000), Money.Zero, Day0));
        var digest = AccountDigest(book, A);

        Assert.Equal(AccountUpdateResult.Overflow, book.ApplyFill(A, Aaa, OrderSide.Buy, Q(9_000_000), P(1000), Money.Zero, Day0));
        Assert.Equal(digest, AccountDigest(book, A));
        Assert.Equal(Q(9_000_000), book.Position(A, Aaa));
    }
}
