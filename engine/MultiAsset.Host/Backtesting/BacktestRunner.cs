using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultiAsset.Engine.Backtest.Import;
using MultiAsset.Engine.MarketData.Feeds;
using MultiAsset.Engine.MarketData.Replay;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Host.Backtesting;

/// <summary>
/// Runs one backtest: imports vendor data the spec names, builds the live engine from the spec
/// (<see cref="BacktestConfigBuilder"/>) on a simulated clock, creates and deploys the strategies with the same
/// commands the control API sends, replays the data through the chained engine as fast as it goes, drains it, and
/// hands what the <see cref="BacktestRecorder"/> saw to <see cref="BacktestResultBuilder"/>. Nothing here is a second
/// implementation of a stage.
/// </summary>
public static partial class BacktestRunner
{
    /// <summary>
    /// Runs <paramref name="spec"/> and writes its results folder. <paramref name="progress"/> gets the share of the
    /// data replayed (0..1) now and then; cancelling stops the replay (the result is then marked cancelled and not written).
    /// </summary>
    /// <exception cref="ConfigurationException">The spec, its data or its strategies are invalid (the message says which and why).</exception>
    public static async Task<BacktestResult> RunAsync(BacktestSpec spec, IProgress<double>? progress = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        logger ??= NullLogger.Instance;
        var wall = Stopwatch.StartNew();
        var replayClock = new Stopwatch();
        Directory.CreateDirectory(spec.Output);
        var (files, format, imports, expectedEvents, firstTime, symbols) = PrepareData(spec, logger);
        var (config, engineJson, configFiles) = BacktestConfigBuilder.Build(spec, files, format, symbols);
        config = Windowed(config, spec);
        (config, var stressFacts) = BacktestStressPath.Apply(config, spec, firstTime);
        if (spec.Journal)
        {
            PrepareJournal(spec, engineJson, configFiles);
        }

        var catalog = config.MarketData.Catalog;
        var benchmark = InstrumentId.None;
        if (spec.Benchmark is { } symbol && !catalog.TryGet(symbol, out var benchmarkInstrument))
        {
            throw new ConfigurationException($"{spec.Source}: benchmark: '{symbol}' is not in the instrument catalogue");
        }
        else if (spec.Benchmark is { } known && catalog.TryGet(known, out var found))
        {
            benchmark = found.Id;
        }

        // Commands (strategy creation) are stamped with simulated time: the data's first instant, so a run's input —
        // and its digests — are the same every time.
        var clock = new SimulatedClock(spec.StartNs ?? firstTime ?? 0);
        var errors = new LoggingExceptionHandler(logger);
        BacktestRecorder? recorder = null;
        using var engine = EngineRuntime.Build(config, clock, errors, logger, logger, observe: stages =>
            recorder = new BacktestRecorder(stages, (long)spec.EquityInterval.TotalNanoseconds, benchmark));
        var pipeline = engine.Pipeline;
        pipeline.Start();
        var strategyNames = new List<string>();
        try
        {
            foreach (var (source, json) in spec.Strategies)
            {
                var created = await engine.Commands.SendAsync(CommandKind.CreateStrategy, json, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
                if (!created.Succeeded)
                {
                    throw new ConfigurationException($"{source}: the strategy was refused: {created.Message ?? created.Status.ToString()}");
                }

                // The id the engine gave it (a document may have none: the seed's examples are created by name).
                var id = created.Result is Engine.Signals.Stage.StrategyView view ? view.Id : throw new InvalidOperationException($"{source}: the engine did not describe the strategy it created");
                var deployed = await engine.Commands.SendAsync(CommandKind.DeployStrategy, id, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
                if (!deployed.Succeeded)
                {
                    throw new ConfigurationException($"{source}: the strategy could not be deployed: {deployed.Message ?? deployed.Status.ToString()}");
                }

                strategyNames.Add(id);
            }

            engine.Commands.Close();
            replayClock.Start();
            if (!spec.Journal && config.MarketData.Feeds[0] is ReplayFeedDefinition definition && engine.Chain is IValueEventHandler<InputEvent> chain)
            {
                // Nothing but the data is left to enter: the engine thread stops (drained) and the replay drives the
                // same chain on a thread of its own — one thread per backtest, no ring hand-off (a journalled run
                // keeps the ring: the journal is a stage on it).
                var setup = pipeline.Stop();
                if (!setup.Drained)
                {
                    throw new InvalidOperationException("the engine did not drain the strategies' commands");
                }

                await Task.Factory.StartNew(
                    () => DirectReplay.Run(definition, catalog, chain, errors, progress, expectedEvents, logger, cancellationToken),
                    CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
            }
            else
            {
                var feed = engine.Feeds[0];
                var replay = Task.Factory.StartNew(() => feed.Run(cancellationToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                while (!replay.IsCompleted)
                {
                    await Task.WhenAny(replay, Task.Delay(200, CancellationToken.None)).ConfigureAwait(false);
                    if (expectedEvents > 0)
                    {
                        progress?.Report(Math.Min(1.0, feed.EventsPublished / (double)expectedEvents));
                    }
                }

                await replay.ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            pipeline.Stop();
            throw;
        }
        finally
        {
            engine.Commands.Close();
        }

        var stopped = pipeline.Stop();
        replayClock.Stop();
        cancellationToken.ThrowIfCancellationRequested();
        if (!stopped.Drained || pipeline.Faults.Count > 0)
        {
            throw new InvalidOperationException($"the engine did not finish cleanly (drained {stopped.Drained}, thread faults {pipeline.Faults.Count}: {string.Join("; ", pipeline.Faults.Select(f => $"{f.Thread}: {f.Fault.Message}"))})");
        }

        recorder!.Finish();
        progress?.Report(1.0);
        var run = new BacktestRun(
            spec, engine, recorder, imports, wall.Elapsed, replayClock.Elapsed, strategyNames,
            BacktestResultBuilder.RoundTrips(recorder.Fills).Closed, BacktestResultBuilder.OrderRows(engine.Stages), errors.TotalFailures)
        {
            Stress = stressFacts,
        };
        var result = BacktestResultBuilder.Build(run);
        BacktestResultWriter.Write(result, run);
        return result;
    }

    /// <summary>
    /// Imports the vendor files (into OUTPUT/data) and returns the replay files, their one format, the import reports,
    /// the number of events, the first event time and the symbols (null when a source does not say: CSV, Parquet).
    /// </summary>
    private static (IReadOnlyList<string> Files, string Format, IReadOnlyList<(string Name, ImportReport Report)> Imports, long Events, long? FirstTime, IReadOnlySet<string>? Symbols) PrepareData(BacktestSpec spec, ILogger logger)
    {
        HashSet<string>? symbols = [];
        var files = new List<string>();
        var formats = new HashSet<string>();
        var imports = new List<(string, ImportReport)>();
        long events = 0;
        long? first = null;
        InstrumentCatalog? catalog = null;
        var index = 0;
        foreach (var given in spec.Data)
        {
            index++;
            catalog ??= InstrumentCatalogLoader.Parse(File.ReadAllText(spec.Instruments ?? ShippedInstrumentsPath()), spec.Instruments ?? "shipped instruments.json");
            var data = AsVendorFile(given, catalog);
            if (data.Kind == "import")
            {
                var import = data.Import! with { Name = spec.Data.Count(d => d.Kind == "import") > 1 || data != given ? $"{data.Import!.Name}-{index}" : data.Import!.Name };
                ImportReport report;
                try
                {
                    import.ThrowIfInvalid($"{spec.Source}: data[{index - 1}].import");
                    report = DataImporter.Run(import, catalog, Path.Combine(spec.Output, "data"));
                }
                catch (ConfigurationException ex) when (data != given)
                {
                    throw new ConfigurationException($"{spec.Source}: data[{index - 1}]: {given.Path} is not in the engine's replay layout, so it was read as a vendor file with the import's defaults, which need more: {string.Join("; ", ex.Errors)} — describe it with {{ \"import\": {{ \"files\": [...], \"barInterval\": \"1m\", ... }} }} (docs/data-import.md)");
                }

                imports.Add((import.Name, report));
                if (report.Accepted == 0 || report.CachePath is null)
                {
                    throw new ConfigurationException($"{spec.Source}: data[{index - 1}]: the import accepted no rows ({report.Rows} read, {report.Rejected} rejected{FirstRejections(report)})");
                }

                files.Add(report.CachePath);
                formats.Add("cache");
                symbols?.UnionWith(report.Symbols.Where(s => s.Accepted > 0).Select(s => s.Symbol));
                events += report.Cache?.RecordCount ?? report.Events;
                first = Min(first, report.Cache?.FirstTimestamp);
                LogImported(logger, import.Name, report.Accepted, report.Rows, report.Rejected, report.Rounded, report.GapCount);
                continue;
            }

            files.Add(data.Path!);
            formats.Add(data.Kind);
            if (data.Kind != "cache")
            {
                symbols = null;
            }

            if (data.Kind == "cache")
            {
                var header = EventCacheHeader.Read(data.Path!);
                events += header.RecordCount;
                symbols?.UnionWith(header.Instruments.Where(i => i.Records > 0).Select(i => i.Symbol));
                first = Min(first, header.FirstTimestamp);
            }
        }

        if (formats.Count > 1)
        {
            // One feed merges its files by time; two feeds on two threads would interleave by chance.
            throw new ConfigurationException($"{spec.Source}: data: the sources mix formats ({string.Join(", ", formats)}); a backtest replays one format so the merge by time is exact — import the others (\"import\") or convert them to a cache with 'maectl data import'");
        }

        return (files, formats.Single(), imports, events, first, symbols);
    }

    /// <summary>
    /// A journalled run starts from an empty OUTPUT/journal (it is this run's own input, never a continuation) and
    /// leaves its engine configuration in OUTPUT/config, so <c>MultiAsset.Host --config OUTPUT/config/engine.json
    /// --recover-only</c> replays the journal and prints the digests result.json holds.
    /// </summary>
    private static void PrepareJournal(BacktestSpec spec, string engineJson, IReadOnlyDictionary<string, string> files)
    {
        var journal = Path.Combine(spec.Output, "journal");
        if (Directory.Exists(journal))
        {
            Directory.Delete(journal, recursive: true);
        }

        var folder = Path.Combine(spec.Output, "config");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "engine.json"), engineJson);
        foreach (var (name, text) in files)
        {
            var path = Path.Combine(folder, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }
    }

    /// <summary>
    /// A bare CSV file that is not in the engine's own replay layout is a vendor file: it is imported with the import's
    /// defaults (usual column names, UTC, bar-start labels) rather than refused.
    /// </summary>
    private static BacktestData AsVendorFile(BacktestData data, InstrumentCatalog catalog)
        => data.Kind == "csv" && ReplayFileFeed.CheckLayout(ReplayFileFormat.Csv, data.Path!, catalog) is not null
            ? new BacktestData("import", null, new ImportSpec { Name = Path.GetFileNameWithoutExtension(data.Path!), Files = [data.Path!], BaseDirectory = Path.GetDirectoryName(data.Path!)! })
            : data;

    private static string FirstRejections(ImportReport report)
        => report.Rejections.Count == 0 ? string.Empty : "; first: " + string.Join("; ", report.Rejections.Take(3).Select(r => r.ToString()));

    private static long? Min(long? a, long? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    private static string ShippedInstrumentsPath()
    {
        var besideBinary = Path.Combine(AppContext.BaseDirectory, "config", "instruments.json");
        return File.Exists(besideBinary) ? besideBinary : throw new ConfigurationException("the shipped config/instruments.json is not beside the binary; name an \"instruments\" file in the spec");
    }

    /// <summary>The replay feed limited to the spec's [start, end).</summary>
    private static HostConfig Windowed(HostConfig config, BacktestSpec spec)
    {
        if (spec.StartNs is null && spec.EndNs is null)
        {
            return config;
        }

        var feeds = config.MarketData.Feeds.Select(f => f is ReplayFeedDefinition replay
            ? replay with { Options = replay.Options with { StartNanoseconds = spec.StartNs, EndNanoseconds = spec.EndNs } }
            : f).ToList();
        return config with { MarketData = config.MarketData with { Feeds = feeds } };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "imported {Name}: {Accepted} of {Rows} rows, {Rejected} rejected, {Rounded} rounded to the tick, {Gaps} gaps")]
    private static partial void LogImported(ILogger logger, string name, long accepted, long rows, long rejected, long rounded, long gaps);
}
