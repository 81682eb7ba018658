using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Portfolio.Accounts;
using static MultiAsset.Engine.Tests.Portfolio.Accounts.AccountsTestData;

namespace MultiAsset.Engine.Tests.Portfolio.Accounts;

/// <summary>Hand-computed P&amp;L decompositions (docs/pnl.md): equity change = realised + unrealised + FX − fees.</summary>
public sealed class AccountPnlTests
{
    private static readonly AccountId A = new(0);
    private static readonly StrategyId S1 = new(3);
    private static readonly StrategyId S2 = new(7);

    private static AccountBook EurBook(string cash)
        => new(Catalog, ParseAccounts($$"""{ "accounts": [ { "id": "eur", "baseCurrency": "EUR", "type": "Margin", "maxLeverage": 10, "initialCash": {{cash}} } ] }"""));

    private static void AssertIdentity(AccountPnl pnl)
    {
        Assert.Equal(pnl.EquityChange, pnl.Total);
        Assert.Equal(pnl.EquityChange.Raw, pnl.Realised.Raw + pnl.Unrealised.Raw + pnl.FxTranslation.Raw - pnl.Fees.Raw);
        Assert.Equal(pnl.Realised.Raw, pnl.Strategies.Sum(s => s.Realised.Raw));
        Assert.Equal(pnl.Unrealised.Raw, pnl.Strategies.Sum(s => s.Unrealised.Raw));
        Assert.Equal(pnl.Fees.Raw, pnl.Strategies.Sum(s => s.Fees.Raw));
        Assert.Equal(pnl.FxTranslation.Raw, pnl.Strategies.Sum(s => s.FxTranslation.Raw) + pnl.FxInitialBalances.Raw + pnl.FxRounding.Raw);
    }

    [Fact]
    public void UsdAccount_HoldingJpyCash_TranslatesAsUsdJpyMoves()
    {
        var book = Book("""{ "USD": 0, "JPY": 15000000 }""");
        Assert.False(book.Pnl(A).Started); // JPY has no rate yet
        book.OnMark(UsdJpy, P(150), Day0);
        var start = book.Pnl(A);
        Assert.True(start.Started);
        Assert.Equal(M(100_000), start.StartEquity);

        book.OnMark(UsdJpy, P(160), Day0 + 1);
        var pnl = book.Pnl(A);
        Assert.Equal(M(93_750), pnl.Equity);
        Assert.Equal(M(-6_250), pnl.EquityChange);
        Assert.Equal(M(-6_250), pnl.FxInitialBalances);
        Assert.Equal(M(-6_250), pnl.FxTranslation);
        Assert.Equal(Money.Zero, pnl.FxRounding);
        Assert.Equal(Money.Zero, pnl.Realised);
        Assert.Equal(Money.Zero, pnl.Unrealised);
        Assert.Empty(pnl.Strategies);
        AssertIdentity(pnl);
    }

