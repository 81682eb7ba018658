using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;
using MultiAsset.Host;
using MultiAsset.Host.Foundation;

namespace MultiAsset.Host.Tests;

public class HostConfigTests
{
    [Fact]
    public void Load_WithoutPath_UsesShippedDefaults()
    {
        var config = HostConfig.Load(null);

        var thread = Assert.Single(config.Pipeline.Threads);
        Assert.Equal(["validate", "analytics", "count"], thread.Stages);
        Assert.Equal(WaitStrategyKind.Blocking, thread.WaitStrategy);
        Assert.Equal(65536, config.Pipeline.Rings.Single().Size);
        Assert.Equal(new SyntheticFeedOptions(64, 42, 0, 256), config.Feed);
    }

    [Fact]
    public void Parse_WhenNotJson_NamesSource()
    {
        var ex = Assert.Throws<ConfigurationException>(() => HostConfig.Parse("{ nope", "my.json"));
        Assert.StartsWith("my.json: not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenPipelineMissingAndFeedBad_ReportsBoth()
    {
        var ex = Assert.Throws<ConfigurationException>(() => HostConfig.Parse("""{ "feed": { "kind": "csv", "instruments": 0 } }""", "e.json"));

        Assert.Contains("e.json: pipeline: required section is missing", ex.Errors);
        Assert.Contains("e.json: feed.kind: unknown feed kind 'csv' (expected: synthetic)", ex.Errors);
        Assert.Contains("e.json: feed.instruments: 0 is out of range [1, 1000000]", ex.Errors);
    }

    [Fact]
    public void Load_WhenFileMissing_NamesPath()
    {
        var ex = Assert.Throws<ConfigurationException>(() => HostConfig.Load("/nonexistent/engine.json"));
        Assert.Equal("/nonexistent/engine.json: file not found", ex.Message);
    }

    [Fact]
    public void FoundationEngine_WhenLayoutNamesUnknownStage_FailsAtBuild()
    {
        var config = HostConfig.Parse(
            """{ "pipeline": { "rings": [ { "name": "input", "size": 1024 } ], "threads": [ { "name": "e", "stages": ["validate", "analytics", "count", "journal"] } ] } }""",
            "e.json");

        var ex = Assert.Throws<ConfigurationException>(() => FoundationEngine.Build(config, new SimulatedClock(), new LoggingExceptionHandler()));
        Assert.Contains("e.json: pipeline.threads[0].stages[3]: unknown stage 'journal'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[ { "name": "e", "stages": ["validate", "analytics", "count"], "waitStrategy": "Sleeping" } ]""")]
    [InlineData("""[ { "name": "a", "stages": ["validate"] }, { "name": "b", "stages": ["analytics"] }, { "name": "c", "stages": ["count"] } ]""")]
    public void FoundationEngine_RunsSyntheticTicksThroughEveryLayout(string threads)
    {
        var config = HostConfig.Parse(
            $$"""{ "pipeline": { "rings": [ { "name": "input", "size": 1024 } ], "threads": {{threads}} }, "feed": { "instruments": 8, "batchSize": 64 } }""",
            "e.json");
        var engine = FoundationEngine.Build(config, new SimulatedClock(), new LoggingExceptionHandler());
        engine.Pipeline.Start();
        using var stop = new CancellationTokenSource();
        var feed = Task.Run(() => engine.Source.Run(stop.Token));

        Assert.True(SpinWait.SpinUntil(() => engine.Counter.Counted > 50_000, TimeSpan.FromSeconds(20)));
        stop.Cancel();
        feed.Wait(TimeSpan.FromSeconds(10));
        var result = engine.Pipeline.Stop();

        Assert.True(result.Drained);
        Assert.Equal(engine.Source.Published, engine.Counter.Counted);
        Assert.Equal(0, engine.Validation.Rejected);
    }
}
