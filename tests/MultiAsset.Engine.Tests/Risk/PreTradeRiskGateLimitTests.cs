using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using static MultiAsset.Engine.Tests.Risk.RiskTestSupport;

namespace MultiAsset.Engine.Tests.Risk;

/// <summary>Each limit on a hand-made case: just inside is accepted, just beyond gets that limit's verdict.</summary>
public class PreTradeRiskGateLimitTests
{
    [Fact]
    public void Check_WhenNothingIsConfigured_AcceptsAndCounts()
    {
        var gate = Gate("{}");
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("AAPL", 1_000_000), 100, View()));
        Assert.Equal(1, gate.VerdictCount(Alpha, RiskVerdict.Accepted));
        Assert.Equal(0, gate.VerdictCount(Beta, RiskVerdict.Accepted));
    }

    [Fact]
    public void Check_WhenQuantityExceedsMaxOrderQuantity_RejectsMaxQuantity()
    {
        var gate = Gate("""{ "global": { "instruments": { "AAPL": { "maxOrderQuantity": 100 } } } }""");
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("AAPL", 100), 100, View()));
        Assert.Equal(RiskVerdict.MaxQuantity, gate.Verdict(Buy("AAPL", 101), 100, View()));
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("MSFT", 101), 100, View())); // other instrument unaffected
    }

    [Fact]
    public void Check_WhenNotionalExceedsMaxOrderNotional_RejectsMaxNotional()
    {
        var gate = Gate("""{ "global": { "maxOrderNotional": 10000 } }""");
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("AAPL", 100), 100, View()));
        Assert.Equal(RiskVerdict.MaxNotional, gate.Verdict(Buy("AAPL", 101), 100, View()));
        // A buy limit above the mid is valued at its limit: 100 × 100.01 = 10,001.
        Assert.Equal(RiskVerdict.MaxNotional, gate.Verdict(Buy("AAPL", 100, limit: 100.01m), 100, View()));
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("AAPL", 100, limit: 99.99m), 100, View()));
    }

    [Fact]
    public void Check_ConvertsNotionalToTheAccountCurrency()
    {
        // USDJPY is quoted in JPY: 10,000 USD at 150 = 1,500,000 JPY = 15,000 in base at 0.01.
        var gate = Gate("""{ "global": { "maxOrderNotional": 15000 } }""");
        var view = View().SetFxRate(Id("USDJPY"), 0.01m);
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("USDJPY", 10_000), 150, view));
        Assert.Equal(RiskVerdict.MaxNotional, gate.Verdict(Buy("USDJPY", 11_000), 150, view));
    }

    [Theory]
    [InlineData(105.00, RiskVerdict.Accepted)]
    [InlineData(105.01, RiskVerdict.PriceCollar)]
    [InlineData(95.00, RiskVerdict.Accepted)]
    [InlineData(94.99, RiskVerdict.PriceCollar)]
    public void Check_WhenLimitPriceLeavesTheCollar_RejectsPriceCollar(double limit, RiskVerdict expected)
    {
        var gate = Gate("""{ "global": { "priceCollar": 0.05 } }""");
        Assert.Equal(expected, gate.Verdict(Buy("AAPL", 10, limit: (decimal)limit), 100, View()));
    }

    [Fact]
    public void Check_WhenPositionWouldExceedQuantityLimit_RejectsPositionLimit()
    {
        var gate = Gate("""{ "global": { "instruments": { "AAPL": { "positionLimit": { "quantity": 500 } } } } }""");
        var view = View().SetPosition(0, Id("AAPL"), 400);
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("AAPL", 100), 100, view));
        Assert.Equal(RiskVerdict.PositionLimit, gate.Verdict(Buy("AAPL", 101), 100, view));
        // Working buys count: 400 held + 50 working + 51 = 501.
        view.SetPosition(0, Id("AAPL"), 400, workingBuy: 50);
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("AAPL", 50), 100, view));
        Assert.Equal(RiskVerdict.PositionLimit, gate.Verdict(Buy("AAPL", 51), 100, view));
        // Shorts are limited the same way.
        view.SetPosition(0, Id("AAPL"), -400);
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Sell("AAPL", 100), 100, view));
        Assert.Equal(RiskVerdict.PositionLimit, gate.Verdict(Sell("AAPL", 101), 100, view));
        // Flipping through zero is judged on the far side: +400 → −501.
        view.SetPosition(0, Id("AAPL"), 400);
        Assert.Equal(RiskVerdict.PositionLimit, gate.Verdict(Sell("AAPL", 901), 100, view));
    }

    [Fact]
    public void Check_WhenPositionIsAlreadyOverTheLimit_StillAcceptsOrdersThatReduceIt()
    {
        var gate = Gate("""{ "global": { "instruments": { "AAPL": { "positionLimit": { "quantity": 500 } } } } }""");
        var view = View().SetPosition(0, Id("AAPL"), 800, workingSell: 100);
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Sell("AAPL", 700), 100, view)); // 800 − 100 − 700 = 0
        Assert.Equal(RiskVerdict.PositionLimit, gate.Verdict(Sell("AAPL", 1301), 100, view)); // ends at −601
        Assert.Equal(RiskVerdict.PositionLimit, gate.Verdict(Buy("AAPL", 1), 100, view));
    }

    [Fact]
    public void Check_WhenPositionValueWouldExceedNotionalLimit_RejectsPositionLimit()
    {
        var gate = Gate("""{ "global": { "assetClasses": { "CRYPTO": { "positionLimit": { "notional": 100000 } } } } }""");
        var view = View().SetPosition(0, Id("BTCUSD"), 1.5m);
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("BTCUSD", 0.5m), 50_000, view));
        Assert.Equal(RiskVerdict.PositionLimit, gate.Verdict(Buy("BTCUSD", 0.50001m), 50_000, view));
    }

    [Fact]
    public void Check_WhenDailyLossReachesTheLimit_RejectsExposureIncreasingOrdersOnly()
    {
        var gate = Gate("""{ "global": { "dailyLossLimit": 50000 } }""");
        var view = View().SetDailyPnl(0, -49_999.99m).SetPosition(0, Id("AAPL"), 100);
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("AAPL", 10), 100, view));
        view.SetDailyPnl(0, -50_000m);
        Assert.Equal(RiskVerdict.DailyLossLimit, gate.Verdict(Buy("AAPL", 10), 100, view));
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Sell("AAPL", 100), 100, view)); // flattening is allowed
        Assert.Equal(RiskVerdict.DailyLossLimit, gate.Verdict(Sell("AAPL", 101), 100, view)); // going short is not
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Order(Beta, "AAPL", OrderSide.Buy, 10), 100, view)); // other account
    }

    [Fact]
    public void Check_WhenAccountDrawdownReachesMaxDrawdown_RejectsMaxDrawdown()
    {
        var gate = Gate("""{ "global": { "maxDrawdown": 20 } }""");
        var view = View().SetDrawdown(0, 0.1999);
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("AAPL", 10), 100, view));
        view.SetDrawdown(0, 0.2);
        Assert.Equal(RiskVerdict.MaxDrawdown, gate.Verdict(Buy("AAPL", 10), 100, view));
    }

    [Fact]
    public void Check_WhenClassDrawdownReachesItsMaxDrawdown_RejectsThatClassOnly()
    {
        var gate = Gate("""{ "global": { "assetClasses": { "CRYPTO": { "maxDrawdown": 25 } } } }""");
        var view = View().SetClass(0, AssetClass.Crypto, 0, drawdownFraction: 0.2499);
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("BTCUSD", 0.1m), 50_000, view));
        view.SetClass(0, AssetClass.Crypto, 0, drawdownFraction: 0.25);
        Assert.Equal(RiskVerdict.MaxDrawdown, gate.Verdict(Buy("BTCUSD", 0.1m), 50_000, view));
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("AAPL", 10), 100, view));
    }

    [Fact]
    public void Check_WhenClassExposureWouldExceedMaxAllocation_RejectsMaxAllocation()
    {
        // 40 % of 1,000,000 = 400,000: 380,000 held + 10,000 working + 0.2 BTC × 50,000 = 400,000 exactly.
        var gate = Gate("""{ "global": { "assetClasses": { "CRYPTO": { "maxAllocation": 40 } } } }""");
        var view = View().SetClass(0, AssetClass.Crypto, 380_000, working: 10_000);
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("BTCUSD", 0.2m), 50_000, view));
        Assert.Equal(RiskVerdict.MaxAllocation, gate.Verdict(Buy("BTCUSD", 0.20001m), 50_000, view));
    }

    [Fact]
    public void Check_WhenMaxAllocationIsZero_RejectsEveryOpeningOrderInTheClass()
    {
        var gate = Gate("""{ "global": { "assetClasses": { "FOREX": { "maxAllocation": 0 } } } }""");
        Assert.Equal(RiskVerdict.MaxAllocation, gate.Verdict(Buy("EURUSD", 1000), 1.08, View()));
    }

    [Fact]
    public void Check_WhenClassExposureWouldExceedClassLeverage_RejectsMaxLeverage()
    {
        var gate = Gate("""{ "global": { "assetClasses": { "STOCK": { "maxLeverage": 0.5 } } } }""");
        var view = View().SetClass(0, AssetClass.Stock, 490_000);
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("AAPL", 100), 100, view));
        Assert.Equal(RiskVerdict.MaxLeverage, gate.Verdict(Buy("AAPL", 101), 100, view));
    }

    [Fact]
    public void Check_WhenGrossExposureWouldExceedAccountLeverage_RejectsMaxLeverage()
    {
        // 2 × 100,000 = 200,000: 150,000 held + 40,000 working (two classes) + 100 × 100.
        var gate = Gate("""{ "global": { "maxLeverage": 2 } }""");
        var view = View().SetEquity(0, 100_000).SetGross(0, 150_000)
            .SetClass(0, AssetClass.Forex, 0, working: 25_000).SetClass(0, AssetClass.Crypto, 0, working: 15_000);
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("AAPL", 100), 100, view));
        Assert.Equal(RiskVerdict.MaxLeverage, gate.Verdict(Buy("AAPL", 101), 100, view));
        view.SetEquity(0, -1);
        Assert.Equal(RiskVerdict.MaxLeverage, gate.Verdict(Buy("AAPL", 1), 100, view));
    }

    [Fact]
    public void Check_InCashAccount_RequiresCashForBuysAndRejectsShorts()
    {
        var gate = Gate("""{ "global": { "cashOnly": true } }""");
        var view = View().SetCash(0, 10_000).SetPosition(0, Id("AAPL"), 50);
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("AAPL", 100), 100, view));
        Assert.Equal(RiskVerdict.InsufficientFunds, gate.Verdict(Buy("AAPL", 101), 100, view));
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Sell("AAPL", 50), 100, view));
        Assert.Equal(RiskVerdict.InsufficientFunds, gate.Verdict(Sell("AAPL", 51), 100, view));
    }

    [Theory]
    [InlineData(0, OrderSide.Buy)]
    [InlineData(-1, OrderSide.Buy)]
    [InlineData(1500, OrderSide.Buy)] // EURUSD lots are 1000
    [InlineData(1000, OrderSide.None)]
    public void Check_WhenQuantityOrSideIsInvalid_RejectsInvalidQuantity(int quantity, OrderSide side)
    {
        var gate = Gate("{}");
        var order = Order(Alpha, "EURUSD", side, quantity == -1 ? 0 : quantity);
        if (quantity == -1)
        {
            order.Quantity = Quantity.FromDecimal(-1000);
        }

        Assert.Equal(RiskVerdict.InvalidQuantity, gate.Verdict(order, 1.08, View()));
    }

    [Fact]
    public void Check_WhenNotionalIsBelowTheInstrumentMinimum_RejectsInvalidQuantity()
    {
        var gate = Gate("{}"); // BTCUSD min notional 10 USD
        Assert.Equal(RiskVerdict.InvalidQuantity, gate.Verdict(Buy("BTCUSD", 0.00019m), 50_000, View()));
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("BTCUSD", 0.0002m), 50_000, View()));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(0.0)]
    [InlineData(-5.0)]
    [InlineData(double.PositiveInfinity)]
    public void Check_WhenMidIsUnusable_RejectsNoPrice(double mid)
        => Assert.Equal(RiskVerdict.NoPrice, Gate("{}").Verdict(Buy("AAPL", 1), mid, View()));

    [Fact]
    public void Check_WhenThereIsNoFxRate_RejectsNoPrice()
        => Assert.Equal(RiskVerdict.NoPrice, Gate("{}").Verdict(Buy("USDJPY", 1000), 150, View().ClearFxRate(Id("USDJPY"))));

    [Fact]
    public void Check_KillSwitchComesFirst_EvenForAnInvalidOrder()
    {
        var gate = Gate("{}");
        gate.SetKillSwitch(Alpha, on: true);
        Assert.Equal(RiskVerdict.KillSwitch, gate.Verdict(Buy("AAPL", 0), double.NaN, View()));
    }

    [Fact]
    public void Check_WithIdsOutsideTheConfiguration_Throws()
    {
        var gate = Gate("{}");
        var order = Order(new AccountId(7), "AAPL", OrderSide.Buy, 1);
        var view = View();
        Assert.Throws<ArgumentOutOfRangeException>(() => gate.Check(ref order, MondayOpen, 100, in view));
    }

    [Fact]
    public void Check_CountsEveryVerdictPerAccount()
    {
        var gate = Gate("""{ "global": { "maxOrderNotional": 1000 } }""");
        var view = View();
        gate.Verdict(Buy("AAPL", 5), 100, view);
        gate.Verdict(Buy("AAPL", 50), 100, view);
        gate.Verdict(Buy("AAPL", 60), 100, view);
        gate.Verdict(Order(Beta, "AAPL", OrderSide.Buy, 70), 100, view);
        Assert.Equal(1, gate.VerdictCount(Alpha, RiskVerdict.Accepted));
        Assert.Equal(2, gate.VerdictCount(Alpha, RiskVerdict.MaxNotional));
        Assert.Equal(1, gate.VerdictCount(Beta, RiskVerdict.MaxNotional));
        Assert.Equal(3, gate.VerdictTotal(RiskVerdict.MaxNotional));
    }

    [Fact]
    public void Check_AccountOverridesBeatGlobalLimits()
    {
        var gate = Gate("""
            {
              "global": { "maxOrderNotional": 1000, "instruments": { "AAPL": { "maxOrderQuantity": 5 } } },
              "accounts": { "beta": { "maxOrderNotional": 100000, "maxOrderQuantity": 500 } }
            }
            """);
        Assert.Equal(RiskVerdict.MaxQuantity, gate.Verdict(Buy("AAPL", 6), 100, View()));
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Order(Beta, "AAPL", OrderSide.Buy, 500), 100, View()));
        Assert.Equal(RiskVerdict.MaxQuantity, gate.Verdict(Order(Beta, "AAPL", OrderSide.Buy, 501), 100, View()));
    }
}
