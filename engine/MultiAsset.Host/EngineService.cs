using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MultiAsset.Host.Foundation;

namespace MultiAsset.Host;

/// <summary>
/// Runs the engine inside the generic host: starts the pipeline and the feed, prints a status line every report
/// interval, and on stop (Ctrl-C, SIGTERM or <c>--duration</c>) stops the feed, drains the rings and reports.
/// </summary>
public sealed partial class EngineService : BackgroundService
{
    private readonly FoundationEngine engine;
    private readonly HostConfig config;
    private readonly HostRunOptions runOptions;
    private readonly IHostApplicationLifetime lifetime;
    private readonly ILogger<EngineService> logger;

    public EngineService(FoundationEngine engine, HostConfig config, HostRunOptions runOptions, IHostApplicationLifetime lifetime, ILogger<EngineService> logger)
    {
        this.engine = engine;
        this.config = config;
        this.runOptions = runOptions;
        this.lifetime = lifetime;
        this.logger = logger;
    }

    /// <summary>0 when the run ended cleanly (everything drained), 1 otherwise.</summary>
    public int ExitCode { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pipeline = engine.Pipeline;
        pipeline.Start();
        var layout = string.Join("; ", pipeline.StagesByThread.Select(t => $"{t.Key}: {string.Join(" -> ", t.Value)}"));
        LogStarted(logger, config.Source, layout);

        using var feedStop = new CancellationTokenSource();
        var feed = new Thread(() => engine.Source.Run(feedStop.Token)) { Name = "mae-feed", IsBackground = true };
        feed.Start();

        var started = Stopwatch.GetTimestamp();
        var lastCount = 0L;
        var lastTime = started;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var remaining = runOptions.Duration is { } duration ? duration - Stopwatch.GetElapsedTime(started) : TimeSpan.MaxValue;
                if (remaining <= TimeSpan.Zero)
                {
                    break;
                }

                await Task.Delay(remaining < config.ReportInterval ? remaining : config.ReportInterval, stoppingToken).ConfigureAwait(false);
                var now = Stopwatch.GetTimestamp();
                var count = engine.Counter.Counted;
                var rate = (count - lastCount) / Stopwatch.GetElapsedTime(lastTime, now).TotalSeconds;
                var ring = pipeline.Snapshot().Rings[0];
                var rejected = engine.Validation.Rejected;
                LogStatus(logger, rate, count, rejected, ring.Occupancy, ring.FullRingWaits);
                lastCount = count;
                lastTime = now;
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C or SIGTERM: fall through to the orderly stop.
        }
        finally
        {
            await feedStop.CancelAsync().ConfigureAwait(false);
            feed.Join();
            var result = pipeline.Stop();
            var published = engine.Source.Published;
            var processed = engine.Counter.Counted;
            var average = processed / Stopwatch.GetElapsedTime(started).TotalSeconds;
            LogStopped(logger, published, processed, average, result.Drained);
            ExitCode = result.Drained && engine.Counter.Counted == engine.Source.Published && pipeline.Faults.Count == 0 ? 0 : 1;
            lifetime.StopApplication();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Engine started from {Source}; threads: {Layout}")]
    private static partial void LogStarted(ILogger logger, string source, string layout);

    [LoggerMessage(Level = LogLevel.Information, Message = "events/s {Rate:N0}  total {Total}  rejected {Rejected}  ring occupancy {Occupancy}  full-ring waits {FullWaits}")]
    private static partial void LogStatus(ILogger logger, double rate, long total, long rejected, long occupancy, long fullWaits);

    [LoggerMessage(Level = LogLevel.Information, Message = "Engine stopped: published {Published}, processed {Processed} (avg {Rate:N0} events/s), drained {Drained}")]
    private static partial void LogStopped(ILogger logger, long published, long processed, double rate, bool drained);
}
