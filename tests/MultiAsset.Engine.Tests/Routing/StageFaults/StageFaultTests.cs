using MultiAsset.Engine.Coordination;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Risk;
using MultiAsset.Engine.Routing.Orders;
using MultiAsset.Engine.Routing.Stage;
using MultiAsset.Engine.Routing.Venues;
using MultiAsset.Engine.Tests.Coordination;
using MultiAsset.Engine.Tests.Risk.Stage;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Routing.StageFaults;

/// <summary>
/// An exception in a stage while it handles an order ends as a visible refusal (<see cref="RiskVerdict.StageFault"/>)
/// handed back to the order's owner like any other refusal — never as an order the processor skips and loses.
/// </summary>
public sealed class StageFaultTests
{
    private const long Second = 1_000_000_000;
    private static readonly long T = PostTradeStagesHarness.Monday;

    private sealed class Chain
    {
        public Chain()
        {
            var venues = VenueConfigReader.Load(RepoFiles.PathOf("config/venues.json"), RepoFiles.ShippedCatalog);
            Router = new RouterStage(RepoFiles.ShippedCatalog, H.MarketData.Analytics, venues);
            H.Quote("SPY", T, 500.00, 500.02);
        }

        public PostTradeStagesHarness H { get; } = new();

        public RouterStage Router { get; }

        /// <summary>One new order through risk then the router, as the order ring's two handlers see it.</summary>
        public OrderEvent Send(long orderId, string account = "default", double quantity = 10, InstrumentId? instrument = null)
        {
            var order = new OrderEvent
            {
                Kind = OrderEventKind.NewOrder,
                Type = OrderType.Market,
                Side = OrderSide.Buy,
                Account = H.Account(account),
                Strategy = new StrategyId(0),
                Instrument = instrument ?? H.Id("SPY"),
                Timestamp = T + Second,
                Quantity = Quantity.FromDouble(quantity),
                LimitPrice = Price.FromDouble(500.01),
                OrderId = orderId,
                RiskVerdict = RiskVerdict.Pending,
            };
            H.Risk.OnEvent(ref order, orderId, true);
            Router.OnEvent(ref order, orderId, true);
            return order;
        }

        public List<InputEvent> Feedback()
        {
            var list = new List<InputEvent>();
            while (Router.TryTake(out var report))
            {
                list.Add(report);
            }

            return list;
        }
    }

    [Fact]
    public void A_throwing_OrderObserved_hook_refuses_the_order_with_StageFault_and_hands_it_back()
    {
        var c = new Chain();
        c.H.Risk.OrderObserved = _ => throw new InvalidOperationException("histogram value out of range");

        var order = c.Send(7, quantity: 10);

        Assert.Equal(RiskVerdict.StageFault, order.RiskVerdict);
        Assert.Equal(1, c.H.Risk.StageFaults);
        Assert.Equal(0, c.H.Risk.Accepted);
        Assert.Equal(1, c.H.Risk.Gate.VerdictCount(c.H.Account("default"), RiskVerdict.StageFault));
        Assert.Equal(0, c.H.Risk.Gate.VerdictCount(c.H.Account("default"), RiskVerdict.Accepted));
        Assert.Equal(Quantity.Zero, c.H.Risk.Working.Buy(c.H.Account("default"), c.H.Id("SPY")));

        // The router refuses it and hands the whole quantity back as a refusal, as for any gate refusal.
        var back = Assert.Single(c.Feedback());
        Assert.Equal(ChildOrderId.Of(7, ChildOrderId.MaxChildren - 1), back.Execution.OrderId);
        Assert.Equal(ExecutionType.Cancelled, back.Execution.Type);
        Assert.Equal(VenueRejectReason.RiskRefused, back.Execution.RejectReason);
        Assert.Equal((short)RiskVerdict.StageFault, back.Execution.Venue);
        Assert.Equal(10m, back.Execution.Quantity.ToDecimal());

        var entry = c.Router.Ledger[c.Router.Ledger.SlotOf(7)];
        Assert.Equal(OrderStatus.Refused, entry.Status);
        Assert.Equal(RiskVerdict.StageFault, entry.Verdict);
        Assert.Equal(0, c.Router.WorkingParents);
        Assert.Equal(1, c.Router.OrderCounts().Refused);
    }

    [Fact]
    public void The_hook_failing_once_loses_nothing_the_next_orders_pass()
    {
        var c = new Chain();
        var calls = 0;
        c.H.Risk.OrderObserved = _ =>
        {
            if (calls++ == 0)
            {
                throw new InvalidOperationException("once");
            }
        };

        Assert.Equal(RiskVerdict.StageFault, c.Send(1).RiskVerdict);
        Assert.Equal(RiskVerdict.Accepted, c.Send(2).RiskVerdict);
        Assert.Equal(Quantity.FromDouble(10), c.H.Risk.Working.Buy(c.H.Account("default"), c.H.Id("SPY")));
        Assert.Equal(1, c.Router.WorkingParents);
        Assert.Equal(2, c.H.Risk.Checked);
    }

