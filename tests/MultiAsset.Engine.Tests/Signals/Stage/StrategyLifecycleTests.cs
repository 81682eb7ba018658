using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline.Commands;
using MultiAsset.Engine.Signals.Stage;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Signals.Stage;

public sealed class StrategyLifecycleTests
{
    private static string Shipped(string name) => File.ReadAllText(RepoFiles.PathOf($"config/strategies/{name}.json"));

    [Fact]
    public void The_seed_example_is_created_deployed_stopped_and_deleted_through_commands()
    {
        var h = new SignalStageHarness();

        var created = h.Send(CommandKind.CreateStrategy, Shipped("crypto-tech-momentum"));
        Assert.Equal(CommandStatus.Created, created.Status);
        var view = Assert.IsType<StrategyView>(created.Result);
        Assert.Equal("crypto-tech-momentum", view.Id);
        Assert.Equal(StrategyLifecycle.Created, view.Status);
        Assert.Equal("default", view.Account);
        Assert.Equal(1, view.Rules);
        Assert.Equal(0, view.Algorithms);

        var deployed = h.Send(CommandKind.DeployStrategy, "crypto-tech-momentum");
        Assert.Equal(StrategyLifecycle.Deployed, Assert.IsType<StrategyView>(deployed.Result).Status);

        Assert.Equal(CommandStatus.Conflict, h.Send(CommandKind.DeleteStrategy, "crypto-tech-momentum").Status);
        Assert.Equal(StrategyLifecycle.Stopped, Assert.IsType<StrategyView>(h.Send(CommandKind.StopStrategy, "crypto-tech-momentum").Result).Status);
        Assert.Equal(CommandStatus.Conflict, h.Send(CommandKind.StopStrategy, "crypto-tech-momentum").Status);
        Assert.Equal(CommandStatus.Ok, h.Send(CommandKind.DeleteStrategy, "crypto-tech-momentum").Status);
        Assert.Equal(CommandStatus.NotFound, h.Send(CommandKind.QueryStrategies, "crypto-tech-momentum").Status);
        Assert.Equal(0, h.Signals.StrategyCount);
    }

    [Fact]
    public void A_second_strategy_with_the_same_id_is_a_conflict()
    {
        var h = new SignalStageHarness();
        Assert.Equal(CommandStatus.Created, h.Send(CommandKind.CreateStrategy, Shipped("fx-carry-equity-hedge")).Status);
        var again = h.Send(CommandKind.CreateStrategy, Shipped("fx-carry-equity-hedge"));
        Assert.Equal(CommandStatus.Conflict, again.Status);
        Assert.Contains("fx-carry-with-equity-hedge", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_document_is_refused_with_the_json_path_of_the_error()
    {
        var h = new SignalStageHarness();
        var json = Shipped("crypto-tech-momentum").Replace("\"targetWeight\": 30", "\"targetWeight\": 50", StringComparison.Ordinal);
        var reply = h.Send(CommandKind.CreateStrategy, json);
        Assert.Equal(CommandStatus.BadRequest, reply.Status);
        Assert.Contains("allocation", reply.Message, StringComparison.Ordinal);
        Assert.Equal(0, h.Signals.StrategyCount);
    }

    [Fact]
    public void A_malformed_rule_is_refused_with_line_and_column()
    {
        var h = new SignalStageHarness();
        var json = Shipped("crypto-tech-momentum").Replace("BTC momentum > 0.05", "BTC momentum >> 0.05", StringComparison.Ordinal);
        var reply = h.Send(CommandKind.CreateStrategy, json);
        Assert.Equal(CommandStatus.BadRequest, reply.Status);
        Assert.Contains("executionRules[0].trigger: 1:", reply.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_account_is_refused_and_names_the_known_ones()
    {
        var h = new SignalStageHarness();
        var json = Shipped("safe-haven-flows").Replace("\"account\": \"safe-haven\"", "\"account\": \"nobody\"", StringComparison.Ordinal);
        var reply = h.Send(CommandKind.CreateStrategy, json);
        Assert.Equal(CommandStatus.BadRequest, reply.Status);
        Assert.Contains("unknown account 'nobody'", reply.Message, StringComparison.Ordinal);
        Assert.Contains("fx-carry", reply.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_algorithm_parameter_is_refused_with_its_path()
    {
        var h = new SignalStageHarness();
        var json = Shipped("currency-momentum").Replace("\"20 daily bars\"", "\"twenty bars\"", StringComparison.Ordinal);
        var reply = h.Send(CommandKind.CreateStrategy, json);
        Assert.Equal(CommandStatus.BadRequest, reply.Status);
        Assert.Contains("parameters.lookback", reply.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_shipped_strategy_is_created_with_its_rules_and_algorithms()
    {
        var h = new SignalStageHarness();
        foreach (var file in Directory.GetFiles(RepoFiles.PathOf("config/strategies"), "*.json"))
        {
            var reply = h.Send(CommandKind.CreateStrategy, File.ReadAllText(file));
            Assert.True(reply.Succeeded, $"{file}: {reply.Message}");
        }

        var views = Assert.IsAssignableFrom<IReadOnlyList<StrategyView>>(h.Send(CommandKind.QueryStrategies, string.Empty).Result);
        Assert.Equal(7, views.Count);
        Assert.Equal(2, views.Single(v => v.Id == "cross-asset-arbitrage").Algorithms); // EUR/USD/JPY and ETH/BTC/USD triangles
        Assert.Equal(1, views.Single(v => v.Id == "currency-momentum").Algorithms);
        Assert.Equal(2, views.Single(v => v.Id == "crypto-stock-correlation").Algorithms);
        Assert.All(views, v => Assert.True(v.Rules > 0));
    }

    [Fact]
    public void Stopping_with_flatten_emits_one_close_all_intent_for_the_strategy()
    {
        var h = new SignalStageHarness();
        h.CreateAndDeploy(Shipped("safe-haven-flows"));
        h.NewIntents();
        var reply = h.Send(CommandKind.StopStrategy, "safe-haven-flows\nflatten");
        Assert.True(reply.Succeeded);
        var intent = Assert.Single(h.NewIntents());
        Assert.Equal(IntentKind.CloseAll, intent.Kind);
        Assert.Equal(IntentReason.StrategyStopped, intent.Reason);
        Assert.Equal(0, intent.Strategy.Value);
        Assert.Equal(3, intent.Account.Value); // safe-haven
    }
}
