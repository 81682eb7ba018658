using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Pipeline.Commands;
using MultiAsset.Engine.Signals.Stage;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Signals.Stage;

/// <summary>
/// SmaCross documents through the signal stage: parameter errors refused at create, and crosses turned into an
/// absolute-quantity Trade intent (buy) and a Close intent (sell the whole position), nothing else.
/// </summary>
public sealed class SmaCrossStageTests
{
    private const long Minute = 60_000_000_000;
    private static readonly long Start = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;

    private static string Document(string parameters, string instruments = "\"BTCUSD\"") => $$"""
        { "id": "sma", "name": "SMA", "type": "SmaCross", "account": "default", "assetClasses": ["CRYPTO"],
          "instruments": [{{instruments}}],
          "allocation": [ { "assetClass": "CRYPTO", "targetWeight": 100, "minWeight": 0, "maxWeight": 100 } ],
          "parameters": { {{parameters}} } }
        """;

    [Fact]
    public void The_example_document_is_created_with_one_algorithm()
    {
        var h = new SignalStageHarness(SignalStageHarness.ShippedOptions());
        var reply = h.Send(CommandKind.CreateStrategy, File.ReadAllText(RepoFiles.PathOf("docs/examples/smacross-btc.json")));
        Assert.True(reply.Succeeded, reply.Message);
        Assert.Equal(1, ((StrategyView)reply.Result!).Algorithms);
    }

    [Theory]
    [InlineData("\"fast\": 3, \"slow\": 3, \"quantity\": 1", "parameters.fast: fast (3) must be less than slow (3)")]
    [InlineData("\"fast\": 5, \"slow\": 3, \"quantity\": 1", "parameters.fast: fast (5) must be less than slow (3)")]
    [InlineData("\"fast\": 0, \"slow\": 3, \"quantity\": 1", "parameters.fast: expected a whole number of at least 1 but found 0")]
    [InlineData("\"fast\": 1.5, \"slow\": 3, \"quantity\": 1", "parameters.fast: expected a whole number of at least 1 but found 1.5")]
    [InlineData("\"fast\": 2, \"slow\": 3, \"quantity\": 0", "parameters.quantity: expected a quantity greater than 0")]
    [InlineData("\"fast\": 2, \"slow\": 3, \"quantity\": -1", "parameters.quantity: expected a quantity greater than 0")]
    [InlineData("\"fast\": 2, \"slow\": 3, \"quantity\": \"1\"", "parameters.quantity: expected a quantity greater than 0")]
    [InlineData("\"fast\": 2, \"slow\": 3, \"quantity\": 0.000015", "parameters.quantity: 0.000015 is not a whole number of BTCUSD lots (lot size 0.00001)")]
    [InlineData("\"slow\": 3, \"quantity\": 1", "parameters.fast: is required")]
    [InlineData("\"fast\": 2, \"quantity\": 1", "parameters.slow: is required")]
    [InlineData("\"fast\": 2, \"slow\": 3", "parameters.quantity: is required")]
    [InlineData("\"fast\": 2, \"slow\": 3, \"quantity\": 1, \"timeframe\": \"7m\"", "parameters.timeframe")]
    public void A_bad_parameter_is_refused_at_create_with_its_path(string parameters, string message)
    {
        var h = new SignalStageHarness(SignalStageHarness.ShippedOptions());
        var reply = h.Send(CommandKind.CreateStrategy, Document(parameters));
        Assert.Equal(CommandStatus.BadRequest, reply.Status);
        Assert.Contains(message, reply.Message, StringComparison.Ordinal);
        Assert.Equal(0, h.Signals.StrategyCount);
    }

