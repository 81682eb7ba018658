using System.Text.Json;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.Tests.Pipeline;

public class PipelineLayoutReaderTests
{
    private static PipelineLayout Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return PipelineLayoutReader.Read(document.RootElement.Clone(), "config/engine.json");
    }

    [Fact]
    public void Read_ValidSection_ReturnsLayout()
    {
        var layout = Read("""
            { "rings": [ { "name": "input", "size": 1024, "producer": "multi" } ],
              "threads": [ { "name": "main", "stages": ["a", "b"], "waitStrategy": "Yielding", "maxBatchSize": 64 } ],
              "drainTimeoutMs": 250 }
            """);

        Assert.Equal(new RingOptions("input", 1024, ProducerType.Multi), layout.Rings.Single());
        var thread = layout.Threads.Single();
        Assert.Equal(["a", "b"], thread.Stages);
        Assert.Equal(WaitStrategyKind.Yielding, thread.WaitStrategy);
        Assert.Equal(64, thread.MaxBatchSize);
        Assert.Equal(TimeSpan.FromMilliseconds(250), layout.DrainTimeout);
    }

    [Fact]
    public void Read_WhenOptionalFieldsAbsent_UsesDefaults()
    {
        var layout = Read("""{ "rings": [ { "name": "input", "size": 8 } ], "threads": [ { "name": "main", "stages": ["a"] } ] }""");

        Assert.Equal(ProducerType.Multi, layout.Rings[0].Producer);
        Assert.Equal(WaitStrategyKind.Blocking, layout.Threads[0].WaitStrategy);
        Assert.Equal(PipelineLayout.DefaultMaxBatchSize, layout.Threads[0].MaxBatchSize);
    }

    [Fact]
    public void Read_WhenWaitStrategyUnknown_NamesFieldAndAllowedValues()
    {
        var ex = Assert.Throws<ConfigurationException>(() => Read("""
            { "rings": [ { "name": "input", "size": 8 } ], "threads": [ { "name": "main", "stages": ["a"], "waitStrategy": "Snooze" } ] }
            """));

        Assert.Equal(
            "config/engine.json: pipeline.threads[0].waitStrategy: unknown value 'Snooze' (expected one of: BusySpin, Yielding, Sleeping, Blocking)",
            ex.Message);
    }

    [Fact]
    public void Read_WhenEverythingWrong_ReportsEveryError()
    {
        var ex = Assert.Throws<ConfigurationException>(() => Read("""
            { "rings": [ { "name": "input", "size": 1000, "producer": "Many" }, { "size": 1 } ],
              "threads": [ { "name": "main", "stages": [ "a", 3 ], "waitStrategy": 7, "maxBatchSize": 0 } ],
              "colour": "blue" }
            """));

        Assert.Contains("pipeline.rings[0].size: 1000 is not a power of two", ex.Message, StringComparison.Ordinal);
        Assert.Contains("pipeline.rings[0].producer: unknown value 'Many'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("pipeline.rings[1].name: required field is missing", ex.Message, StringComparison.Ordinal);
        Assert.Contains("pipeline.rings[1].size: 1 is out of range [2, 1073741824]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("pipeline.threads[0].stages[1]: expected a stage name", ex.Message, StringComparison.Ordinal);
        Assert.Contains("pipeline.threads[0].waitStrategy: expected a non-empty string but found the number 7", ex.Message, StringComparison.Ordinal);
        Assert.Contains("pipeline.threads[0].maxBatchSize: 0 is out of range", ex.Message, StringComparison.Ordinal);
        Assert.Contains("pipeline.colour: unknown field", ex.Message, StringComparison.Ordinal);
        Assert.Equal(8, ex.Errors.Count);
    }

    [Fact]
    public void Read_WhenNumericWaitStrategy_IsRejected()
    {
        var ex = Assert.Throws<ConfigurationException>(() => Read("""
            { "rings": [ { "name": "input", "size": 8 } ], "threads": [ { "name": "main", "stages": ["a"], "waitStrategy": "2" } ] }
            """));

        Assert.Contains("unknown value '2'", ex.Message, StringComparison.Ordinal);
    }
}
