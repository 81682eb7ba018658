using Microsoft.Extensions.Logging;
using MultiAsset.Engine.MarketData.Replay;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.MarketData.Feeds;

/// <summary>
/// Replays CSV or Parquet files into the input ring, merged by timestamp across files (ties in file order). Owns the
/// opened files. Bad rows and large time gaps are logged as they are met (<see cref="ReplayDiagnostics"/>), and each
/// file's totals when the replay ends or is stopped.
/// </summary>
public sealed class ReplayFileFeed : IMarketDataFeed
{
    // A read buffer just large enough for any header, for checking layouts without allocating the 1 MiB one.
    private const int HeaderCheckBufferSize = 64 * 1024;

    private readonly IEventSource source;
    private readonly IReadOnlyList<(string File, EventSourceStats Stats)> files;
    private readonly ValueRingBuffer<InputEvent> ring;
    private readonly ReplayFeedOptions options;
    private readonly IClock clock;
    private ReplayFeed feed;
    private ResumingEventSource? resuming;
    private int started;

    private ReplayFileFeed(
        string name, IEventSource source, IReadOnlyList<(string File, EventSourceStats Stats)> files, ValueRingBuffer<InputEvent> ring,
        ReplayFeedOptions options, IClock clock, ReplayDiagnostics diagnostics)
    {
        Name = name;
        this.source = source;
        this.files = files;
        this.ring = ring;
        this.options = options;
        this.clock = clock;
        Diagnostics = diagnostics;
        feed = new ReplayFeed(source, ring, options, clock);
    }

    /// <summary>Opens <paramref name="files"/> (all of <paramref name="format"/>) for replay into <paramref name="ring"/>.</summary>
    /// <param name="format">The files' format.</param>
    /// <param name="files">The files, merged by timestamp.</param>
    /// <param name="symbols">Symbol → instrument id.</param>
    /// <param name="ring">The input ring.</param>
    /// <param name="options">Batching, pacing and diagnostics.</param>
    /// <param name="clock">The clock pacing is measured on.</param>
    /// <param name="logger">Where bad rows, gaps and the end-of-replay summary are written; nothing is written when null.</param>
    /// <exception cref="ReplayFormatException">A file's header or columns are not a replay layout.</exception>
    public static ReplayFileFeed Open(
        ReplayFileFormat format, IReadOnlyList<string> files, ISymbolResolver symbols, ValueRingBuffer<InputEvent> ring, ReplayFeedOptions options, IClock clock,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(options);
        var diagnostics = new ReplayDiagnostics(logger, options.LoggedBadRows, options.GapWarning);
        var (merged, sources) = OpenSources(format, files, symbols, options, diagnostics);
        var name = $"{format.ToString().ToLowerInvariant()}:{string.Join('+', files.Select(Path.GetFileName))}";
        var perFile = files.Select((file, i) => (file, sources[i].Stats)).ToList();
        return new ReplayFileFeed(name, merged, perFile, ring, options, clock, diagnostics);
    }

    /// <summary>
    /// The files as one time-ordered event source — merged, and cut to the options' start/end — without a feed or a
    /// ring: a backtest reads it on its engine thread.
    /// </summary>
    /// <exception cref="ReplayFormatException">A file's header or columns are not a replay layout.</exception>
    public static IEventSource OpenSource(ReplayFileFormat format, IReadOnlyList<string> files, ISymbolResolver symbols, ReplayFeedOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(options);
        return OpenSources(format, files, symbols, options, new ReplayDiagnostics(logger, options.LoggedBadRows, options.GapWarning)).Merged;
    }

