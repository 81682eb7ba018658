using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MultiAsset.Engine.Coordination;
using MultiAsset.Engine.Coordination.Config;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Tests.Coordination;

/// <summary>
/// Invariants over random intent streams for three accounts, with every conflict rule and allocation method in play:
/// account isolation (an account's orders do not depend on what other accounts' strategies ask), and bookkeeping
/// (each strategy's ordered position is the sum of its recorded changes; each account's orders add up to its
/// strategies' positions).
/// </summary>
public class CoordinationProperties
{
    private const long Second = 1_000_000_000;

    // Amounts are multiples of 100 (weights in tenths, trades in round lots) so that equal and opposite changes, and
    // so exact internal crosses, do happen.

    // Strategy i trades in account AccountOf[i]: three in "default", two in "fx-carry", two in "safe-haven".
    private static readonly string[] AccountOf = ["default", "default", "default", "fx-carry", "fx-carry", "safe-haven", "safe-haven"];
    private static readonly string[] Symbols = ["AAPL", "MSFT", "BTCUSD", "EURUSD", "SPY"];
    private static readonly double[] Prices = [150.25, 410.5, 64_000, 1.0855, 520.75];

    private static readonly CoordinationConfig Config = new()
    {
        ConflictResolution =
        [
            new ConflictRule { Condition = ConflictCondition.OpposingIntents, Resolution = ConflictResolution.Defer, AssetClass = AssetClass.Stock, Retries = 2 },
            new ConflictRule { Condition = ConflictCondition.OpposingIntents, Resolution = ConflictResolution.Prioritize, AssetClass = AssetClass.Crypto, Strategies = ["s2", "s4", "s6"] },
            new ConflictRule { Condition = ConflictCondition.OpposingIntents, Resolution = ConflictResolution.Cancel, Account = "safe-haven" },
            new ConflictRule { Condition = ConflictCondition.ExposureOverlap, Resolution = ConflictResolution.Average, AssetClass = AssetClass.Stock, MaxNotional = 60_000 },
            new ConflictRule { Condition = ConflictCondition.ExposureOverlap, Resolution = ConflictResolution.Prioritize, AssetClass = AssetClass.Crypto, MaxNotional = 40_000 },
            new ConflictRule { Condition = ConflictCondition.ExposureOverlap, Resolution = ConflictResolution.Defer, AssetClass = AssetClass.Forex, MaxNotional = 300_000 },
        ],
        CapitalAllocation =
        [
            new CapitalAllocationRule { Account = "default", Method = CapitalAllocationMethod.PerformanceWeighted, FloorPercent = 10 },
            new CapitalAllocationRule { Account = "fx-carry", Method = CapitalAllocationMethod.FixedWeights, Weights = new Dictionary<string, double> { ["s3"] = 70 } },
        ],
        ExecutionPriority = [new ExecutionPriorityRule { Strategy = "s1", Priority = 7 }],
        MaxIntentsDeferred = 1,
        ReallocationInterval = TimeSpan.FromSeconds(2),
        AllocationLogCapacity = 1 << 16,
    };

    private static Arbitrary<Step[]> Streams { get; } = Gen.ArrayOf(
            from strategy in Gen.Choose(0, AccountOf.Length - 1)
            from kind in Gen.Choose(0, 19)
            from instrument in Gen.Choose(0, Symbols.Length - 1)
            from amount in Gen.Choose(-10, 10)
            from end in Gen.Choose(0, 5)
            select new Step(strategy, kind, instrument, amount * 100, end == 0))
        .ToArbitrary();

    [Property(MaxTest = 300)]
    public Property OrdersOfAnAccount_DoNotDependOnOtherAccountsIntents() =>
        Prop.ForAll(Streams, Gen.Choose(0, 2).ToArbitrary(), (steps, accountIndex) =>
        {
            var account = new[] { "default", "fx-carry", "safe-haven" }[accountIndex];
            var (all, _) = Run(steps, keep: null);
            var (alone, _) = Run(steps, keep: account);
            var fromAll = all.Orders().Where(o => o.Account == all.Account(account)).Select(WithoutId).ToList();
            var fromAlone = alone.Orders().Select(WithoutId).ToList();
            var positionsEqual = Enumerable.Range(0, AccountOf.Length).Where(s => AccountOf[s] == account).All(s =>
                Symbols.All(symbol => all.Ordered(new StrategyId(s), symbol) == alone.Ordered(new StrategyId(s), symbol)));
            return fromAll.SequenceEqual(fromAlone) && positionsEqual;
        });

    [Property(MaxTest = 300)]
    public Property OrderedPositions_AreTheSumOfRecordedChanges_AndOrdersReconcile() =>
        Prop.ForAll(Streams, steps =>
        {
            var (h, _) = Run(steps, keep: null);
            var allocations = h.Stage.Allocations.Recent();
            var orders = h.Orders();
            for (var s = 0; s < AccountOf.Length; s++)
            {
                foreach (var symbol in Symbols)
                {
                    var recorded = allocations.Where(a => a.Strategy.Value == s && a.Instrument == h.Id(symbol)).Sum(a => a.Delta.Raw);
                    if (recorded != h.Ordered(new StrategyId(s), symbol).Raw)
                    {
                        return false.Label($"strategy {s} {symbol}: recorded {recorded}, ordered {h.Ordered(new StrategyId(s), symbol).Raw}");
                    }
                }
            }

            foreach (var account in AccountOf.Distinct())
            {
                foreach (var symbol in Symbols)
                {
                    var id = h.Account(account);
                    var sent = orders.Where(o => o.Account == id && o.Instrument == h.Id(symbol))
                        .Sum(o => o.Side == OrderSide.Buy ? o.Quantity.Raw : -o.Quantity.Raw);
                    var held = Enumerable.Range(0, AccountOf.Length).Where(s => AccountOf[s] == account).Sum(s => h.Ordered(new StrategyId(s), symbol).Raw);
                    if (sent != held || held != h.Stage.AccountPosition(id, h.Id(symbol)).Raw)
                    {
                        return false.Label($"{account} {symbol}: orders {sent}, positions {held}");
                    }
                }
            }

            var lots = orders.All(o => o.Quantity.Raw > 0 && o.Quantity.IsOnLot(h.Catalog[o.Instrument].LotSize));
            var ids = orders.Select(o => o.OrderId).SequenceEqual(Enumerable.Range(1, orders.Count).Select(i => (long)i));
            return (lots && ids).Label("orders are whole lots with dense ids");
        });

