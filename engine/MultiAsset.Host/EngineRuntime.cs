using MultiAsset.Engine.MarketData;
using MultiAsset.Engine.MarketData.Feeds;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Host;

/// <summary>
/// The engine as the host runs it: the input ring, the stages wired on it (today: <c>marketdata</c>), laid out on
/// threads as the configuration says, and the feeds that publish into it.
/// </summary>
public sealed class EngineRuntime : IDisposable
{
    /// <summary>Name of the market-data stage in <c>pipeline.threads[].stages</c>.</summary>
    public const string MarketDataStageName = "marketdata";

    /// <summary>Name of the input ring in <c>pipeline.rings</c>.</summary>
    public const string InputRingName = "input";

    private EngineRuntime(EnginePipeline pipeline, ValueRingBuffer<InputEvent> input, MarketDataStage marketData, IReadOnlyList<IMarketDataFeed> feeds)
    {
        Pipeline = pipeline;
        Input = input;
        MarketData = marketData;
        Feeds = feeds;
    }

    /// <summary>The pipeline (not started).</summary>
    public EnginePipeline Pipeline { get; }

    /// <summary>The input ring the feeds publish into.</summary>
    public ValueRingBuffer<InputEvent> Input { get; }

    /// <summary>The market-data stage (counters and analytics).</summary>
    public MarketDataStage MarketData { get; }

    /// <summary>The feeds, in configuration order.</summary>
    public IReadOnlyList<IMarketDataFeed> Feeds { get; }

    /// <summary>Wires the engine; throws <see cref="ConfigurationException"/> when the layout does not fit the stages.</summary>
    public static EngineRuntime Build(HostConfig config, IClock clock, IEventExceptionHandler exceptionHandler)
    {
        ArgumentNullException.ThrowIfNull(config);
        var builder = new PipelineBuilder(config.Pipeline, exceptionHandler, config.Source);
        var input = builder.AddRing<InputEvent>(InputRingName, fedExternally: true);
        var marketData = MarketDataStage.Create(config.MarketData.Catalog, config.MarketData.Analytics);
        builder.AddStage(MarketDataStageName, input, marketData);
        var pipeline = builder.Build();
        var feeds = new List<IMarketDataFeed>();
        try
        {
            foreach (var definition in config.MarketData.Feeds)
            {
                feeds.Add(definition.Create(input.Ring, config.MarketData.Catalog, clock));
            }
        }
        catch
        {
            feeds.ForEach(f => f.Dispose());
            throw;
        }

        return new EngineRuntime(pipeline, input.Ring, marketData, feeds);
    }

    /// <summary>Stops the pipeline if running and closes the feeds' files.</summary>
    public void Dispose()
    {
        Pipeline.Dispose();
        foreach (var feed in Feeds)
        {
            feed.Dispose();
        }
    }
}
