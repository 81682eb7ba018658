using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Host.Foundation;

/// <summary>
/// The pipeline <c>./run.sh</c> runs until the market-data stage lands: synthetic ticks on the input ring through
/// three stages (validate → analytics → count), laid out on threads as <c>config/engine.json</c> says.
/// </summary>
public sealed class FoundationEngine
{
    private FoundationEngine(EnginePipeline pipeline, SyntheticTickSource source, TickValidationStage validation, TickCountingStage counter)
    {
        Pipeline = pipeline;
        Source = source;
        Validation = validation;
        Counter = counter;
    }

    public EnginePipeline Pipeline { get; }

    public SyntheticTickSource Source { get; }

    public TickValidationStage Validation { get; }

    public TickCountingStage Counter { get; }

    /// <summary>Wires the stages; throws <see cref="ConfigurationException"/> when the layout does not fit them.</summary>
    public static FoundationEngine Build(HostConfig config, IClock clock, IEventExceptionHandler exceptionHandler)
    {
        ArgumentNullException.ThrowIfNull(config);
        var builder = new PipelineBuilder(config.Pipeline, exceptionHandler, config.Source);
        var input = builder.AddRing<TickEvent>("input", fedExternally: true);
        var validation = new TickValidationStage(config.Feed.Instruments);
        var counter = new TickCountingStage();
        builder.AddStage("validate", input, validation);
        builder.AddStage("analytics", input, new TickAnalyticsStage(config.Feed.Instruments), after: ["validate"]);
        builder.AddStage("count", input, counter, after: ["analytics"]);
        var pipeline = builder.Build();
        return new FoundationEngine(pipeline, new SyntheticTickSource(input.Ring, clock, config.Feed), validation, counter);
    }
}
