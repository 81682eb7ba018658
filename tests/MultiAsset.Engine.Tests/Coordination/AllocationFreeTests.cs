using MultiAsset.Engine.Coordination;
using MultiAsset.Engine.Coordination.Config;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Coordination;

/// <summary>Per intent (sizing, conflicts, netting, publication, reallocation) the stage allocates nothing once warm.</summary>
public class AllocationFreeTests
{
    [Fact]
    public void Intents_AllocateNothing()
    {
        var config = new CoordinationConfig
        {
            ConflictResolution =
            [
                new ConflictRule { Condition = ConflictCondition.OpposingIntents, Resolution = ConflictResolution.Defer, AssetClass = AssetClass.Stock },
                new ConflictRule { Condition = ConflictCondition.ExposureOverlap, Resolution = ConflictResolution.Average, MaxNotional = 50_000 },
            ],
            CapitalAllocation = [new CapitalAllocationRule { Account = "default", Method = CapitalAllocationMethod.InverseVolatility }],
            ReallocationInterval = TimeSpan.FromSeconds(1),
        };
        var h = new CoordinationHarness(config, volatility: new FlatVolatility(), ringSize: 1 << 10);
        var a = h.Register("a", instruments: ["AAPL", "BTCUSD"]);
        var b = h.Register("b");
        var c = h.Register("c", account: "fx-carry");
        var symbols = new[] { "AAPL", "MSFT", "BTCUSD", "EURUSD", "SPY" };
        var batch = new IntentEvent[8];
        var time = 0L;

        void Run(int batches)
        {
            for (var n = 0; n < batches; n++)
            {
                for (var i = 0; i < batch.Length; i++)
                {
                    time += 100_000_000;
                    var symbol = symbols[(n + i) % symbols.Length];
                    var weight = ((n * 7) + (i * 3)) % 11 / 10.0 - 0.5;
                    batch[i] = (i % 4) switch
                    {
                        0 => h.Target(a, symbol, weight, 100 + (n % 5), time: time),
                        1 => h.Target(b, symbol, -weight, 100 + (n % 5), time: time),
                        2 => h.Trade(c, symbol, weight >= 0 ? OrderSide.Buy : OrderSide.Sell, 5, 100, time: time),
                        _ => h.ClassWeight(a, AssetClass.Stock, weight / 10, change: true, time: time),
                    };
                }

                for (var i = 0; i < batch.Length; i++)
                {
                    ref var intent = ref batch[i];
                    h.Stage.OnEvent(ref intent, (n * batch.Length) + i, endOfBatch: i == batch.Length - 1);
                }
            }
        }

        // The intents are built before measuring (the harness allocates nothing for them either; they are structs).
        Run(2_000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(10_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        AllocationAssert.NonePerOperation(allocated, 10_000L * batch.Length);
        Assert.True(h.Stage.LastOrderId > 10_000, $"only {h.Stage.LastOrderId} orders: the loop did not exercise the flush");
        Assert.True(h.Stage.Conflicts.Total > 1_000, "the loop did not exercise conflicts");
        Assert.True(h.Stage.Counters.Reallocations > 100, "the loop did not exercise reallocation");
    }

    [Fact]
    public void LimitedSizing_Reports_AndBackoff_AllocateNothing()
    {
        var view = new TestAccountView(RepoFiles.ShippedCatalog);
        view.UsdPer["JPY"] = 1m / 150m;
        view.Mark("AAPL", 100);
        view.Mark("BTCUSD", 50_000);
        view.Mark("USDJPY", 150);
        view.Exposure[(0, AssetClass.Crypto)] = 10_000m;
        var h = new CoordinationHarness(
            capital: view,
            ringSize: 1 << 10,
            limits: CoordinationHarness.Limits(
                symbol => Engine.Risk.InstrumentRiskLimits.Unlimited with
                {
                    MaxOrderQuantity = Quantity.FromDecimal(symbol == "BTCUSD" ? 1m : 500_000m),
                    MaxOrderNotional = Money.FromDecimal(120_000m),
                    PositionLimitQuantity = Quantity.FromDecimal(symbol == "BTCUSD" ? 4m : 2_000_000m),
                },
                _ => Engine.Risk.AccountRiskLimits.Unlimited with { MaxLeverage = Engine.Risk.RiskRatio.FromFraction(3m) },
                (_, c) => Engine.Risk.ClassRiskLimits.Unlimited with { MaxAllocation = Engine.Risk.RiskRatio.FromPercent(c == AssetClass.Crypto ? 40 : 100) }));
        var a = h.Register("a", allocation: [(AssetClass.Stock, 40, 0, 100), (AssetClass.Crypto, 30, 0, 100), (AssetClass.Forex, 30, 0, 100)]);
        var b = h.Register("b", allocation: [(AssetClass.Stock, 40, 0, 100), (AssetClass.Crypto, 30, 0, 100), (AssetClass.Forex, 30, 0, 100)]);
        var symbols = new[] { "AAPL", "BTCUSD", "USDJPY" };
        var prices = new[] { 100.0, 50_000, 150 };
        var events = new IntentEvent[64];
        var time = 0L;
        var n = 0;

        void Run(int rounds)
        {
            for (var r = 0; r < rounds; r++)
            {
                // Intents of two strategies in one account (clipped, worked, opposed across time), then reports for the
                // orders they produced: fills, refusals (back-off) and plain cancels, and a heartbeat (expiries).
                for (var i = 0; i < 8; i++)
                {
                    time += 50_000_000;
                    var k = (r + i) % 3;
                    var weight = (((r * 5) + (i * 3)) % 9 / 4.0) - 1;
                    events[0] = i % 4 == 3
                        ? h.Rebalance(a, (Engine.Model.Events.RebalanceAction)(1 + (r % 3)), RebalanceTrigger.Threshold, time)
                        : h.Target(i % 2 == 0 ? a : b, symbols[k], weight, prices[k], time: time);
                    events[0].SourceSequence = ++n;
                    h.Stage.OnEvent(ref events[0], n, endOfBatch: true);
                }

                var cursor = h.OrderRing.Cursor;
                var reports = 0;
                for (var s = Math.Max(0, cursor - 16); s <= cursor && reports < 60; s++)
                {
                    ref var order = ref h.OrderRing[s];
                    if (order.Kind != OrderEventKind.NewOrder || order.OrderId % 3 == 0 && r % 2 == 0)
                    {
                        continue;
                    }

                    ref var report = ref events[1 + reports++];
                    report = default;
                    report.Kind = IntentKind.Execution;
                    report.Account = order.Account;
                    report.Strategy = order.Strategy;
                    report.Instrument = order.Instrument;
                    report.Timestamp = time;
                    report.Rule = -1;
                    report.Execution.OrderId = ChildOrderId.Of(order.OrderId, order.OrderId % 2 == 0 ? ChildOrderId.MaxChildren - 1 : 0);
                    report.Execution.Quantity = order.Quantity;
                    report.Execution.Price = order.LimitPrice;
                    report.Execution.Side = order.Side;
                    report.Execution.Type = order.OrderId % 2 == 0 ? ExecutionType.Cancelled : ExecutionType.Fill;
                    report.Execution.RejectReason = order.OrderId % 4 == 0 ? VenueRejectReason.RiskRefused : VenueRejectReason.None;
                    report.Execution.Venue = (short)RiskVerdict.PositionLimit;
                }

                for (var j = 0; j < reports; j++)
                {
                    events[1 + j].SourceSequence = ++n;
                    h.Stage.OnEvent(ref events[1 + j], n, endOfBatch: true);
                }

                events[0] = default;
                events[0].Kind = IntentKind.Heartbeat;
                events[0].Timestamp = time;
                events[0].SourceSequence = ++n;
                h.Stage.OnEvent(ref events[0], n, endOfBatch: true);
            }
        }

        Run(500);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(3_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        AllocationAssert.NonePerOperation(allocated, 3_000L * 8);
        Assert.True(h.Stage.Counters.ClippedOrders > 100, $"only {h.Stage.Counters.ClippedOrders} clipped orders");
        Assert.True(h.Stage.Counters.GateRefusals > 100, $"only {h.Stage.Counters.GateRefusals} refusals");
        Assert.True(h.Stage.Counters.SuppressedIntents > 100, $"only {h.Stage.Counters.SuppressedIntents} suppressed intents");
        Assert.True(h.Stage.Counters.StandingConflicts > 10, $"only {h.Stage.Counters.StandingConflicts} standing conflicts");
        Assert.True(h.Stage.Counters.Rebalances > 100, $"only {h.Stage.Counters.Rebalances} rebalances");
    }

    private sealed class FlatVolatility : IInstrumentVolatility
    {
        public double Volatility(InstrumentId instrument, long lookbackNanoseconds) => 0.1 + (instrument.Value * 0.01);
    }
}
