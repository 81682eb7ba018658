using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Pipeline.Commands;
using MultiAsset.Engine.Portfolio.Accounts;
using MultiAsset.Engine.Ring;
using MultiAsset.Engine.Routing.Tca;

namespace MultiAsset.Host.Tests;

/// <summary>
/// The whole engine in-process on a synthetic market: operator orders go through coordination, the risk gate and the
/// router to the simulated venues, fills come back through every stage into the account book, and the queries the
/// control plane uses read the result. Asserts exact reconciliation: the book's position is the sum of the fills.
/// </summary>
public sealed class EndToEndTradingTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly string directory = Directory.CreateTempSubdirectory("mae-e2e-").FullName;
    private readonly EngineRuntime engine;
    private readonly CancellationTokenSource stop = new();
    private readonly Thread feed;

    public EndToEndTradingTests()
    {
        string Shipped(string name) => Path.Combine(AppContext.BaseDirectory, "config", name);
        var path = Path.Combine(directory, "engine.json");
        File.WriteAllText(path, $$"""
            { "pipeline": { "rings": [ { "name": "input", "size": 16384, "producer": "Multi" } ], "threads": [ { "name": "e", "stages": ["engine"] } ] },
              "marketData": { "instruments": "{{Shipped("instruments.json")}}",
                              "feeds": [ { "type": "synthetic", "seed": 5, "eventsPerSecond": 200000,
                                           "time": { "mode": "simulated", "start": "2026-03-02T15:00:00Z", "step": "50ms" } } ] },
              "accounts": "{{Shipped("accounts.json")}}", "risk": "{{Shipped("risk.json")}}",
              "coordination": "{{Shipped("coordination.json")}}", "venues": "{{Shipped("venues.json")}}" }
            """);
        var config = HostConfig.Load(path);
        engine = EngineRuntime.Build(config, SystemClock.Instance, new LoggingExceptionHandler());
        engine.Pipeline.Start();
        feed = new Thread(() => engine.Feeds[0].Run(stop.Token)) { IsBackground = true };
        feed.Start();
        Assert.True(SpinWait.SpinUntil(() => engine.MarketData.Counters.Accepted > 20_000, Wait), "the market never got going");
    }

    [Fact]
    public async Task An_operator_order_is_filled_at_the_venues_and_the_book_holds_exactly_the_fills()
    {
        var reply = await Send(CommandKind.SubmitOrders, """{ "orders": [ { "account": "default", "symbol": "BTCUSD", "side": "Buy", "quantity": 0.5, "algorithm": "Direct" } ] }""");
        Assert.Equal(CommandStatus.Ok, reply.Status);

        var snapshot = await PollAccount("default", s => Position(s, "BTCUSD") == 0.5m);
        var btc = snapshot.Positions.Single(p => p.Symbol == "BTCUSD");
        Assert.Equal(0.5m, btc.Quantity.ToDecimal());
        Assert.True(btc.AverageCost.ToDecimal() > 1000m, $"average cost {btc.AverageCost}");
        Assert.True(btc.Fees.ToDecimal() > 0, "venues charge fees");

        var quality = Assert.IsType<ExecutionQualityResponse>((await Send(CommandKind.QueryExecutionQuality, string.Empty)).Result);
        Assert.True(quality.Overall.Orders >= 1, $"orders in TCA: {quality.Overall.Orders}");
    }

    [Fact]
    public async Task The_kill_switch_stops_the_next_order_of_that_account_and_the_risk_report_says_why()
    {
        Assert.Equal(CommandStatus.Ok, (await Send(CommandKind.SetKillSwitch, """{ "account": "default", "on": true }""")).Status);
        Assert.Equal(CommandStatus.Ok, (await Send(CommandKind.SubmitOrders, """{ "orders": [ { "account": "default", "symbol": "ETHUSD", "side": "Buy", "quantity": 1 } ] }""")).Status);

        RiskReport? report = null;
        Assert.True(SpinWait.SpinUntil(() => (report = Send(CommandKind.QueryRisk, string.Empty).Result.Result as RiskReport)?.Verdicts["KillSwitch"] >= 1, Wait));
        Assert.Contains("default", report!.HaltedAccounts);
        Assert.True(report.Accounts.Single(a => a.Account == "default").Halted);
        Assert.False(report.Accounts.Single(a => a.Account == "fx-carry").Halted);
        var account = Assert.IsType<AccountSnapshot>((await Send(CommandKind.QueryAccounts, "default")).Result);
        Assert.Equal(0m, Position(account, "ETHUSD"));
    }

    [Theory]
    [InlineData("""{ "orders": [ { "account": "nobody", "symbol": "BTCUSD", "side": "Buy", "quantity": 1 } ] }""", "orders[0].account")]
    [InlineData("""{ "orders": [ { "account": "default", "symbol": "VIX", "side": "Buy", "quantity": 1 } ] }""", "orders[0].symbol")]
    [InlineData("""{ "orders": [ { "account": "default", "symbol": "SPY", "side": "Hold", "quantity": 1 } ] }""", "orders[0].side")]
    [InlineData("""{ "orders": [ { "account": "default", "symbol": "SPY", "side": "Buy", "quantity": 0.5 } ] }""", "orders[0].quantity")]
    [InlineData("""{ "orders": [ { "account": "default", "symbol": "SPY", "side": "Buy", "quantity": 1, "algorithm": "Fast" } ] }""", "orders[0].algorithm")]
    [InlineData("""{ "orders": [ { "account": "default", "symbol": "SPY", "side": "Buy", "quantity": 1, "algorithm": "3" } ] }""", "orders[0].algorithm")]
    [InlineData("""{ "orders": [] }""", "orders")]
    [InlineData("""not json""", "$")]
    [InlineData("""{ "orders": [ { "account": "default", "symbol": "SPY", "side": "Buy", "quantity": 1, "limitPrice": 100 } ] }""", "orders[0].limitPrice")]
    public async Task A_bad_order_batch_is_refused_whole_with_the_field_at_fault(string body, string field)
    {
        var reply = await Send(CommandKind.SubmitOrders, body);
        Assert.Equal(CommandStatus.BadRequest, reply.Status);
        Assert.StartsWith("orders: " + field + ": ", reply.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        stop.Cancel();
        feed.Join();
        engine.Pipeline.Stop();
        engine.Dispose();
        stop.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    private static decimal Position(AccountSnapshot snapshot, string symbol)
        => snapshot.Positions.FirstOrDefault(p => p.Symbol == symbol)?.Quantity.ToDecimal() ?? 0m;

    private Task<CommandReply> Send(CommandKind kind, string body) => engine.Commands.SendAsync(kind, body, Wait);

    private async Task<AccountSnapshot> PollAccount(string name, Func<AccountSnapshot, bool> done)
    {
        var deadline = DateTime.UtcNow + Wait;
        AccountSnapshot snapshot;
        do
        {
            snapshot = Assert.IsType<AccountSnapshot>((await Send(CommandKind.QueryAccounts, name)).Result);
            if (done(snapshot))
            {
                return snapshot;
            }

            await Task.Delay(20);
        }
        while (DateTime.UtcNow < deadline);

        return snapshot;
    }
}
