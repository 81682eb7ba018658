using MultiAsset.Engine.MarketData.Replay;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.MarketData.Feeds;

/// <summary>
/// Replays CSV or Parquet files into the input ring, merged by timestamp across files (ties in file order). Owns the
/// opened files.
/// </summary>
public sealed class ReplayFileFeed : IMarketDataFeed
{
    private readonly IEventSource source;
    private readonly ReplayFeed feed;

    private ReplayFileFeed(string name, IEventSource source, ReplayFeed feed)
    {
        Name = name;
        this.source = source;
        this.feed = feed;
    }

    /// <summary>Opens <paramref name="files"/> (all of <paramref name="format"/>) for replay into <paramref name="ring"/>.</summary>
    public static ReplayFileFeed Open(
        ReplayFileFormat format, IReadOnlyList<string> files, ISymbolResolver symbols, ValueRingBuffer<InputEvent> ring, ReplayFeedOptions options, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(files);
        var sources = new List<IEventSource>(files.Count);
        try
        {
            for (var i = 0; i < files.Count; i++)
            {
                sources.Add(format == ReplayFileFormat.Csv
                    ? new CsvEventSource(files[i], symbols, source: (ushort)i)
                    : ParquetEventSource.Open(files[i], symbols, source: (ushort)i));
            }
        }
        catch
        {
            sources.ForEach(s => s.Dispose());
            throw;
        }

        IEventSource merged = sources.Count == 1 ? sources[0] : new MergedEventSource(sources);
        var name = $"{format.ToString().ToLowerInvariant()}:{string.Join('+', files.Select(Path.GetFileName))}";
        return new ReplayFileFeed(name, merged, new ReplayFeed(merged, ring, options, clock));
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public long EventsPublished => feed.EventsPublished;

    /// <inheritdoc />
    public bool Completed => feed.Completed;

    /// <summary>Rows read and rejected by the files' parsers.</summary>
    public EventSourceStats SourceStats => source.Stats;

    /// <inheritdoc />
    public void Run(CancellationToken cancellationToken) => feed.Run(cancellationToken);

    /// <inheritdoc />
    public void Dispose() => source.Dispose();
}

/// <summary>Replay file formats.</summary>
public enum ReplayFileFormat
{
    /// <summary>Comma-separated text with a header row (docs/market-data-formats.md).</summary>
    Csv,

    /// <summary>Apache Parquet with the same column names.</summary>
    Parquet,
}
