using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Pipeline;

public class PipelineBuilderTests
{
    private static PipelineBuilder Builder(params StageThreadOptions[] threads)
        => new(Layouts.Of([Layouts.Ring("input", 64), Layouts.Ring("intents", 8, ProducerType.Single)], threads));

    private static ConfigurationException BuildFails(PipelineBuilder builder)
        => Assert.Throws<ConfigurationException>(() => builder.Build());

    [Fact]
    public void Build_WhenLayoutNamesUnknownStage_FailsNamingFieldAndKnownStages()
    {
        var builder = Builder(Layouts.Thread("main", WaitStrategyKind.Blocking, "a", "nope"));
        builder.AddStage("a", builder.AddRing<TestEvent>("input", fedExternally: true), new RecordingHandler());

        var ex = BuildFails(builder);
        Assert.Contains("pipeline.threads[0].stages[1]: unknown stage 'nope' (known stages: a)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WhenStageNotAssigned_Fails()
    {
        var builder = Builder(Layouts.Thread("main", WaitStrategyKind.Blocking, "a"));
        var input = builder.AddRing<TestEvent>("input", fedExternally: true);
        builder.AddStage("a", input, new RecordingHandler());
        builder.AddStage("b", input, new RecordingHandler());

        Assert.Contains("stage 'b' is not assigned to any thread", BuildFails(builder).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WhenStageAssignedTwice_Fails()
    {
        var builder = Builder(Layouts.Thread("t1", WaitStrategyKind.Blocking, "a"), Layouts.Thread("t2", WaitStrategyKind.Blocking, "a"));
        builder.AddStage("a", builder.AddRing<TestEvent>("input", fedExternally: true), new RecordingHandler());

        Assert.Contains("pipeline.threads[1].stages[0]: stage 'a' is already assigned to thread 't1'", BuildFails(builder).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WhenDependencyMissing_Fails()
    {
        var builder = Builder(Layouts.Thread("main", WaitStrategyKind.Blocking, "a"));
        builder.AddStage("a", builder.AddRing<TestEvent>("input", fedExternally: true), new RecordingHandler(), after: ["ghost"]);

        Assert.Contains("stage 'a' runs after 'ghost', which is not a registered stage", BuildFails(builder).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WhenGraphHasCycle_FailsNamingStagesInCycle()
    {
        var builder = Builder(Layouts.Thread("t1", WaitStrategyKind.Blocking, "a"), Layouts.Thread("t2", WaitStrategyKind.Blocking, "b"));
        var input = builder.AddRing<TestEvent>("input", fedExternally: true);
        builder.AddStage("a", input, new RecordingHandler(), after: ["b"]);
        builder.AddStage("b", input, new RecordingHandler(), after: ["a"]);

        var ex = BuildFails(builder);
        Assert.Contains("cycle through: a -> b", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WhenCrossRingCycle_Fails()
    {
        var builder = Builder(Layouts.Thread("t1", WaitStrategyKind.Blocking, "a"), Layouts.Thread("t2", WaitStrategyKind.Blocking, "b"));
        var input = builder.AddRing<TestEvent>("input", fedExternally: true);
        var intents = builder.AddRing<TestEvent>("intents");
        builder.AddStage("a", input, new ForwardingHandler(intents.Ring), publishesTo: ["intents"]);
        builder.AddStage("b", intents, new ForwardingHandler(input.Ring), publishesTo: ["input"]);

        Assert.Contains("cycle", BuildFails(builder).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WhenDependencyOnOtherRing_Fails()
    {
        var builder = Builder(Layouts.Thread("t1", WaitStrategyKind.Blocking, "a", "b"));
        var input = builder.AddRing<TestEvent>("input", fedExternally: true);
        var intents = builder.AddRing<TestEvent>("intents");
        builder.AddStage("a", input, new ForwardingHandler(intents.Ring), publishesTo: ["intents"]);
        builder.AddStage("b", intents, new RecordingHandler(), after: ["a"]);

        Assert.Contains("dependencies must be on the same ring", BuildFails(builder).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WhenFusedFollowerWaitsOnExternallyFedRing_Fails()
    {
        var builder = Builder(Layouts.Thread("main", WaitStrategyKind.Blocking, "a", "d"));
        var input = builder.AddRing<TestEvent>("input", fedExternally: true);
        builder.AddStage("a", input, new RecordingHandler());
        builder.AddStage("d", input, new RecordingHandler());

        var ex = BuildFails(builder);
        Assert.Contains("stage 'd' cannot run fused behind 'a'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ring 'input' (fed from outside the pipeline)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WhenFusedFollowerRunsAfterStageOnOtherThread_Fails()
    {
        var builder = Builder(Layouts.Thread("t1", WaitStrategyKind.Blocking, "a"), Layouts.Thread("t2", WaitStrategyKind.Blocking, "x", "b"));
        var input = builder.AddRing<TestEvent>("input", fedExternally: true);
        builder.AddStage("a", input, new RecordingHandler());
        builder.AddStage("x", input, new RecordingHandler());
        builder.AddStage("b", input, new RecordingHandler(), after: ["a"]);

        Assert.Contains("stage 'b' cannot run fused behind 'x': it waits on a from outside this thread", BuildFails(builder).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WhenRingHasNoConsumer_Fails()
    {
        var builder = Builder(Layouts.Thread("main", WaitStrategyKind.Blocking, "a"));
        builder.AddStage("a", builder.AddRing<TestEvent>("input", fedExternally: true), new RecordingHandler());
        builder.AddRing<TestEvent>("intents");

        Assert.Contains("ring 'intents' has no consuming stage", BuildFails(builder).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddRing_WhenRingNotConfigured_FailsNamingConfiguredRings()
    {
        var builder = Builder(Layouts.Thread("main", WaitStrategyKind.Blocking, "a"));

        var ex = Assert.Throws<ConfigurationException>(() => builder.AddRing<TestEvent>("orders"));
        Assert.Contains("no ring named 'orders' is configured (configured: input, intents)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ReportsEveryProblemAtOnce()
    {
        var builder = Builder(Layouts.Thread("main", WaitStrategyKind.Blocking, "a", "ghost1"), Layouts.Thread("main", WaitStrategyKind.Blocking, "ghost2"));
        builder.AddStage("a", builder.AddRing<TestEvent>("input", fedExternally: true), new RecordingHandler());

        var ex = BuildFails(builder);
        Assert.Equal(3, ex.Errors.Count);
    }

    [Fact]
    public void Build_OrdersFusedStagesByDependency_NotByLayoutOrder()
    {
        var builder = Builder(Layouts.Thread("main", WaitStrategyKind.Blocking, "c", "b", "a"));
        var input = builder.AddRing<TestEvent>("input", fedExternally: true);
        builder.AddStage("a", input, new RecordingHandler());
        builder.AddStage("b", input, new RecordingHandler(), after: ["a"]);
        builder.AddStage("c", input, new RecordingHandler(), after: ["b"]);

        using var pipeline = builder.Build();
        Assert.Equal(["a", "b", "c"], pipeline.StagesByThread["main"]);
    }
}
