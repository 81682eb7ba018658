using System.Text;
using BenchmarkDotNet.Attributes;
using MultiAsset.Engine.Coordination;
using MultiAsset.Engine.Coordination.Config;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Ring;
using MultiAsset.Engine.Risk;
using MultiAsset.Engine.Signals.Strategies;

namespace MultiAsset.Benchmarks.Coordination;

/// <summary>
/// The coordination stage alone, ns per intent: 12 strategies in 3 accounts over 40 instruments, batches of 16 intents
/// (flushed at the end of each, as the event processor would), every intent changing a position so every batch
/// publishes orders. <c>Targets</c>: target positions and weights spread over the instruments (few conflicts).
/// <c>Contended</c>: the strategies of an account fight over 4 instruments with trades, targets and class-weight
/// changes, under Defer / Prioritize / exposure rules (a conflict in most batches). <c>Limited</c>: the spread targets
/// with every order checked against finite per-order, position and notional limits (<see cref="RiskConfig"/>; loose
/// enough that orders are rarely cut, so the same orders flow and the cost of the checks is what differs). Target 0 B
/// per intent.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class CoordinationBenchmarks
{
    private const int Intents = 1 << 16;
    private const int BatchSize = 16;
    private const int Strategies = 12;
    private const int Instruments = 40;
    private static readonly string[] AccountNames = ["a", "b", "c"];

    private readonly IntentEvent[] targets = new IntentEvent[Intents];
    private readonly IntentEvent[] contended = new IntentEvent[Intents];
    private CoordinationStage targetStage = null!;
    private CoordinationStage contendedStage = null!;
    private CoordinationStage limitedStage = null!;

    [GlobalSetup]
    public void Setup()
    {
        var json = new StringBuilder("""{ "calendars": { "CRYPTO": { "type": "always" } }, "instruments": [""");
        for (var i = 0; i < Instruments; i++)
        {
            var crypto = i % 4 == 0;
            json.Append(i == 0 ? string.Empty : ",").Append(
                $$"""{ "symbol": "S{{i}}", "assetClass": "{{(crypto ? "CRYPTO" : "STOCK")}}", "baseCurrency": "{{(crypto ? $"C{(char)('A' + (i / 4))}X" : "USD")}}", "quoteCurrency": "USD", "tickSize": 0.01, "lotSize": {{(crypto ? "0.001" : "1")}}, "minNotional": 1, "sector": "X", "country": "US", "calendar": "CRYPTO" }""");
        }

        var catalog = InstrumentCatalogLoader.Parse(json.Append("]}").ToString(), "bench");
        targetStage = Build(catalog, CoordinationConfig.Default, out var registrations);
        Announce(targetStage, registrations);
        var rules = new CoordinationConfig
        {
            ConflictResolution =
            [
                new ConflictRule { Condition = ConflictCondition.OpposingIntents, Resolution = ConflictResolution.Defer, AssetClass = AssetClass.Stock },
                new ConflictRule { Condition = ConflictCondition.OpposingIntents, Resolution = ConflictResolution.Prioritize, Strategies = ["s0", "s3", "s6", "s9"] },
                new ConflictRule { Condition = ConflictCondition.ExposureOverlap, Resolution = ConflictResolution.Average, MaxNotional = 30_000 },
            ],
        };
        contendedStage = Build(catalog, rules, out registrations);
        Announce(contendedStage, registrations);
        var limits = RiskConfig.Create(
            AccountNames,
            [.. catalog.Instruments.Select(i => i.AssetClass)],
            _ => AccountRiskLimits.Unlimited,
            (_, _) => ClassRiskLimits.Unlimited,
            (_, i) => InstrumentRiskLimits.Unlimited with
            {
                MaxOrderQuantity = Quantity.FromDecimal(i.Value % 4 == 0 ? 1_000m : 1_000_000m),
                MaxOrderNotional = Money.FromDecimal(50_000_000m),
                PositionLimitQuantity = Quantity.FromDecimal(i.Value % 4 == 0 ? 10_000m : 10_000_000m),
                PositionLimitNotional = Money.FromDecimal(500_000_000m),
            });
        limitedStage = Build(catalog, CoordinationConfig.Default, out registrations, limits);
        Announce(limitedStage, registrations);

        for (var i = 0; i < Intents; i++)
        {
            var strategy = i % Strategies;
            var weight = ((((i * 7) + strategy) % 21) - 10) / 10.0;
            var instrument = ((i / Strategies) + (strategy * 3)) % Instruments;
            targets[i] = Intent(strategy, i % 5 == 0 ? IntentKind.TargetWeight : IntentKind.TargetPosition, instrument, weight, i);

            var hot = (i + strategy) % 4;
            contended[i] = (i % 8) switch
            {
                0 or 1 or 2 => Intent(strategy, IntentKind.TargetPosition, hot, weight, i),
                3 or 4 => Trade(strategy, hot, weight, i),
                5 => ClassChange(strategy, weight, i),
                _ => Intent(strategy, IntentKind.TargetPosition, 4 + (i % 36), weight, i),
            };
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Intents, Description = "coordination, spread targets, per intent")]
    public long Targets() => Run(targetStage, targets);

    [Benchmark(OperationsPerInvoke = Intents, Description = "coordination, contended (conflicts), per intent")]
    public long Contended() => Run(contendedStage, contended);

    [Benchmark(OperationsPerInvoke = Intents, Description = "coordination, spread targets within risk limits, per intent")]
    public long Limited() => Run(limitedStage, targets);

    /// <summary>Guards the measurement: the loop did publish orders.</summary>
    [GlobalCleanup(Target = nameof(Limited))]
    public void CleanupLimited()
    {
        if (limitedStage.LastOrderId == 0)
        {
            throw new InvalidOperationException("the limited benchmark published no orders");
        }
    }

    /// <summary>Guards the measurement: the loop did publish orders.</summary>
    [GlobalCleanup(Target = nameof(Targets))]
    public void CleanupTargets()
    {
        if (targetStage.LastOrderId == 0)
        {
            throw new InvalidOperationException("the targets benchmark published no orders");
        }
    }

    /// <summary>Guards the measurement: the loop did publish orders and meet conflicts.</summary>
    [GlobalCleanup(Target = nameof(Contended))]
    public void CleanupContended()
    {
        if (contendedStage.LastOrderId == 0 || contendedStage.Conflicts.Total == 0)
        {
            throw new InvalidOperationException($"the contended benchmark did not exercise the stage: orders {contendedStage.LastOrderId}, conflicts {contendedStage.Conflicts.Total}");
        }
    }

    private static long Run(CoordinationStage stage, IntentEvent[] intents)
    {
        for (var i = 0; i < intents.Length; i++)
        {
            stage.OnEvent(ref intents[i], i, endOfBatch: i % BatchSize == BatchSize - 1);
        }

        return stage.LastOrderId;
    }

    private static CoordinationStage Build(InstrumentCatalog catalog, CoordinationConfig config, out IntentEvent[] registrations, RiskConfig? limits = null)
    {
        var accounts = new AccountDirectory(AccountNames);
        var registry = new StrategyRegistry();

        // Nobody consumes the order ring here: with no gating sequence the producer never waits.
        var orders = new ValueRingBuffer<OrderEvent>(1 << 12);
        var stage = new CoordinationStage(catalog, accounts, registry, orders, new FixedAccountCapital(Money.FromDecimal(1_000_000m)), config, limits: limits);
        registrations = new IntentEvent[Strategies];
        for (var s = 0; s < Strategies; s++)
        {
            var account = new AccountId(s % AccountNames.Length);
            registry.Register(new StrategyId(s), Document($"s{s}", AccountNames[account.Value]), account);
            registrations[s] = Blank(s);
            registrations[s].Kind = IntentKind.StrategyRegistered;
        }

        return stage;
    }

    private static void Announce(CoordinationStage stage, IntentEvent[] registrations)
    {
        for (var i = 0; i < registrations.Length; i++)
        {
            stage.OnEvent(ref registrations[i], i, endOfBatch: true);
        }
    }

    private static StrategyDocument Document(string id, string account) => new()
    {
        Id = id,
        Name = id,
        Type = StrategyType.Momentum,
        AssetClasses = [AssetClass.Stock, AssetClass.Crypto],
        Allocation =
        [
            new AssetAllocation { AssetClass = AssetClass.Stock, TargetWeight = 70, MinWeight = 50, MaxWeight = 90 },
            new AssetAllocation { AssetClass = AssetClass.Crypto, TargetWeight = 30, MinWeight = 10, MaxWeight = 50 },
        ],
        Account = account,
    };

    private static IntentEvent Blank(int strategy)
    {
        var intent = default(IntentEvent);
        intent.Strategy = new StrategyId(strategy);
        intent.Account = new AccountId(strategy % AccountNames.Length);
        intent.Instrument = InstrumentId.None;
        intent.Rule = -1;
        intent.Hedge = null;
        intent.Urgency = IntentUrgency.Normal;
        return intent;
    }

    private static IntentEvent Intent(int strategy, IntentKind kind, int instrument, double weight, int i)
    {
        var intent = Blank(strategy);
        intent.Kind = kind;
        intent.Instrument = new InstrumentId(instrument);
        intent.AssetClass = instrument % 4 == 0 ? AssetClass.Crypto : AssetClass.Stock;
        intent.Weight = kind == IntentKind.TargetWeight ? weight / 10 : weight;
        intent.ReferencePrice = Price.FromDecimal(instrument % 4 == 0 ? 20_000m + (i % 7) : 100m + (i % 7));
        intent.Reason = weight >= 0 ? IntentReason.EntryLong : IntentReason.EntryShort;
        intent.Timestamp = i * 1_000_000L;
        intent.SourceSequence = i;
        return intent;
    }

    private static IntentEvent Trade(int strategy, int instrument, double weight, int i)
    {
        var intent = Intent(strategy, IntentKind.Trade, instrument, weight, i);
        intent.Side = weight >= 0 ? OrderSide.Buy : OrderSide.Sell;
        intent.Quantity = Quantity.FromDecimal(instrument % 4 == 0 ? 0.25m : 25m);
        intent.Reason = IntentReason.ArbitrageLeg;
        intent.Urgency = IntentUrgency.Immediate;
        return intent;
    }

    private static IntentEvent ClassChange(int strategy, double weight, int i)
    {
        var intent = Blank(strategy);
        intent.Kind = IntentKind.AssetClassWeightChange;
        intent.AssetClass = AssetClass.Stock;
        intent.Weight = weight / 20;
        intent.Reason = IntentReason.ExecutionRule;
        intent.Rule = 0;
        intent.Timestamp = i * 1_000_000L;
        intent.SourceSequence = i;
        return intent;
    }
}
