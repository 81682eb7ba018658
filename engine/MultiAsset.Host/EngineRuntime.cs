using Microsoft.Extensions.Logging;
using MultiAsset.Engine.Journal;
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

    /// <summary>Name of the journaller in <c>pipeline.threads[].stages</c> (present when a journal is configured).</summary>
    public const string JournalStageName = "journal";

    private EngineRuntime(EnginePipeline pipeline, ValueRingBuffer<InputEvent> input, MarketDataStage marketData, IReadOnlyList<IMarketDataFeed> feeds, JournalStage? journal)
    {
        Pipeline = pipeline;
        Input = input;
        MarketData = marketData;
        Feeds = feeds;
        Journal = journal;
    }

    /// <summary>The journaller, when a journal is configured.</summary>
    public JournalStage? Journal { get; }

    /// <summary>The pipeline (not started).</summary>
    public EnginePipeline Pipeline { get; }

    /// <summary>The input ring the feeds publish into.</summary>
    public ValueRingBuffer<InputEvent> Input { get; }

    /// <summary>The market-data stage (counters and analytics).</summary>
    public MarketDataStage MarketData { get; }

    /// <summary>The feeds, in configuration order.</summary>
    public IReadOnlyList<IMarketDataFeed> Feeds { get; }

    /// <summary>
    /// Wires the engine and opens (recovers) the journal; throws <see cref="ConfigurationException"/> when the layout
    /// does not fit the stages and <see cref="JournalException"/> when the journal cannot be opened safely.
    /// </summary>
    public static EngineRuntime Build(HostConfig config, IClock clock, IEventExceptionHandler exceptionHandler, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var builder = new PipelineBuilder(config.Pipeline, exceptionHandler, config.Source);
        var input = builder.AddRing<InputEvent>(InputRingName, fedExternally: true);
        var marketData = MarketDataStage.Create(config.MarketData.Catalog, config.MarketData.Analytics);
        JournalStage? journal = null;
        var feeds = new List<IMarketDataFeed>();
        try
        {
            if (config.Journal is { } journalOptions)
            {
                journal = new JournalStage(JournalWriter.Open(journalOptions, logger), journalOptions.Durability, clock);
                builder.AddStage(JournalStageName, input, journal);
            }

            // Sync durability: nothing changes state before it is on disk. Async: the stages run beside the journaller.
            var gated = config.Journal is { Durability: JournalDurability.Sync } ? new[] { JournalStageName } : [];
            builder.AddStage(MarketDataStageName, input, marketData, after: gated);
            var pipeline = builder.Build();
            foreach (var definition in config.MarketData.Feeds)
            {
                feeds.Add(definition.Create(input.Ring, config.MarketData.Catalog, clock));
            }

            return new EngineRuntime(pipeline, input.Ring, marketData, feeds, journal);
        }
        catch
        {
            feeds.ForEach(f => f.Dispose());
            journal?.Writer.Dispose();
            throw;
        }
    }

    /// <summary>Stops the pipeline if running, closes the feeds' files and the journal (flushing it).</summary>
    public void Dispose()
    {
        Pipeline.Dispose();
        foreach (var feed in Feeds)
        {
            feed.Dispose();
        }

        Journal?.Writer.Dispose();
    }
}
