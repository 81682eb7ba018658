using MultiAsset.Engine.Coordination;
using MultiAsset.Engine.Coordination.Config;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Ring;
using MultiAsset.Engine.Risk;
using MultiAsset.Engine.Signals.Strategies;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Coordination;

/// <summary>
/// Drives the coordination stage by hand on the test thread, batch by batch, the way its event processor would:
/// intents go in by <c>ref</c> with <c>endOfBatch</c> on the last of each batch; orders are read back from the real
/// order ring by sequence. Strategies are registered in the real registry, then announced by their registration intent.
/// </summary>
internal sealed class CoordinationHarness
{
    public static readonly string[] AccountNames = ["default", "crypto-tech", "fx-carry", "safe-haven"];

    /// <summary>Equity of every account unless a test gives another.</summary>
    public const double DefaultEquity = 1_000_000;

    private readonly Dictionary<int, AccountId> accountOf = [];
    private long sequence;
    private long ordersRead = -1;
    private int nextStrategy;

    public CoordinationHarness(
        CoordinationConfig? config = null,
        double equity = DefaultEquity,
        IInstrumentVolatility? volatility = null,
        IStrategyPerformance? performance = null,
        int ringSize = 1 << 16,
        IAccountCapital? capital = null,
        Func<InstrumentCatalog, RiskConfig>? limits = null)
    {
        Catalog = RepoFiles.ShippedCatalog;
        Accounts = new AccountDirectory(AccountNames);
        OrderRing = new ValueRingBuffer<OrderEvent>(ringSize);
        Stage = new CoordinationStage(Catalog, Accounts, Registry, OrderRing, capital ?? new FixedAccountCapital(Money.FromDouble(equity)), config, volatility, performance, limits?.Invoke(Catalog));
    }

    /// <summary>
    /// Limits for every account built in code: <paramref name="instrument"/> gives each (symbol) its limits (null =
    /// unlimited); <paramref name="account"/> / <paramref name="assetClass"/> the others (unlimited when null).
    /// </summary>
    public static Func<InstrumentCatalog, RiskConfig> Limits(
        Func<string, InstrumentRiskLimits?> instrument,
        Func<AccountId, AccountRiskLimits>? account = null,
        Func<AccountId, AssetClass, ClassRiskLimits>? assetClass = null)
        => catalog => RiskConfig.Create(
            AccountNames,
            [.. catalog.Instruments.Select(i => i.AssetClass)],
            account ?? (_ => AccountRiskLimits.Unlimited),
            assetClass ?? ((_, _) => ClassRiskLimits.Unlimited),
            (_, i) => instrument(catalog.Instruments[i.Value].Symbol) ?? InstrumentRiskLimits.Unlimited);

    /// <summary>Feeds an execution report for <paramref name="order"/> (a batch of its own, as its own input event).</summary>
    public void Report(OrderEvent order, ExecutionType type, double quantity, bool parentLevel = false, RiskVerdict refused = RiskVerdict.Pending, long time = 0, double price = 0, int child = 0)
    {
        var intent = default(IntentEvent);
        intent.Kind = IntentKind.Execution;
        intent.Account = order.Account;
        intent.Strategy = order.Strategy;
        intent.Instrument = order.Instrument;
        intent.Timestamp = time;
        intent.Rule = -1;
        intent.Hedge = null;
        intent.Execution.OrderId = ChildOrderId.Of(order.OrderId, parentLevel ? ChildOrderId.MaxChildren - 1 : child);
        intent.Execution.Quantity = Quantity.FromDouble(quantity);
        intent.Execution.Price = Price.FromDouble(price > 0 ? price : order.LimitPrice.ToDouble());
        intent.Execution.Type = type;
        intent.Execution.Side = order.Side;
        intent.Execution.Venue = -1;
        if (refused != RiskVerdict.Pending)
        {
            intent.Execution.RejectReason = VenueRejectReason.RiskRefused;
            intent.Execution.Venue = (short)refused;
        }

        Batch(intent);
    }