    [Fact]
    public void UsdAccount_TradingUsdJpy_BooksRealisedAtTheRateOfTheMoment_AndTranslatesTheJpyItLeavesBehind()
    {
        var book = Book("""{ "USD": 1000000 }""");
        book.OnMark(UsdJpy, P(150), Day0);
        Assert.Equal(AccountUpdateResult.Applied, book.ApplyFill(A, UsdJpy, OrderSide.Buy, Q(100_000), P(150), M(1_500), Day0 + 1, S1));

        book.OnMark(UsdJpy, P(160), Day0 + 2);
        var open = book.Pnl(A);
        // USD 1 100 000 + JPY −15 001 500 / 160 = 1 006 240.625.
        Assert.Equal(M(6_240.625m), open.EquityChange);
        var s1 = Assert.Single(open.Strategies);
        Assert.Equal(S1, s1.Strategy);
        Assert.Equal(M(6_250), s1.Unrealised);   // 100 000 USD − 15 000 000 JPY / 160
        Assert.Equal(M(10), s1.Fees);            // 1 500 JPY at 150
        Assert.Equal(M(0.625m), s1.FxTranslation); // −1 500 JPY now (−9.375) versus −10 booked
        Assert.Equal(M(6_240.625m), s1.Total);
        var position = Assert.Single(s1.Instruments);
        Assert.Equal("JPY", position.QuoteCurrency);
        Assert.Equal("USD", position.BaseAsset);
        Assert.Equal(M(100_000), position.BaseValue);
        Assert.Equal(M(1_000_000), position.UnrealisedLocal); // JPY
        AssertIdentity(open);

        Assert.Equal(AccountUpdateResult.Applied, book.ApplyFill(A, UsdJpy, OrderSide.Sell, Q(100_000), P(160), M(1_600), Day0 + 3, S1));
        var closed = book.Pnl(A);
        Assert.Equal(M(6_230.625m), closed.EquityChange);
        Assert.Equal(M(6_250), closed.Realised);  // 1 000 000 JPY at 160
        Assert.Equal(M(20), closed.Fees);
        Assert.Equal(Money.Zero, closed.Unrealised);
        Assert.Equal(M(0.625m), closed.FxTranslation);
        AssertIdentity(closed);

        // The realised 996 900 JPY (net of fees) stays in JPY: its move is FX translation, realised does not change.
        book.OnMark(UsdJpy, P(125), Day0 + 4);
        var moved = book.Pnl(A);
        Assert.Equal(M(7_975.2m), moved.EquityChange);
        Assert.Equal(M(6_250), moved.Realised);
        Assert.Equal(M(1_745.2m), moved.FxTranslation);
        Assert.Equal(Money.Zero, moved.FxRounding);
        AssertIdentity(moved);
    }

    [Fact]
    public void EurAccount_BuyingUsdJpy_ValuesBothLegsAtTheRates()
    {
        var book = EurBook("""{ "EUR": 1000000 }""");
        book.OnMark(EurUsd, P(1.25m), Day0);
        book.OnMark(UsdJpy, P(160), Day0);
        Assert.Equal(AccountUpdateResult.Applied, book.ApplyFill(A, UsdJpy, OrderSide.Buy, Q(10_000), P(160), Money.Zero, Day0 + 1, S1));
        Assert.Equal(Money.Zero, book.Pnl(A).EquityChange);

        book.OnMark(UsdJpy, P(200), Day0 + 2);
        book.OnMark(EurUsd, P(1), Day0 + 2);
        var pnl = book.Pnl(A);
        // USD 10 000 → 10 000 EUR; JPY −1 600 000 → −8 000 USD → −8 000 EUR.
        Assert.Equal(M(2_000), pnl.EquityChange);
        Assert.Equal(M(2_000), pnl.Unrealised);
        Assert.Equal(Money.Zero, pnl.FxTranslation);
        Assert.Equal("EUR", pnl.BaseCurrency);
        AssertIdentity(pnl);
    }

    [Fact]
    public void EurAccount_JpyStockGain_IsRealisedAtFillRates_ThenTranslated()
    {
        var book = EurBook("""{ "EUR": 1000000 }""");
        book.OnMark(EurUsd, P(1.25m), Day0);
        book.OnMark(UsdJpy, P(160), Day0);
        book.ApplyFill(A, Jjj, OrderSide.Buy, Q(100), P(10_000), Money.Zero, Day0 + 1, S2);
        book.ApplyFill(A, Jjj, OrderSide.Sell, Q(100), P(12_000), Money.Zero, Day0 + 2, S2);
        var booked = book.Pnl(A);
        Assert.Equal(M(1_000), booked.Realised); // 200 000 JPY → 1 250 USD → 1 000 EUR
        Assert.Equal(M(1_000), booked.EquityChange);
        Assert.Equal(M(1_000), booked.ByAssetClass[(int)AssetClass.Stock].Realised);

        book.OnMark(EurUsd, P(1), Day0 + 3);
        var pnl = book.Pnl(A);
        Assert.Equal(M(1_250), pnl.EquityChange);
        Assert.Equal(M(1_000), pnl.Realised);
        Assert.Equal(M(250), pnl.FxTranslation);
        Assert.Equal(M(250), pnl.Strategies[0].FxTranslation);
        AssertIdentity(pnl);
    }

