using MultiAsset.Engine.MarketData;
using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline.Commands;
using MultiAsset.Engine.Ring;
using MultiAsset.Engine.Signals.Stage;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Signals.Stage;

/// <summary>
/// Drives the market-data and signal stages by hand on the test thread, in ring order, the way a fused pipeline
/// thread would: every event goes through market data, then signals. Commands are cut into slots by the real
/// <see cref="CommandPublisher"/>; intents are read back from the real intent ring.
/// </summary>
internal sealed class SignalStageHarness
{
    public static readonly string[] AccountNames = ["default", "crypto-tech", "fx-carry", "safe-haven", "cross-asset-arb", "currency-momentum", "crypto-stock-correlation", "volatility-arb"];

    private readonly ValueRingBuffer<InputEvent> commandRing = new(4096);
    private readonly ValueRingBuffer<IntentEvent> intentRing = new(1 << 16);
    private long sequence;
    private long intentsRead = -1;

    public SignalStageHarness(SignalStageOptions? options = null, AnalyticsOptions? analytics = null)
    {
        Catalog = RepoFiles.ShippedCatalog;
        MarketData = MarketDataStage.Create(Catalog, analytics ?? new AnalyticsOptions());
        Accounts = new AccountDirectory(AccountNames);
        Signals = new SignalStage(Catalog, MarketData.Analytics, Accounts, intentRing, Registry, Replies, options);
    }

    public MultiAsset.Engine.Model.Instruments.InstrumentCatalog Catalog { get; }

    public MarketDataStage MarketData { get; }

    public AccountDirectory Accounts { get; }

    public CommandReplyHub Replies { get; } = new();

    public MultiAsset.Engine.Signals.Strategies.StrategyRegistry Registry { get; } = new();

    public SignalStage Signals { get; }

    public long Sequence => sequence;

    public InstrumentId Id(string symbol) => Catalog.TryGet(symbol, out var i) ? i.Id : throw new ArgumentException(symbol);

    public void Feed(ref InputEvent evt)
    {
        MarketData.OnEvent(ref evt, sequence, endOfBatch: true);
        Signals.OnEvent(ref evt, sequence, endOfBatch: true);
        sequence++;
    }

    public void Trade(string symbol, long time, double price)
    {
        var evt = default(InputEvent);
        evt.SetTrade(Id(symbol), time, Price.FromDouble(price), Quantity.FromDouble(1));
        Feed(ref evt);
    }

    public void Quote(string symbol, long time, double bid, double ask)
    {
        var evt = default(InputEvent);
        evt.SetQuote(Id(symbol), time, Price.FromDouble(bid), Price.FromDouble(ask), Quantity.FromDouble(1), Quantity.FromDouble(1));
        Feed(ref evt);
    }

    public void Reference(string symbol, long time, double value)
    {
        var evt = default(InputEvent);
        evt.SetReference(Id(symbol), time, Price.FromDouble(value));
        Feed(ref evt);
    }

    /// <summary>Sends a command through the ring encoding and returns the stage's reply.</summary>
    public CommandReply Send(CommandKind kind, string body, long time = 0)
    {
        var (id, reply) = Replies.Register();
        var low = CommandPublisher.Publish(commandRing, kind, System.Text.Encoding.UTF8.GetBytes(body), id, time);
        for (var s = low; s <= commandRing.Cursor; s++)
        {
            var evt = commandRing[s];
            Feed(ref evt);
        }

        Assert.True(reply.IsCompleted, $"the stage did not answer {kind}");
        return reply.Result;
    }

    public CommandReply CreateAndDeploy(string json)
    {
        var created = Send(CommandKind.CreateStrategy, json);
        Assert.True(created.Succeeded, created.Message);
        var view = (StrategyView)created.Result!;
        var deployed = Send(CommandKind.DeployStrategy, view.Id);
        Assert.True(deployed.Succeeded, deployed.Message);
        return deployed;
    }

    /// <summary>The shipped universes (config/universes.json) and every account in USD: the host's setup.</summary>
    public static SignalStageOptions ShippedOptions(SignalStageOptions? options = null) => (options ?? new SignalStageOptions()) with
    {
        Universes = MultiAsset.Engine.Signals.Strategies.UniversesConfigReader.Parse(
            File.ReadAllText(RepoFiles.PathOf("config/universes.json")), "config/universes.json", RepoFiles.ShippedCatalog),
        AccountBaseCurrencies = [.. AccountNames.Select(_ => "USD")],
    };

    /// <summary>Trading intents published since the last call (registrations, heartbeats and forwarded reports left out).</summary>
    public List<IntentEvent> NewIntents() => NewEvents().Where(i => i.IsTradingIntent).ToList();

    /// <summary>Every intent-ring event published since the last call.</summary>
    public List<IntentEvent> NewEvents()
    {
        var result = new List<IntentEvent>();
        for (var s = intentsRead + 1; s <= intentRing.Cursor; s++)
        {
            result.Add(intentRing[s]);
        }

        intentsRead = intentRing.Cursor;
        return result;
    }
}