    /// <summary>A rebalancing-rule intent of <paramref name="strategy"/>.</summary>
    public IntentEvent Rebalance(StrategyId strategy, Engine.Model.Events.RebalanceAction action, RebalanceTrigger trigger = RebalanceTrigger.Time, long time = 0)
    {
        var intent = Blank(strategy, time);
        intent.Kind = IntentKind.Rebalance;
        intent.RebalanceAction = action;
        intent.RebalanceTrigger = trigger;
        intent.Reason = IntentReason.Rebalance;
        intent.Rule = 0;
        return intent;
    }

    public InstrumentCatalog Catalog { get; }

    public AccountDirectory Accounts { get; }

    public StrategyRegistry Registry { get; } = new();

    public ValueRingBuffer<OrderEvent> OrderRing { get; }

    public CoordinationStage Stage { get; }

    /// <summary>The next input sequence (intents carry it as their source sequence).</summary>
    public long Sequence => sequence;

    public InstrumentId Id(string symbol) => Catalog.TryGet(symbol, out var i) ? i.Id : throw new ArgumentException(symbol);

    public AccountId Account(string name) => Accounts.TryResolve(name, out var id) ? id : throw new ArgumentException(name);

    /// <summary>A strategy document: STOCK 70 % [60, 80], CRYPTO 30 % [20, 40] unless <paramref name="allocation"/> says otherwise.</summary>
    public static StrategyDocument Document(string id, string account = "default", string[]? instruments = null, params (AssetClass Class, double Target, double Min, double Max)[] allocation)
    {
        if (allocation.Length == 0)
        {
            allocation = [(AssetClass.Stock, 70, 60, 80), (AssetClass.Crypto, 30, 20, 40)];
        }

        return new StrategyDocument
        {
            Id = id,
            Name = id,
            Type = StrategyType.Momentum,
            AssetClasses = [.. allocation.Select(a => a.Class)],
            Allocation = [.. allocation.Select(a => new AssetAllocation { AssetClass = a.Class, TargetWeight = a.Target, MinWeight = a.Min, MaxWeight = a.Max })],
            Account = account,
            Instruments = instruments ?? [],
        };
    }

    /// <summary>Registers <paramref name="document"/> and feeds its registration intent as a batch of its own.</summary>
    public StrategyId Register(StrategyDocument document, long time = 0)
    {
        var id = Declare(document);
        Batch(Registration(id, time));
        return id;
    }

    /// <summary>Puts <paramref name="document"/> in the registry under the next id, as the signal stage does, without announcing it.</summary>
    public StrategyId Declare(StrategyDocument document)
    {
        var id = new StrategyId(nextStrategy++);
        var account = Account(document.Account);
        Registry.Register(id, document, account);
        accountOf[id.Value] = account;
        return id;
    }

    /// <summary>The intent that announces a declared strategy to the stage.</summary>
    public IntentEvent Registration(StrategyId strategy, long time = 0)
    {
        var intent = Blank(strategy, time);
        intent.Kind = IntentKind.StrategyRegistered;
        return intent;
    }

    public StrategyId Register(string id, string account = "default", string[]? instruments = null, params (AssetClass Class, double Target, double Min, double Max)[] allocation)
        => Register(Document(id, account, instruments, allocation));

    /// <summary>An intent of <paramref name="strategy"/> with every field at its neutral value (account filled in).</summary>
    public IntentEvent Blank(StrategyId strategy, long time = 0)
    {
        var intent = default(IntentEvent);
        intent.Strategy = strategy;
        intent.Account = accountOf.TryGetValue(strategy.Value, out var a) ? a : AccountId.None;
        intent.Instrument = InstrumentId.None;
        intent.Timestamp = time;
        intent.Rule = -1;
        intent.Hedge = null;
        intent.Urgency = IntentUrgency.Normal;
        return intent;
    }

    public IntentEvent Target(StrategyId strategy, string symbol, double weight, double price, IntentReason reason = IntentReason.EntryLong, IntentUrgency urgency = IntentUrgency.Normal, long time = 0)
    {
        var intent = Instrument(strategy, symbol, price, reason, urgency, time);
        intent.Kind = IntentKind.TargetPosition;
        intent.Weight = weight;
        return intent;
    }