    [Fact]
    public void CrossPair_IsValuedAtTheRatesEquityUses_NotAtItsOwnMark()
    {
        // The cross-asset-arb non-reconciliation: EURJPY marked at 170 while EURUSD × USDJPY = 165. Equity values the
        // EUR and JPY balances at the rates; the old per-instrument P&L valued the position at the cross's own mark.
        var book = Book("""{ "USD": 1000000 }""");
        book.OnMark(EurUsd, P(1.1m), Day0);
        book.OnMark(UsdJpy, P(150), Day0);
        book.OnMark(EurJpy, P(170), Day0);
        book.ApplyFill(A, EurJpy, OrderSide.Buy, Q(100_000), P(170), Money.Zero, Day0 + 1, S1);

        var pnl = book.Pnl(A);
        Assert.Equal(M(-3_333.33333333m), pnl.EquityChange);     // 110 000 − 17 000 000 / 150
        Assert.Equal(M(-3_333.33333333m), pnl.Unrealised);
        Assert.Equal(Money.Zero, pnl.FxTranslation);
        Assert.Equal(Money.Zero, book.UnrealisedPnl(A));          // at the cross's own mark: 0, which did not reconcile
        AssertIdentity(pnl);
    }

    [Fact]
    public void TwoStrategies_OnOneInstrument_SumToTheAccount()
    {
        var book = Book("""{ "USD": 1000000 }""");
        book.OnMark(Aaa, P(100), Day0);
        book.ApplyFill(A, Aaa, OrderSide.Buy, Q(10), P(100), M(1), Day0 + 1, S1);
        book.ApplyFill(A, Aaa, OrderSide.Sell, Q(10), P(110), M(1), Day0 + 2, S2);
        book.ApplyFill(A, Aaa, OrderSide.Buy, Q(1), P(104), Money.Zero, Day0 + 3); // an operator order
        book.OnMark(Aaa, P(105), Day0 + 4);

        var pnl = book.Pnl(A);
        Assert.Equal(M(99), pnl.EquityChange);  // cash +100 −2 −104, 1 AAA at 105
        Assert.Equal(3, pnl.Strategies.Count);
        var (s1, s2, op) = (pnl.Strategies[0], pnl.Strategies[1], pnl.Strategies[2]);
        Assert.Equal((S1, M(50), M(1), M(49)), (s1.Strategy, s1.Unrealised, s1.Fees, s1.Total));
        Assert.Equal((S2, M(50), M(1), M(49)), (s2.Strategy, s2.Unrealised, s2.Fees, s2.Total));
        Assert.Equal((StrategyId.None, "(operator)", M(1)), (op.Strategy, op.Name, op.Total));
        Assert.Equal(Q(-10), s2.Instruments[0].Position);
        Assert.Equal(Q(10), s1.Instruments[0].Position);
        Assert.Equal((1L, 1L, 1L), (s1.Fills, s2.Fills, op.Fills));
        AssertIdentity(pnl);
    }

    [Fact]
    public void Reports_CountOrdersAndRefusals_PerStrategy()
    {
        var book = Book("""{ "USD": 1000000 }""");
        book.RecordReport(A, S1, ExecutionType.Ack, VenueRejectReason.None);
        book.RecordReport(A, S1, ExecutionType.Ack, VenueRejectReason.None);
        book.RecordReport(A, S1, ExecutionType.Reject, VenueRejectReason.MarketClosed);
        book.RecordReport(A, S1, ExecutionType.Cancelled, VenueRejectReason.RiskRefused);
        book.RecordReport(A, S1, ExecutionType.Cancelled, VenueRejectReason.None);
        var s1 = Assert.Single(book.Pnl(A).Strategies);
        Assert.Equal((0L, 4L, 2L, 1L, 1L), (s1.Fills, s1.Orders, s1.Refusals, s1.RiskRefusals, s1.VenueRejects));
        Assert.Equal((0L, 4L, 2L), book.Counters(A, S1));
    }
}
