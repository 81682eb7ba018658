using MultiAsset.Engine.MarketData;
using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Portfolio.Accounts;
using MultiAsset.Engine.Ring;
using MultiAsset.Engine.Risk;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Risk.Stage;

/// <summary>
/// The shipped accounts and risk limits with the market-data, accounts and risk stages driven by hand, in the order a
/// fused thread would run them: input events through market data then accounts; orders through risk.
/// </summary>
internal sealed class PostTradeStagesHarness
{
    public static readonly long Monday = new DateTimeOffset(2026, 3, 9, 15, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;

    private readonly ValueRingBuffer<IntentEvent> intents = new(1 << 12);
    private long inputSequence;
    private long orderSequence;
    private long intentsRead = -1;
    private long nextOrderId = 1;

    public PostTradeStagesHarness()
    {
        var catalog = RepoFiles.ShippedCatalog;
        MarketData = MarketDataStage.Create(catalog, new AnalyticsOptions());
        var accountsConfig = AccountsConfigReader.Load(RepoFiles.PathOf("config/accounts.json"), CurrencyTable.FromCatalog(catalog));
        Book = new AccountBook(catalog, accountsConfig);
        var names = accountsConfig.Accounts.Select(a => a.Key).ToList();
        var risk = RiskConfigReader.Load(RepoFiles.PathOf("config/risk.json"), catalog, names);
        Accounts = new AccountsStage(Book, new StopLossMonitor(risk, catalog), intents, TimeSpan.FromSeconds(1));
        Risk = new RiskStage(new PreTradeRiskGate(risk, catalog), Accounts, MarketData.Analytics);
        Catalog = catalog;
    }

    public MultiAsset.Engine.Model.Instruments.InstrumentCatalog Catalog { get; }

    public MarketDataStage MarketData { get; }

    public AccountBook Book { get; }

    public AccountsStage Accounts { get; }

    public RiskStage Risk { get; }

    public AccountId Account(string key) => Book.Config.IdOf(key);

    public InstrumentId Id(string symbol) => Catalog.TryGet(symbol, out var i) ? i.Id : throw new ArgumentException(symbol);

    public void Input(ref InputEvent evt)
    {
        MarketData.OnEvent(ref evt, inputSequence, true);
        Accounts.OnEvent(ref evt, inputSequence, true);
        inputSequence++;
    }

    public void Quote(string symbol, long time, double bid, double ask)
    {
        var evt = default(InputEvent);
        evt.SetQuote(Id(symbol), time, Price.FromDouble(bid), Price.FromDouble(ask), Quantity.FromDouble(100), Quantity.FromDouble(100));
        Input(ref evt);
    }

    public InputEvent Fill(string account, string symbol, long time, OrderSide side, double quantity, double price, double fee, long orderId)
    {
        var evt = default(InputEvent);
        evt.SetExecution(Id(symbol), time);
        evt.Execution.OrderId = ChildOrderId.Of(orderId, 0);
        evt.Execution.Type = ExecutionType.Fill;
        evt.Execution.Side = side;
        evt.Execution.Quantity = Quantity.FromDouble(quantity);
        evt.Execution.Price = Price.FromDouble(price);
        evt.Execution.Fee = Money.FromDouble(fee);
        evt.Execution.Account = Account(account);
        Input(ref evt);
        return evt;
    }

    /// <summary>Sends a market order through the risk stage and returns it with its verdict.</summary>
    public OrderEvent Order(string account, string symbol, long time, OrderSide side, double quantity, double referencePrice)
    {
        var order = new OrderEvent
        {
            Kind = OrderEventKind.NewOrder,
            Type = OrderType.Market,
            Side = side,
            Account = Account(account),
            Strategy = new StrategyId(0),
            Instrument = Id(symbol),
            Timestamp = time,
            Quantity = Quantity.FromDouble(quantity),
            LimitPrice = Price.FromDouble(referencePrice),
            OrderId = nextOrderId++,
        };
        Risk.OnEvent(ref order, orderSequence++, true);
        return order;
    }

    public void OrderEvent(OrderEvent evt) => Risk.OnEvent(ref evt, orderSequence++, true);

    public List<IntentEvent> NewIntents()
    {
        var result = new List<IntentEvent>();
        for (var s = intentsRead + 1; s <= intents.Cursor; s++)
        {
            result.Add(intents[s]);
        }

        intentsRead = intents.Cursor;
        return result;
    }
}