    [Fact]
    public void A_quantity_that_is_a_whole_lot_of_one_instrument_but_not_of_another_is_refused()
    {
        // AAPL trades in whole shares: 0.5 is half a lot there, though 50 000 BTCUSD lots.
        var h = new SignalStageHarness(SignalStageHarness.ShippedOptions());
        var json = Document("\"fast\": 2, \"slow\": 3, \"quantity\": 0.5", "\"BTCUSD\", \"AAPL\"").Replace("[\"CRYPTO\"]", "[\"CRYPTO\", \"STOCK\"]", StringComparison.Ordinal)
            .Replace("\"targetWeight\": 100, \"minWeight\": 0, \"maxWeight\": 100 }", "\"targetWeight\": 50, \"minWeight\": 0, \"maxWeight\": 100 }, { \"assetClass\": \"STOCK\", \"targetWeight\": 50, \"minWeight\": 0, \"maxWeight\": 100 }", StringComparison.Ordinal);
        var reply = h.Send(CommandKind.CreateStrategy, json);
        Assert.Equal(CommandStatus.BadRequest, reply.Status);
        Assert.Contains("parameters.quantity: 0.5 is not a whole number of AAPL lots", reply.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Crosses_become_a_trade_of_the_quantity_and_a_close_and_nothing_else()
    {
        var h = new SignalStageHarness(SignalStageHarness.ShippedOptions());
        h.CreateAndDeploy(Document("\"fast\": 1, \"slow\": 2, \"quantity\": 0.25, \"timeframe\": \"1m\""));
        var btc = h.Id("BTCUSD");

        // fast 1, slow 2: bar 2 (100, 101) seed +; bar 3 (101, 99): down-cross while flat; bar 4 (99, 102): up-cross,
        // BUY 0.25; bar 5 (102, 100): down-cross, SELL the position.
        decimal[] closes = [100, 101, 99, 102, 100];
        var intents = new List<(int Bar, IntentEvent Intent)>();
        for (var k = 0; k < closes.Length; k++)
        {
            var evt = default(InputEvent);
            var c = Price.FromDecimal(closes[k]);
            evt.SetBar(btc, Start + ((k + 1) * Minute), c, c, c, c, Quantity.FromDecimal(1m), 60);
            h.Feed(ref evt);
            intents.AddRange(h.NewIntents().Select(i => (k + 1, i)));
        }

        Assert.Collection(
            intents,
            e =>
            {
                Assert.Equal(4, e.Bar);
                Assert.Equal(IntentKind.Trade, e.Intent.Kind);
                Assert.Equal(OrderSide.Buy, e.Intent.Side);
                Assert.Equal(Quantity.FromDecimal(0.25m), e.Intent.Quantity);
                Assert.Equal(IntentReason.EntryLong, e.Intent.Reason);
                Assert.Equal(IntentUrgency.Immediate, e.Intent.Urgency);
                Assert.Equal(btc, e.Intent.Instrument);
                // Decided at the bar's last instant (its close), one nanosecond before its end stamp.
                Assert.Equal(Start + (4 * Minute) - 1, e.Intent.Timestamp);
            },
            e =>
            {
                Assert.Equal(5, e.Bar);
                Assert.Equal(IntentKind.Close, e.Intent.Kind);
                Assert.Equal(IntentReason.Exit, e.Intent.Reason);
                Assert.Equal(IntentUrgency.Immediate, e.Intent.Urgency);
                Assert.Equal(btc, e.Intent.Instrument);
            });
    }

    [Fact]
    public void The_strategys_own_reports_reach_it_and_are_still_forwarded()
    {
        var h = new SignalStageHarness(SignalStageHarness.ShippedOptions());
        h.CreateAndDeploy(Document("\"fast\": 1, \"slow\": 2, \"quantity\": 0.25, \"timeframe\": \"1m\""));
        var btc = h.Id("BTCUSD");
        var before = StateDigest.Of(h.Signals);
        h.NewEvents();

        var evt = default(InputEvent);
        evt.SetExecution(btc, Start + Minute);
        evt.Execution.Type = ExecutionType.Fill;
        evt.Execution.Side = OrderSide.Buy;
        evt.Execution.Quantity = Quantity.FromDecimal(0.25m);
        evt.Execution.Price = Price.FromDecimal(100m);
        evt.Execution.Strategy = new MultiAsset.Engine.Model.StrategyId(0);
        h.Feed(ref evt);

        Assert.Contains(h.NewEvents(), i => i.Kind == IntentKind.Execution);
        Assert.NotEqual(before, StateDigest.Of(h.Signals)); // the fill is in the strategy's state (and its digest)
    }

    [Fact]
    public void Bars_crosses_and_reports_allocate_nothing_once_warm()
    {
        var h = new SignalStageHarness(SignalStageHarness.ShippedOptions());
        h.CreateAndDeploy(Document("\"fast\": 2, \"slow\": 5, \"quantity\": 0.25, \"timeframe\": \"1m\""));
        var btc = h.Id("BTCUSD");
        var bar = 0;

        void Run(int bars)
        {
            for (var k = 0; k < bars; k++, bar++)
            {
                // A zig-zag with a period of 8 bars: a cross every few bars, so buys and closes are signalled.
                var c = Price.FromRaw(Price.FromDecimal(100m).Raw + ((bar % 8) < 4 ? (bar % 8) : 8 - (bar % 8)) * 50_000_000L);
                var evt = default(InputEvent);
                evt.SetBar(btc, Start + ((bar + 1) * Minute), c, c, c, c, Quantity.FromDecimal(1m), 60);
                h.Feed(ref evt);
                var fill = default(InputEvent);
                fill.SetExecution(btc, Start + ((bar + 1) * Minute) + 1);
                fill.Execution.Type = ExecutionType.Fill;
                fill.Execution.Side = (bar & 1) == 0 ? OrderSide.Buy : OrderSide.Sell;
                fill.Execution.Quantity = Quantity.FromDecimal(0.25m);
                fill.Execution.Strategy = new MultiAsset.Engine.Model.StrategyId(0);
                h.Feed(ref fill);
            }
        }

        Run(100);
        var signals = h.Signals.Views()[0].Signals;
        Assert.True(signals > 5, $"signals while warming up: {signals}");
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(400);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(h.Signals.Views()[0].Signals > signals + 20);
    }
}
