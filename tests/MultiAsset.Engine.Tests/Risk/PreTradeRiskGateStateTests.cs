using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using static MultiAsset.Engine.Tests.Risk.RiskTestSupport;

namespace MultiAsset.Engine.Tests.Risk;

/// <summary>The gate's own state: kill switches, the order-rate window, the duplicate memory; and market hours.</summary>
public class PreTradeRiskGateStateTests
{
    [Fact]
    public void KillSwitch_ForOneAccount_HaltsOnlyThatAccount()
    {
        var gate = Gate("{}");
        var view = View();
        gate.SetKillSwitch(Beta, on: true);
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("AAPL", 1), 100, view));
        Assert.Equal(RiskVerdict.KillSwitch, gate.Verdict(Order(Beta, "AAPL", OrderSide.Sell, 1), 100, view));
        Assert.False(gate.IsHalted(Alpha));
        Assert.True(gate.IsHalted(Beta));

        Span<AccountId> halted = stackalloc AccountId[4];
        Assert.Equal(1, gate.HaltedAccounts(halted));
        Assert.Equal(Beta, halted[0]);

        gate.SetKillSwitch(Beta, on: false);
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Order(Beta, "AAPL", OrderSide.Sell, 1), 100, view));
        Assert.Equal(0, gate.HaltedAccounts(halted));
        Assert.Equal(1, gate.VerdictCount(Beta, RiskVerdict.KillSwitch));
    }

    [Fact]
    public void KillSwitch_Global_HaltsEveryAccountAndKeepsAccountSwitchesWhenReleased()
    {
        var gate = Gate("{}");
        var view = View();
        gate.SetKillSwitch(Alpha, on: true);
        gate.SetKillSwitch(null, on: true);
        Assert.True(gate.IsGlobalKillSwitchOn);
        Assert.Equal(RiskVerdict.KillSwitch, gate.Verdict(Order(Beta, "BTCUSD", OrderSide.Buy, 0.001m), 50_000, view));

        Span<AccountId> halted = stackalloc AccountId[1];
        Assert.Equal(2, gate.HaltedAccounts(halted)); // both halted; only the first fits in the span
        Assert.Equal(Alpha, halted[0]);

        gate.SetKillSwitch(null, on: false);
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Order(Beta, "BTCUSD", OrderSide.Buy, 0.001m), 50_000, view));
        Assert.Equal(RiskVerdict.KillSwitch, gate.Verdict(Buy("BTCUSD", 0.001m), 50_000, view));
    }

    [Fact]
    public void KillSwitch_ForUnknownAccount_Throws()
        => Assert.Throws<ArgumentOutOfRangeException>(() => Gate("{}").SetKillSwitch(new AccountId(2), on: true));

    [Fact]
    public void OrderRate_AllowsNOrdersInAnyWindow_AndSlides()
    {
        var gate = Gate("""{ "global": { "orderRate": { "maxOrders": 3, "window": "1s" } } }""");
        var view = View();
        long t = MondayOpen;
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("AAPL", 1), 100, view, t));
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("AAPL", 2), 100, view, t + (400 * Millisecond)));
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("AAPL", 3), 100, view, t + (800 * Millisecond)));
        Assert.Equal(RiskVerdict.OrderRate, gate.Verdict(Buy("AAPL", 4), 100, view, t + Second - 1));
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Order(Beta, "AAPL", OrderSide.Buy, 4), 100, view, t + Second - 1)); // per account
        // The first order leaves the window at t + 1 s: one slot frees up, and only one.
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("AAPL", 5), 100, view, t + Second));
        Assert.Equal(RiskVerdict.OrderRate, gate.Verdict(Buy("AAPL", 6), 100, view, t + Second + 1));
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("AAPL", 7), 100, view, t + (1400 * Millisecond)));
    }

    [Fact]
    public void OrderRate_RejectedOrdersDoNotUseTheBudget()
    {
        var gate = Gate("""{ "global": { "maxOrderNotional": 1000, "orderRate": { "maxOrders": 1, "window": "1s" } } }""");
        var view = View();
        Assert.Equal(RiskVerdict.MaxNotional, gate.Verdict(Buy("AAPL", 11), 100, view));
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("AAPL", 10), 100, view, MondayOpen + 1));
        Assert.Equal(RiskVerdict.OrderRate, gate.Verdict(Buy("AAPL", 9), 100, view, MondayOpen + 2));
    }

    [Fact]
    public void Duplicate_SameOrderInsideTheWindow_IsRejected()
    {
        var gate = Gate("""{ "global": { "duplicateWindow": "500ms" } }""");
        var view = View();
        long t = MondayOpen;
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("AAPL", 10), 100, view, t));
        Assert.Equal(RiskVerdict.Duplicate, gate.Verdict(Buy("AAPL", 10), 100, view, t + (500 * Millisecond) - 1));
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("AAPL", 11), 100, view, t + 1)); // quantity differs
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Sell("AAPL", 10), 100, view, t + 2)); // side differs
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("MSFT", 10), 100, view, t + 3)); // instrument differs
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Order(Beta, "AAPL", OrderSide.Buy, 10), 100, view, t + 4)); // account differs
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("AAPL", 10), 100, view, t + (500 * Millisecond))); // window over
    }

    [Fact]
    public void Duplicate_RejectedOrdersAreNotRemembered()
    {
        var gate = Gate("""{ "global": { "duplicateWindow": "1s", "priceCollar": 0.01 } }""");
        var view = View();
        Assert.Equal(RiskVerdict.PriceCollar, gate.Verdict(Buy("AAPL", 10, limit: 110), 100, view));
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("AAPL", 10, limit: 100), 100, view, MondayOpen + 1));
    }

    [Fact]
    public void Duplicate_MemoryKeepsTheLastNAcceptedOrders()
    {
        var gate = Gate("""{ "duplicateMemory": 2, "global": { "duplicateWindow": "1m" } }""");
        var view = View();
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("AAPL", 1), 100, view));
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("AAPL", 2), 100, view));
        Assert.Equal(RiskVerdict.Duplicate, gate.Verdict(Buy("AAPL", 1), 100, view));
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("AAPL", 3), 100, view));
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("AAPL", 1), 100, view)); // forgotten: memory of 2
    }

    [Fact]
    public void MarketHours_ClosedMarketWithRejectPolicy_RejectsMarketClosed()
    {
        var gate = Gate("""{ "global": { "closedMarket": "Reject" } }""");
        var view = View();
        Assert.Equal(RiskVerdict.MarketClosed, gate.Verdict(Buy("AAPL", 1), 100, view, Saturday));
        Assert.Equal(RiskVerdict.MarketClosed, gate.Verdict(Buy("EURUSD", 1000), 1.08, view, Saturday));
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("BTCUSD", 0.001m), 50_000, view, Saturday));
    }

    [Fact]
    public void MarketHours_ClosedMarketWithHoldPolicy_HoldsUntilOpen()
    {
        var gate = Gate("""{ "accounts": { "beta": { "closedMarket": "Hold" } } }""");
        var view = View();
        Assert.Equal(RiskVerdict.HeldUntilOpen, gate.Verdict(Order(Beta, "AAPL", OrderSide.Buy, 1), 100, view, Saturday));
        Assert.Equal(RiskVerdict.MarketClosed, gate.Verdict(Buy("AAPL", 1), 100, view, Saturday)); // alpha keeps the default
        // Monday 2026-03-09 is after the US DST change: NYSE opens 13:30 UTC.
        Assert.Equal(Ns(new DateTimeOffset(2026, 3, 9, 13, 30, 0, TimeSpan.Zero)), gate.NextOpen(Id("AAPL"), Saturday));
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Order(Beta, "AAPL", OrderSide.Buy, 1), 100, view, MondayOpen));
        Assert.Equal(1, gate.VerdictCount(Beta, RiskVerdict.HeldUntilOpen));
    }

    [Fact]
    public void MarketHours_ReferenceSeries_AreNeverTradable()
        => Assert.Equal(RiskVerdict.MarketClosed, Gate("""{ "global": { "closedMarket": "Hold" } }""").Verdict(Buy("NASDAQ", 1), 20_000, View()));
}
