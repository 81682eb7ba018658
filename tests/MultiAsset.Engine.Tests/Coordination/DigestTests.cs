using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Coordination;
using MultiAsset.Engine.Coordination.Config;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Tests.Coordination;

/// <summary>The stage digest: a deterministic function of the intents processed.</summary>
public class DigestTests
{
    private static ulong Run(Action<CoordinationHarness, StrategyId, StrategyId> script, CoordinationConfig? config = null)
    {
        var h = new CoordinationHarness(config);
        var a = h.Register("a", instruments: ["AAPL"]);
        var b = h.Register("b", account: "fx-carry");
        script(h, a, b);
        return StateDigest.Of(h.Stage);
    }

    private static void Script(CoordinationHarness h, StrategyId a, StrategyId b)
    {
        h.Batch(h.Target(a, "AAPL", 0.5, 150.37, time: 1), h.Buy(b, "MSFT", 10, time: 2));
        h.Batch(h.ClassWeight(a, AssetClass.Stock, 0.9, change: false, time: 3));
        h.Batch(h.Target(a, "BTCUSD", -0.3, 60_000, time: 4), h.CloseAll(b, time: 5));
    }

    [Fact]
    public void SameIntents_SameDigest()
        => Assert.Equal(Run(Script), Run(Script));

    [Fact]
    public void DifferentIntents_DifferentDigest()
    {
        var baseline = Run(Script);
        Assert.NotEqual(baseline, Run((h, a, b) =>
        {
            Script(h, a, b);
            h.Batch(h.Buy(b, "MSFT", 1, time: 6));
        }));
        Assert.NotEqual(baseline, Run((h, a, b) =>
        {
            h.Batch(h.Target(a, "AAPL", 0.51, 150.37, time: 1), h.Buy(b, "MSFT", 10, time: 2));
            h.Batch(h.ClassWeight(a, AssetClass.Stock, 0.9, change: false, time: 3));
            h.Batch(h.Target(a, "BTCUSD", -0.3, 60_000, time: 4), h.CloseAll(b, time: 5));
        }));
    }

    [Fact]
    public void HeldIntents_AreState()
    {
        var config = ConflictResolutionTests.With(new ConflictRule { Condition = ConflictCondition.OpposingIntents, Resolution = ConflictResolution.Defer });
        var h = new CoordinationHarness(config);
        var a = h.Register("a");
        var b = h.Register("b");
        var c = h.Register("c");
        h.Batch(h.Buy(a, "AAPL", 10), h.Sell(b, "AAPL", 10));
        var held = StateDigest.Of(h.Stage);

        var h2 = new CoordinationHarness(config);
        var a2 = h2.Register("a");
        h2.Register("b");
        h2.Register("c");
        h2.Batch(h2.Buy(a2, "AAPL", 10), h2.Sell(c, "AAPL", 10)); // c held instead of b
        Assert.NotEqual(held, StateDigest.Of(h2.Stage));
    }

    [Fact]
    public void A_digest_marker_takes_the_digest_after_the_pending_changes_and_passes_the_marker_on()
    {
        var h = new CoordinationHarness();
        var a = h.Register("a");
        h.Stage.OnEvent(ref Unsafe(h.Buy(a, "AAPL", 1)), 100, endOfBatch: false);
        Assert.Null(h.Stage.RequestedDigest);
        var marker = new IntentEvent { Kind = IntentKind.DigestMarker, SourceSequence = 7 };
        h.Stage.OnEvent(ref marker, 101, endOfBatch: true);
        Assert.Equal(StateDigest.Of(h.Stage), h.Stage.RequestedDigest);
        var events = h.Events();
        Assert.Equal([OrderEventKind.NewOrder, OrderEventKind.DigestMarker], events.Select(e => e.Kind));
        Assert.Equal(7, events[1].SourceSequence);
    }

    private static ref IntentEvent Unsafe(IntentEvent intent) => ref new IntentEvent[] { intent }[0];
}