    public IntentEvent TargetWeight(StrategyId strategy, string symbol, double weight, double price, long time = 0)
    {
        var intent = Instrument(strategy, symbol, price, IntentReason.Rebalance, IntentUrgency.Low, time);
        intent.Kind = IntentKind.TargetWeight;
        intent.Weight = weight;
        return intent;
    }

    public IntentEvent Trade(StrategyId strategy, string symbol, OrderSide side, double quantity, double price, IntentReason reason = IntentReason.ArbitrageLeg, IntentUrgency urgency = IntentUrgency.Immediate, long time = 0)
    {
        var intent = Instrument(strategy, symbol, price, reason, urgency, time);
        intent.Kind = IntentKind.Trade;
        intent.Side = side;
        intent.Quantity = Quantity.FromDouble(quantity);
        return intent;
    }

    public IntentEvent Buy(StrategyId strategy, string symbol, double quantity, double price = 100, IntentReason reason = IntentReason.EntryLong, long time = 0)
        => Trade(strategy, symbol, OrderSide.Buy, quantity, price, reason, IntentUrgency.Normal, time);

    public IntentEvent Sell(StrategyId strategy, string symbol, double quantity, double price = 100, IntentReason reason = IntentReason.EntryShort, long time = 0)
        => Trade(strategy, symbol, OrderSide.Sell, quantity, price, reason, IntentUrgency.Normal, time);

    public IntentEvent Close(StrategyId strategy, string symbol, long time = 0)
    {
        var intent = Instrument(strategy, symbol, 0, IntentReason.Exit, IntentUrgency.Normal, time);
        intent.Kind = IntentKind.Close;
        return intent;
    }

    public IntentEvent CloseAll(StrategyId strategy, long time = 0)
    {
        var intent = Blank(strategy, time);
        intent.Kind = IntentKind.CloseAll;
        intent.Reason = IntentReason.StrategyStopped;
        return intent;
    }

    public IntentEvent ClassWeight(StrategyId strategy, AssetClass assetClass, double weight, bool change, long time = 0)
    {
        var intent = Blank(strategy, time);
        intent.Kind = change ? IntentKind.AssetClassWeightChange : IntentKind.AssetClassWeight;
        intent.AssetClass = assetClass;
        intent.Weight = weight;
        intent.Reason = IntentReason.ExecutionRule;
        intent.Rule = 0;
        return intent;
    }

    /// <summary>
    /// Feeds <paramref name="intents"/> as one batch, as the intents of one input event (one source sequence, so they
    /// form one conflict group).
    /// </summary>
    public void Batch(params IntentEvent[] intents)
    {
        var source = ++sourceSequence;
        for (var i = 0; i < intents.Length; i++)
        {
            var intent = intents[i];
            intent.SourceSequence = source;
            Stage.OnEvent(ref intent, sequence, endOfBatch: i == intents.Length - 1);
            sequence++;
        }
    }

    private long sourceSequence;

    /// <summary>New orders published since the last call, in ring order.</summary>
    public List<OrderEvent> Orders() => Events().Where(e => e.Kind == OrderEventKind.NewOrder).ToList();

    /// <summary>Everything published on the order ring since the last call, in ring order.</summary>
    public List<OrderEvent> Events()
    {
        var result = new List<OrderEvent>();
        for (var s = ordersRead + 1; s <= OrderRing.Cursor; s++)
        {
            result.Add(OrderRing[s]);
        }

        ordersRead = OrderRing.Cursor;
        return result;
    }

    public Quantity Ordered(StrategyId strategy, string symbol) => Stage.OrderedPosition(strategy, Id(symbol));

    private IntentEvent Instrument(StrategyId strategy, string symbol, double price, IntentReason reason, IntentUrgency urgency, long time)
    {
        var intent = Blank(strategy, time);
        var instrument = Catalog[Id(symbol)];
        intent.Instrument = instrument.Id;
        intent.AssetClass = instrument.AssetClass;
        intent.ReferencePrice = Price.FromDouble(price);
        intent.Reason = reason;
        intent.Urgency = urgency;
        return intent;
    }
}