    private static (IEventSource Merged, List<IEventSource> Sources) OpenSources(ReplayFileFormat format, IReadOnlyList<string> files, ISymbolResolver symbols, ReplayFeedOptions options, ReplayDiagnostics diagnostics)
    {
        var sources = new List<IEventSource>(files.Count);
        try
        {
            for (var i = 0; i < files.Count; i++)
            {
                sources.Add(format switch
                {
                    ReplayFileFormat.Csv => new CsvEventSource(files[i], symbols, source: (ushort)i, diagnostics: diagnostics),
                    ReplayFileFormat.Cache => CacheEventSource.Open(files[i], symbols, source: (ushort)i),
                    _ => ParquetEventSource.Open(files[i], symbols, source: (ushort)i, diagnostics: diagnostics),
                });
            }
        }
        catch
        {
            sources.ForEach(s => s.Dispose());
            throw;
        }

        IEventSource merged = sources.Count == 1 ? sources[0] : new MergedEventSource(sources);
        if (options.StartNanoseconds is not null || options.EndNanoseconds is not null)
        {
            merged = new WindowedEventSource(merged, options.StartNanoseconds ?? long.MinValue, options.EndNanoseconds ?? long.MaxValue);
        }

        if (options.Shock is { } shock)
        {
            merged = new ShockedEventSource(merged, shock);
        }

        return (merged, sources);
    }

    /// <summary>
    /// Opens <paramref name="file"/> only to check that it is a replay layout of <paramref name="format"/>; returns the
    /// problem (<c>file:line: ...</c>) or null. Used when the configuration is loaded, so a wrong header stops the start
    /// with a configuration error instead of failing the feed later.
    /// </summary>
    public static string? CheckLayout(ReplayFileFormat format, string file, ISymbolResolver symbols)
    {
        try
        {
            using IEventSource opened = format switch
            {
                ReplayFileFormat.Csv => new CsvEventSource(file, symbols, buffer: new byte[HeaderCheckBufferSize]),
                ReplayFileFormat.Cache => CacheEventSource.Open(file, symbols),
                _ => ParquetEventSource.Open(file, symbols),
            };
            return null;
        }
        catch (ReplayFormatException ex)
        {
            return ex.Message;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"{file}: cannot be read: {ex.Message}";
        }
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public long EventsPublished => feed.EventsPublished;

    /// <inheritdoc />
    public bool Completed => feed.Completed;

    /// <summary>Rows read and rejected by the files' parsers (all files together).</summary>
    public EventSourceStats SourceStats => source.Stats;

    /// <summary>Each file's own rows, rejects by reason and first errors.</summary>
    public IReadOnlyList<(string File, EventSourceStats Stats)> FileStats => files;

    /// <summary>Bad rows logged and large time gaps seen.</summary>
    public ReplayDiagnostics Diagnostics { get; }

    /// <summary>Rows skipped because a recovered journal already held them (<see cref="ResumeAfter"/>).</summary>
    public long SkippedOnResume => resuming?.Skipped ?? 0;

    /// <inheritdoc />
    /// <remarks>Skips the leading rows at or before the point (<see cref="FeedResumePoint.Covers"/>); logs how many once the replay passes it.</remarks>
    public void ResumeAfter(FeedResumePoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (Volatile.Read(ref started) != 0)
        {
            throw new InvalidOperationException($"Feed {Name} has already started; resume it before it runs.");
        }

        if (point.IsEmpty)
        {
            return;
        }

        resuming = new ResumingEventSource(source, point, skipped => Diagnostics.Resumed(Name, skipped, point.LastEventTime));
        feed = new ReplayFeed(resuming, ring, options, clock);
    }

    /// <inheritdoc />
    /// <remarks>When the replay ends or is stopped, each file's totals are logged (an error for a file none of whose rows could be used).</remarks>
    public void Run(CancellationToken cancellationToken)
    {
        Volatile.Write(ref started, 1);
        try
        {
            feed.Run(cancellationToken);
        }
        finally
        {
            foreach (var (file, stats) in files)
            {
                Diagnostics.Summarise(file, stats);
            }
        }
    }

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

    /// <summary>An event cache written by <c>maectl data import</c> (docs/data-import.md): raw 64-byte events.</summary>
    Cache,
}