    [Fact]
    public void An_order_of_an_unknown_account_is_refused_with_StageFault_instead_of_thrown_away()
    {
        var c = new Chain();
        var order = new OrderEvent
        {
            Kind = OrderEventKind.NewOrder,
            Type = OrderType.Market,
            Side = OrderSide.Buy,
            Account = new AccountId(999),
            Instrument = c.H.Id("SPY"),
            Timestamp = T + Second,
            Quantity = Quantity.FromDouble(5),
            OrderId = 3,
        };
        c.H.Risk.OnEvent(ref order, 0, true);
        c.Router.OnEvent(ref order, 0, true);

        Assert.Equal(RiskVerdict.StageFault, order.RiskVerdict);
        Assert.Equal(1, c.H.Risk.StageFaults);
        var back = Assert.Single(c.Feedback());
        Assert.Equal(5m, back.Execution.Quantity.ToDecimal());
        Assert.Equal((short)RiskVerdict.StageFault, back.Execution.Venue);
    }

    [Fact]
    public void A_router_failure_taking_an_order_on_refuses_it_and_releases_the_risk_ledger()
    {
        var c = new Chain();
        // Accepted by the gate, but for an instrument the router's catalogue lookup fails on: the router throws in Start.
        var order = new OrderEvent
        {
            Kind = OrderEventKind.NewOrder,
            Type = OrderType.Market,
            Side = OrderSide.Buy,
            Account = c.H.Account("default"),
            Instrument = new InstrumentId(RepoFiles.ShippedCatalog.Count + 5),
            Timestamp = T + Second,
            Quantity = Quantity.FromDouble(4),
            OrderId = 11,
            RiskVerdict = RiskVerdict.Accepted,
        };
        c.Router.OnEvent(ref order, 0, true);

        Assert.Equal(1, c.Router.Counters.StageFaults);
        Assert.Equal(0, c.Router.Counters.StageFaultsUnresolved);
        Assert.Equal(0, c.Router.WorkingParents);
        var back = Assert.Single(c.Feedback());
        Assert.Equal(ChildOrderId.Of(11, ChildOrderId.MaxChildren - 1), back.Execution.OrderId);
        Assert.Equal(4m, back.Execution.Quantity.ToDecimal());
        Assert.Equal(VenueRejectReason.RiskRefused, back.Execution.RejectReason);
        Assert.Equal((short)RiskVerdict.StageFault, back.Execution.Venue);
        var entry = c.Router.Ledger[c.Router.Ledger.SlotOf(11)];
        Assert.Equal(OrderStatus.Refused, entry.Status);
        Assert.Equal(RiskVerdict.StageFault, entry.Verdict);
        Assert.Equal(OrderEndReason.StageFault, entry.EndReason);
        Assert.Equal("stageFault", OrderStatusNames.Name(entry.EndReason));
    }

    private sealed class FailingCapital : IAccountCapital
    {
        public bool Fail { get; set; }

        public Money Equity(AccountId account) => Fail ? throw new InvalidOperationException("capital source failed") : Money.FromDouble(1_000_000);
    }

    [Fact]
    public void A_coordination_failure_on_an_intent_refuses_it_visibly_and_backs_the_strategy_off()
    {
        var capital = new FailingCapital();
        var h = new CoordinationHarness(capital: capital);
        var s = h.Register("momentum");
        capital.Fail = true;

        h.Batch(h.Target(s, "BTCUSD", 1, 50_000, time: Second));

        Assert.Empty(h.Orders());
        Assert.Equal(1, h.Stage.Counters.StageFaults);
        var refusal = Assert.Single(h.Stage.Refusals.Recent());
        Assert.Equal(RefusalSource.Stage, refusal.Source);
        Assert.Equal(RiskVerdict.StageFault, refusal.Reason);
        Assert.True(h.Stage.BlockedUntil(s, h.Id("BTCUSD")) > Second);

        // Once the source works again and the back-off has passed, the target is ordered: nothing was lost for good.
        capital.Fail = false;
        h.Batch(h.Target(s, "BTCUSD", 1, 50_000, time: 120 * Second));
        var order = Assert.Single(h.Orders());
        Assert.True(order.Quantity.Raw > 0);
    }

    [Fact]
    public void A_coordination_batch_that_fails_refuses_each_change_it_had_not_ordered_and_loses_none_for_good()
    {
        var view = new TestAccountView(RepoFiles.ShippedCatalog);
        view.UsdPer["BTC"] = 65_000m;
        view.Mark("BTCUSD", 50_000);
        var h = new CoordinationHarness(
            capital: view,
            limits: CoordinationHarness.Limits(_ => null, assetClass: (_, c) => c == AssetClass.Crypto ? ClassRiskLimits.Unlimited with { MaxAllocation = RiskRatio.FromPercent(20) } : ClassRiskLimits.Unlimited));
        var s = h.Register("momentum");
        view.FailExposure = true; // sizing works; clipping the batch to the class allocation throws

        h.Batch(h.Target(s, "BTCUSD", 1, 50_000, time: Second));

        Assert.Empty(h.Orders());
        Assert.Equal(1, h.Stage.Counters.StageFaults);
        var refusal = Assert.Single(h.Stage.Refusals.Recent());
        Assert.Equal(RefusalSource.Stage, refusal.Source);
        Assert.Equal(RiskVerdict.StageFault, refusal.Reason);
        Assert.Equal(h.Id("BTCUSD"), refusal.Instrument);
        Assert.True(refusal.Quantity.Raw > 0);
        Assert.True(h.Stage.BlockedUntil(s, h.Id("BTCUSD")) > Second);

        // The source works again and the back-off has passed: the target is ordered, within the 20 % allocation.
        view.FailExposure = false;
        h.Batch(h.Target(s, "BTCUSD", 1, 50_000, time: 120 * Second));
        Assert.Equal(Quantity.FromDecimal(4m), Assert.Single(h.Orders()).Quantity);
    }
}
