using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline.Commands;
using MultiAsset.Engine.Portfolio.Optimization.Rebalancing;
using MultiAsset.Engine.Tests.Support;
using RebalanceAction = MultiAsset.Engine.Portfolio.Optimization.Rebalancing.RebalanceAction;

namespace MultiAsset.Engine.Tests.Signals.Stage;

public sealed class TargetWeightsTests
{
    private static SignalStageHarness Deployed()
    {
        var h = new SignalStageHarness();
        h.CreateAndDeploy(File.ReadAllText(RepoFiles.PathOf("config/strategies/safe-haven-flows.json")));
        h.NewIntents();
        return h;
    }

    [Fact]
    public void Target_weights_become_target_weight_intents_of_the_strategys_account()
    {
        var h = Deployed();
        var request = new TargetWeightsRequest
        {
            Strategy = "safe-haven-flows",
            Account = "safe-haven",
            AllowShort = true,
            Weights = new Dictionary<string, double> { ["TLT"] = 0.4, ["GLD"] = 0.25, ["SPY"] = -0.1 },
        };

        var reply = h.Send(CommandKind.SetTargetWeights, request.ToJson());

        Assert.Equal(CommandStatus.Ok, reply.Status);
        Assert.Equal(3, reply.Result);
        var intents = h.NewIntents();
        Assert.Equal(["GLD", "SPY", "TLT"], intents.Select(i => h.Catalog[i.Instrument].Symbol));
        Assert.Equal([0.25, -0.1, 0.4], intents.Select(i => i.Weight));
        Assert.All(intents, i =>
        {
            Assert.Equal(IntentKind.TargetWeight, i.Kind);
            Assert.Equal(IntentReason.Rebalance, i.Reason);
            Assert.Equal(3, i.Account.Value);
            Assert.Equal(0, i.Strategy.Value);
        });
    }

    [Theory]
    [InlineData("""{ "strategy": "safe-haven-flows", "weights": { "NOPE": 0.1 } }""", CommandStatus.BadRequest, "weights.NOPE")]
    [InlineData("""{ "strategy": "safe-haven-flows", "weights": { "VIX": 0.1 } }""", CommandStatus.BadRequest, "weights.VIX")]
    [InlineData("""{ "strategy": "safe-haven-flows", "account": "fx-carry", "weights": { "GLD": 0.1 } }""", CommandStatus.BadRequest, "account")]
    [InlineData("""{ "strategy": "nobody", "weights": { "GLD": 0.1 } }""", CommandStatus.NotFound, "nobody")]
    [InlineData("""{ "strategy": "safe-haven-flows", "weights": { "GLD": "lots" } }""", CommandStatus.BadRequest, "rebalance request")]
    [InlineData("""{ "strategy": "safe-haven-flows", "weights": { "GLD": 0.1 }, "extra": 1 }""", CommandStatus.BadRequest, "extra")]
    [InlineData("""{ "strategy": "safe-haven-flows", "weights": { "GLD": -5 } }""", CommandStatus.BadRequest, "weights.GLD: -5 is not a weight")]
    [InlineData("""{ "strategy": "safe-haven-flows", "weights": { "GLD": -0.1 } }""", CommandStatus.BadRequest, "allowShort")]
    [InlineData("""{ "strategy": "safe-haven-flows", "allowShort": true, "weights": { "GLD": -1.5 } }""", CommandStatus.BadRequest, "weights.GLD")]
    [InlineData("""{ "strategy": "safe-haven-flows", "weights": { "GLD": 1.01 } }""", CommandStatus.BadRequest, "weights.GLD")]
    [InlineData("""{ "strategy": "safe-haven-flows", "weights": { "GLD": 0.1, "GLD": 0.2 } }""", CommandStatus.BadRequest, "weights.GLD: the key is written twice")]
    [InlineData("""{ "strategy": "safe-haven-flows", "weights": { "GLD": 1e400 } }""", CommandStatus.BadRequest, "weights.GLD: the number 1e400")]
    [InlineData("""{ "strategy": "safe-haven-flows", "action": 7, "weights": { "GLD": 0.1 } }""", CommandStatus.BadRequest, "rebalance request")]
    [InlineData("""{ "strategy": "../../etc/passwd", "weights": { "GLD": 0.1 } }""", CommandStatus.BadRequest, "strategy: '../../etc/passwd' is not a strategy id")]
    [InlineData("""{ "strategy": "safe-haven-flows", "weights": {} }""", CommandStatus.BadRequest, "weights: between 1")]
    public void A_bad_request_is_refused_with_the_field_at_fault_and_emits_nothing(string json, CommandStatus status, string field)
    {
        var h = Deployed();
        var reply = h.Send(CommandKind.SetTargetWeights, json);
        Assert.Equal(status, reply.Status);
        Assert.Contains(field, reply.Message, StringComparison.Ordinal);
        Assert.Empty(h.NewIntents());
    }

    [Fact]
    public async Task The_pipeline_sink_sends_a_fired_decision_and_ignores_one_that_did_not_fire()
    {
        var h = Deployed();
        var ring = new Engine.Ring.ValueRingBuffer<InputEvent>(1024);
        var client = new CommandClient(ring, h.Replies, new Engine.Pipeline.SimulatedClock(0));
        var sink = new PipelineRebalanceSink(client, TimeSpan.FromSeconds(5));

        Assert.False(await sink.SubmitAsync("safe-haven", "safe-haven-flows", ["GLD"], new RebalanceDecision(false, RebalanceAction.Rebalance, "no drift", [0.3])));
        Assert.Equal(-1, ring.Cursor);

        var pending = sink.SubmitAsync("safe-haven", "safe-haven-flows", ["GLD", "TLT"], new RebalanceDecision(true, RebalanceAction.Rebalance, "drift 7 %", [0.3, 0.2]));
        for (var s = 0L; s <= ring.Cursor; s++)
        {
            var evt = ring[s];
            h.Feed(ref evt);
        }

        Assert.True(await pending);
        Assert.Equal(2, h.NewIntents().Count(i => i.Kind == IntentKind.TargetWeight));
    }
}