    /// <summary>
    /// Runs the stream. With <paramref name="keep"/> set, other accounts' intents — registrations included — are
    /// replaced by empty slots: the batch boundaries (the ring's timing, shared by all accounts) stay, their content goes.
    /// </summary>
    private static (CoordinationHarness Harness, int Intents) Run(Step[] steps, string? keep)
    {
        var h = new CoordinationHarness(Config, performance: new DriftingReturns());
        var strategies = new StrategyId[AccountOf.Length];
        var registrations = new List<IntentEvent>();
        for (var s = 0; s < AccountOf.Length; s++)
        {
            var document = CoordinationHarness.Document($"s{s}", AccountOf[s], allocation: [(AssetClass.Stock, 40, 20, 60), (AssetClass.Crypto, 20, 10, 30), (AssetClass.Forex, 40, 20, 60)]);
            strategies[s] = h.Declare(document);
            registrations.Add(keep is null || AccountOf[s] == keep ? h.Registration(strategies[s]) : default);
        }

        h.Batch([.. registrations]);
        var batch = new List<IntentEvent>();
        for (var i = 0; i < steps.Length; i++)
        {
            var step = steps[i];
            var intent = Intent(h, strategies[step.Strategy], step, (i + 1) * Second);
            if (keep is not null && AccountOf[step.Strategy] != keep)
            {
                intent = default;
            }

            batch.Add(intent);
            if (step.EndOfBatch || i == steps.Length - 1)
            {
                h.Batch([.. batch]);
                batch.Clear();
            }
        }

        return (h, steps.Length);
    }

    private static IntentEvent Intent(CoordinationHarness h, StrategyId strategy, Step step, long time)
    {
        var symbol = Symbols[step.Instrument];
        var price = Prices[step.Instrument] * (1 + (step.Amount / 20_000.0));
        return step.Kind switch
        {
            < 7 => h.Target(strategy, symbol, step.Amount / 1000.0, price, step.Amount >= 0 ? IntentReason.EntryLong : IntentReason.EntryShort, time: time),
            < 12 => h.Trade(strategy, symbol, step.Amount >= 0 ? OrderSide.Buy : OrderSide.Sell, Math.Abs(step.Amount) * (symbol == "EURUSD" ? 100 : 0.1), price,
                step.Kind == 11 ? IntentReason.StopLoss : IntentReason.ArbitrageLeg, time: time),
            < 14 => h.Close(strategy, symbol, time),
            14 => h.CloseAll(strategy, time),
            < 17 => h.ClassWeight(strategy, (AssetClass)(step.Instrument % 3), step.Amount / 5000.0, change: step.Kind == 15, time: time),
            _ => h.TargetWeight(strategy, symbol, step.Amount / 4000.0, price, time),
        };
    }

    /// <summary>Guards the properties against passing vacuously: random streams do reach every path.</summary>
    [Fact]
    public void RandomStreams_ExerciseConflictsDeferralsCrossesAndOrders()
    {
        var random = new Random(1);
        var c = new long[8];
        for (var n = 0; n < 100; n++)
        {
            var steps = Enumerable.Range(0, 60).Select(_ => new Step(random.Next(7), random.Next(20), random.Next(5), random.Next(-10, 11) * 100, random.Next(6) == 0)).ToArray();
            var stage = Run(steps, null).Harness.Stage;
            c[0] += stage.LastOrderId;
            c[1] += stage.Conflicts.Count(ConflictCondition.OpposingIntents);
            c[2] += stage.Conflicts.Count(ConflictCondition.ExposureOverlap);
            c[3] += stage.Conflicts.Count(ConflictCondition.AllocationBand);
            c[4] += stage.Counters.Deferred;
            c[5] += stage.Counters.DeferOverflow + stage.Counters.DeferExpired;
            c[6] += stage.Counters.InternalCrosses;
            c[7] += stage.Counters.NettedOrders;
        }

        Assert.True(c.All(x => x > 0), $"orders, opposing, exposure, band, deferred, overflow+expired, crosses, netted: {string.Join(", ", c)}");
    }

    private static OrderEvent WithoutId(OrderEvent order)
    {
        order.OrderId = 0;
        return order;
    }

    /// <summary>One generated intent: which strategy, what kind (0..19 mapped in <see cref="Intent"/>), where, how much, and whether the batch ends after it.</summary>
    public readonly record struct Step(int Strategy, int Kind, int Instrument, int Amount, bool EndOfBatch);

    /// <summary>
    /// Returns that move every time they are asked for: an extra (or missing) recomputation of an account's shares
    /// changes its sizes, so the isolation property also sees a reallocation clock that leaks between accounts.
    /// </summary>
    private sealed class DriftingReturns : IStrategyPerformance
    {
        private readonly int[] calls = new int[16];

        public double TrailingReturn(StrategyId strategy, long lookbackNanoseconds) => ((calls[strategy.Value]++ * (strategy.Value + 2)) % 5) * 0.04;
    }
}
