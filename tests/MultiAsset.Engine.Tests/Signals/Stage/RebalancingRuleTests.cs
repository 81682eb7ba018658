using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline.Commands;
using MultiAsset.Engine.Signals.Stage;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Signals.Stage;

public sealed class RebalancingRuleTests
{
    private const long Second = 1_000_000_000;
    private const long Minute = 60 * Second;
    private const long Hour = 60 * Minute;
    private static readonly long Open = new DateTimeOffset(2026, 3, 9, 14, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;

    private const string Document = """
        { "id": "reb", "name": "Rebalanced", "type": "Momentum", "account": "safe-haven", "assetClasses": ["CRYPTO"],
          "instruments": ["BTCUSD"],
          "allocation": [ { "assetClass": "CRYPTO", "targetWeight": 100, "minWeight": 80, "maxWeight": 100, "rebalanceThreshold": 5 } ],
          "rebalancingRules": [
            { "type": "Time", "condition": "2h", "action": "Rebalance" },
            { "type": "Threshold", "condition": "any asset class more than rebalanceThreshold from target", "action": "Rebalance" },
            { "type": "Volatility", "condition": "VIX > 40", "action": "HedgeRisk" },
            { "type": "Momentum", "condition": "VIX < 12", "action": "TakeProfit" }
          ],
          "parameters": { "baseAllocation": false } }
        """;

    private static List<(long Offset, int Rule, RebalanceTrigger Trigger, RebalanceAction Action)> Fired(SignalStageHarness h) =>
        [.. h.NewEvents().Where(e => e.Kind == IntentKind.Rebalance).Select(e => (e.Timestamp - Open, (int)e.Rule, e.RebalanceTrigger, e.RebalanceAction))];

    [Fact]
    public void Time_and_threshold_rules_fire_on_their_schedule_from_the_first_event_after_deploy()
    {
        var h = new SignalStageHarness();
        h.CreateAndDeploy(Document);
        h.Trade("BTCUSD", Open, 60_000); // t0: the schedules start here (BTCUSD trades around the clock; the NYSE-hours VIX would not)
        h.Trade("BTCUSD", Open + Hour - 1, 60_000);
        Assert.Empty(Fired(h));

        h.Trade("BTCUSD", Open + Hour, 60_000);
        Assert.Equal([(Hour, 1, RebalanceTrigger.Threshold, RebalanceAction.Rebalance)], Fired(h));

        h.Trade("BTCUSD", Open + (2 * Hour) + Second, 60_000);
        Assert.Equal(
            [((2 * Hour) + Second, 0, RebalanceTrigger.Time, RebalanceAction.Rebalance), ((2 * Hour) + Second, 1, RebalanceTrigger.Threshold, RebalanceAction.Rebalance)],
            Fired(h));
        h.Trade("BTCUSD", Open + (2 * Hour) + (2 * Second), 60_000);
        Assert.Empty(Fired(h));

        // Nothing from 2 h to 7 h 10: the missed due times (4 h, 6 h; 3 h .. 7 h) fire once, and the next ones stay on the grid.
        h.Trade("BTCUSD", Open + (7 * Hour) + (10 * Minute), 60_000);
        Assert.Equal([0, 1], Fired(h).Select(f => f.Rule));
        h.Trade("BTCUSD", Open + (8 * Hour) - 1, 60_000);
        Assert.Empty(Fired(h));
        h.Trade("BTCUSD", Open + (8 * Hour), 60_000);
        Assert.Equal([0, 1], Fired(h).Select(f => f.Rule));

        var view = Assert.IsType<StrategyView>(h.Send(CommandKind.QueryStrategies, "reb").Result);
        Assert.Equal(7, view.Intents);
    }

    [Fact]
    public void Volatility_and_momentum_rules_fire_on_the_edge_of_their_condition()
    {
        var h = new SignalStageHarness();
        h.CreateAndDeploy(Document);
        h.Reference("VIX", Open, 20);
        h.Reference("VIX", Open + (10 * Second), 41);
        Assert.Equal([(10 * Second, 2, RebalanceTrigger.Volatility, RebalanceAction.HedgeRisk)], Fired(h));

        h.Reference("VIX", Open + (20 * Second), 45); // still above 40: no second firing
        h.Reference("VIX", Open + (30 * Second), 30);
        Assert.Empty(Fired(h));
        h.Reference("VIX", Open + (40 * Second), 42);
        Assert.Equal([2], Fired(h).Select(f => f.Rule));

        h.Reference("VIX", Open + (50 * Second), 11);
        Assert.Equal([(50 * Second, 3, RebalanceTrigger.Momentum, RebalanceAction.TakeProfit)], Fired(h));
    }

    [Fact]
    public void A_redeploy_restarts_the_schedules()
    {
        var h = new SignalStageHarness();
        h.CreateAndDeploy(Document);
        h.Trade("BTCUSD", Open, 60_000);
        h.Send(CommandKind.StopStrategy, "reb");
        h.Send(CommandKind.DeployStrategy, "reb");
        h.Trade("BTCUSD", Open + (30 * Minute), 60_000); // the new t0
        h.Trade("BTCUSD", Open + Hour, 60_000);
        Assert.Empty(Fired(h));
        h.Trade("BTCUSD", Open + Hour + (30 * Minute), 60_000);
        Assert.Equal([1], Fired(h).Select(f => f.Rule));
    }
}
