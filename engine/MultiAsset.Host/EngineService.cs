using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MultiAsset.Engine.Journal;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.MarketData.Feeds;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Host;

/// <summary>
/// Runs the engine inside the generic host: starts the pipeline and one thread per feed, prints a status line every
/// report interval, and stops on Ctrl-C, SIGTERM, <c>--duration</c>, or when every feed has run out of data (a
/// replay): feeds stop first, then the rings drain, then the stages halt.
/// </summary>
public sealed partial class EngineService : BackgroundService
{
    private readonly EngineRuntime engine;
    private readonly HostConfig config;
    private readonly HostRunOptions runOptions;
    private readonly IHostApplicationLifetime lifetime;
    private readonly ILogger<EngineService> logger;
    private readonly EngineReadiness readiness;

    public EngineService(EngineRuntime engine, HostConfig config, HostRunOptions runOptions, IHostApplicationLifetime lifetime, ILogger<EngineService> logger, EngineReadiness readiness)
    {
        this.engine = engine;
        this.readiness = readiness;
        this.config = config;
        this.runOptions = runOptions;
        this.lifetime = lifetime;
        this.logger = logger;
    }

    /// <summary>
    /// 0 when the run ended cleanly (everything published or replayed was processed), 3 when the journal could not be
    /// replayed or failed to append, 1 otherwise (not drained, or a stage thread died).
    /// </summary>
    public int ExitCode { get; private set; } = 1;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pipeline = engine.Pipeline;
        if (runOptions.DigestAt is { } digestAt)
        {
            engine.Stages.RequestDigestAt(digestAt, engine.Chained);
        }

        // The control API answers 503 (and /health "recovering") until the journal is replayed, the configured
        // strategies exist and the feeds are positioned: nothing it acknowledges can fall between replayed records.
        pipeline.Start();
        var recovered = Recover();
        if (recovered != 0 || runOptions.RecoverOnly)
        {
            readiness.MarkStopping();
            engine.Commands.Close();
            pipeline.Stop();
            ExitCode = recovered != 0 ? recovered : pipeline.Faults.Count == 0 ? 0 : 1;
            lifetime.StopApplication();
            return;
        }

        // Feeds continue after the last journalled event (simulated time and replays would otherwise start again from
        // their beginning and every event would be rejected as out of order).
        FeedResume.Apply(engine);
        try
        {
            await CreateConfiguredStrategiesAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C or SIGTERM while the shipped strategies were being created: an orderly stop, no feed started.
            readiness.MarkStopping();
            engine.Commands.Close();
            var stopped = pipeline.Stop();
            ExitCode = stopped.Drained && pipeline.Faults.Count == 0 ? 0 : 1;
            lifetime.StopApplication();
            return;
        }

        var layout = string.Join("; ", pipeline.StagesByThread.Select(t => $"{t.Key}: {string.Join(" -> ", t.Value)}"));
        var feedNames = string.Join(", ", engine.Feeds.Select(f => f.Name));
        var instruments = config.MarketData.Catalog.Count;
        LogStarted(logger, config.Source, instruments, feedNames, layout);

        using var feedStop = new CancellationTokenSource();
        readiness.MarkReady();
        var threads = engine.Feeds.Select(feed => StartFeed(feed, feedStop.Token)).ToList();
        var allFeedsDone = Task.Factory.StartNew(() => threads.ForEach(t => t.Join()), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var started = Stopwatch.GetTimestamp();
        var counters = engine.MarketData.Counters;
        long lastCount = 0;
        var lastTime = started;
        try
        {
            while (!stoppingToken.IsCancellationRequested && !engine.Feeds.All(f => f.Completed) && !DigestTaken() && !JournalFailed())
            {
                var remaining = runOptions.Duration is { } duration ? duration - Stopwatch.GetElapsedTime(started) : TimeSpan.MaxValue;
                if (remaining <= TimeSpan.Zero)
                {
                    break;
                }

                var wait = remaining < config.ReportInterval ? remaining : config.ReportInterval;
                await Task.WhenAny(Task.Delay(wait, stoppingToken), allFeedsDone).ConfigureAwait(false);
                var now = Stopwatch.GetTimestamp();
                var count = counters.Accepted + counters.Rejected;
                var rate = (count - lastCount) / Math.Max(1e-9, Stopwatch.GetElapsedTime(lastTime, now).TotalSeconds);
                var ring = pipeline.Snapshot().Rings[0];
                var stale = engine.MarketData.Analytics.StaleTransitions;
                if (engine.Journal is { } journal)
                {
                    var acknowledged = journal.Writer.AcknowledgedSequence;
                    LogStatusJournalled(logger, rate, counters.Accepted, counters.Rejected, stale, ring.Occupancy, ring.FullRingWaits, acknowledged);
                }
                else
                {
                    LogStatus(logger, rate, counters.Accepted, counters.Rejected, stale, ring.Occupancy, ring.FullRingWaits);
                }

                var stages = engine.Stages;
                LogTrading(logger, stages.Signals.StrategyCount, stages.Signals.IntentsPublished, stages.Coordination.LastOrderId, stages.Risk.Accepted, stages.Risk.Checked, stages.Router.Counters.Children, stages.Accounts.Fills);
                await LogPnlStatusAsync(stoppingToken).ConfigureAwait(false);
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
            // Refuse new requests first, and wait for a command publish in flight: after this nothing enters the ring
            // but what the feeds still publish, so "published" below is final once they have stopped.
            readiness.MarkStopping();
            engine.Commands.Close();
            await feedStop.CancelAsync().ConfigureAwait(false);
            threads.ForEach(t => t.Join());
            var result = pipeline.Stop();
            SnapshotRecovery.TakeFinal(engine, result.Drained);
            LogPnlTable();
            // Everything published into the input ring — feed events, replayed records, commands, query wake-ups — went
            // through the stages (wake-ups only through the chain's query server: they are not input).
            var published = engine.Feeds.Sum(f => f.EventsPublished) + (engine.Journal?.RecoveredRecords ?? 0) + engine.Commands.SlotsPublished + (engine.Commands.Queries?.WakeUps ?? 0) + engine.Stages.Router.Pumped;
            var processed = engine.MarketData.Processed + (engine.Chain?.QuerySlots ?? engine.MarketData.QuerySlots);
            // The rate is this run's own input: records replayed from the journal at start-up were counted in
            // "processed" too, and on a long journal they would inflate it many times over.
            var replayed = engine.Journal?.RecoveredRecords ?? 0;
            var average = Math.Max(0, processed - replayed) / Math.Max(1e-9, Stopwatch.GetElapsedTime(started).TotalSeconds);
            var rejects = string.Join(", ", counters.Snapshot().Select(r => $"{r.Key} {r.Value}"));
            LogStopped(logger, published, processed, replayed, counters.Accepted, rejects.Length == 0 ? "none" : rejects, average, result.Drained);
            if (engine.Commands.Queries is { Answered: > 0 } queries)
            {
                LogQueries(logger, queries.Answered, queries.EngineTime.TotalMilliseconds);
            }
            ExitCode = engine.Journal?.Failure is not null ? 3
                : result.Drained && processed == published && pipeline.Faults.Count == 0 ? 0 : 1;
            lifetime.StopApplication();
        }
    }

    /// <summary>
    /// The status line's second half: simulated time (the accounts stage's latest event time) and the one-line P&amp;L per
    /// base currency, asked of the engine thread like any query (chained layout; otherwise the time only).
    /// </summary>
    private async Task LogPnlStatusAsync(CancellationToken cancellationToken)
    {
        var time = PnlNames.SimulatedTime(engine.Stages.Accounts.LastEventTime);
        var line = "P&L needs the chained layout";
        if (engine.Chained && engine.Commands.Queries is not null)
        {
            var reply = await engine.Commands.SendAsync(CommandKind.QueryAccounts, string.Empty, TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
            line = reply.Result is IEnumerable<MultiAsset.Engine.Portfolio.Accounts.AccountSnapshot> accounts
                ? PnlNames.StatusLine(accounts.Where(a => a.Pnl is not null).Select(a => a.Pnl!))
                : $"P&L unavailable ({reply.Message ?? reply.Status.ToString()})";
        }

        LogPnl(logger, time, line);
    }

    /// <summary>At the end of a run (the stages have stopped, so the book is read in place): the per-strategy table.</summary>
    private void LogPnlTable()
    {
        try
        {
            var book = engine.Stages.Accounts.Book;
            var accounts = Enumerable.Range(0, book.AccountCount)
                .Select(a => new MultiAsset.Engine.Model.AccountId(a))
                .Select(id => (engine.Stages.AccountNames.NameOf(id), PnlNames.Name(book.Pnl(id), engine.Stages)))
                .ToList();
            var time = PnlNames.SimulatedTime(engine.Stages.Accounts.LastEventTime);
            // The log header, then the table itself on stdout (a console log line would flatten it).
            LogPnlTableText(logger, time);
            Console.Out.Write(PnlNames.Table(accounts));
            Console.Out.Flush();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            var reason = "P&L table unavailable: " + ex.Message;
            LogPnl(logger, "-", reason);
        }
    }

    /// <summary>
    /// Replays the recovered journal through the stages before any feed starts, drains it, and logs the record count
    /// and the digest of the recovered state. 0 when recovered, 3 when the journal could not be replayed, 1 when the
    /// stages did not drain it.
    /// </summary>
    private int Recover()
    {
        if (engine.Journal is not { } journal)
        {
            return 0;
        }

        // The writer has already logged what it found on disk (segments, records, any truncated tail).
        var started = Stopwatch.GetTimestamp();
        try
        {
            SnapshotRecovery.Recover(engine, config, logger);
        }
        catch (Exception ex) when (ex is JournalException or MultiAsset.Engine.Journal.Snapshots.SnapshotException)
        {
            LogReplayFailed(logger, ex.Message);
            return 3;
        }

        var behind = engine.Pipeline.Drain(TimeSpan.FromMinutes(10));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogRecovered(logger, journal.RecoveredRecords, elapsed, behind.Count == 0);
        foreach (var (stage, _) in engine.Stages.Digests)
        {
            var digest = StateDigest.Format(StateDigest.Of(stage));
            LogDigest(logger, stage.DigestName, journal.RecoveredRecords - 1, digest);
        }

        return behind.Count == 0 ? 0 : 1;
    }

    /// <summary>True (after logging it) when the journal could not append: the engine stops rather than run undurably.</summary>
    private bool JournalFailed()
    {
        if (engine.Journal?.Failure is not { } failure)
        {
            return false;
        }

        LogJournalFailed(logger, failure.Message);
        return true;
    }

    /// <summary>With <c>--digest-at</c>: true (after logging them) once every stage has digested the requested point.</summary>
    private bool DigestTaken()
    {
        if (runOptions.DigestAt is not { } sequence || engine.Stages.Digests.Any(d => d.Requested() is null))
        {
            return false;
        }

        foreach (var (stage, requested) in engine.Stages.Digests)
        {
            var digest = StateDigest.Format(requested()!.Value);
            LogDigest(logger, stage.DigestName, sequence, digest);
        }

        return true;
    }

    /// <summary>
    /// Creates (and deploys) the configured strategies with the same commands the control API sends — on a fresh start
    /// only: after a restart they are in the journal and came back with its replay.
    /// </summary>
    private async Task CreateConfiguredStrategiesAsync(CancellationToken cancellationToken)
    {
        if (config.Strategies is not { } strategies || engine.Journal?.RecoveredRecords > 0)
        {
            return;
        }

        var timeout = TimeSpan.FromSeconds(30);
        foreach (var strategy in strategies.Documents)
        {
            var reply = await engine.Commands.SendAsync(CommandKind.CreateStrategy, strategy.Json, timeout, cancellationToken).ConfigureAwait(false);
            if (reply.Succeeded && strategies.Deploy)
            {
                reply = await engine.Commands.SendAsync(CommandKind.DeployStrategy, strategy.Document.Id, timeout, cancellationToken).ConfigureAwait(false);
            }

            if (reply.Succeeded)
            {
                LogStrategy(logger, strategy.Document.Id, strategy.Document.Account, strategies.Deploy ? "deployed" : "created");
            }
            else
            {
                LogStrategyFailed(logger, strategy.Document.Id, reply.Message ?? reply.Status.ToString());
            }
        }
    }

    private Thread StartFeed(IMarketDataFeed feed, CancellationToken token)
    {
        var thread = new Thread(() =>
        {
            try
            {
                feed.Run(token);
            }
            catch (Exception ex)
            {
                // A feed that dies must not take the process down: the engine drains what it published and stops.
                LogFeedFailed(logger, feed.Name, ex.GetType().Name, ex.Message);
            }
        })
        {
            Name = $"mae-feed-{feed.Name}",
            IsBackground = true,
        };
        thread.Start();
        return thread;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Engine started from {Source}: {Instruments} instruments; feeds: {Feeds}; threads: {Layout}")]
    private static partial void LogStarted(ILogger logger, string source, int instruments, string feeds, string layout);

    [LoggerMessage(Level = LogLevel.Information, Message = "events/s {Rate:N0}  accepted {Accepted}  rejected {Rejected}  stale {Stale}  ring occupancy {Occupancy}  full-ring waits {FullWaits}")]
    private static partial void LogStatus(ILogger logger, double rate, long accepted, long rejected, long stale, long occupancy, long fullWaits);

    [LoggerMessage(Level = LogLevel.Information, Message = "events/s {Rate:N0}  accepted {Accepted}  rejected {Rejected}  stale {Stale}  ring occupancy {Occupancy}  full-ring waits {FullWaits}  journal ack {Acknowledged}")]
    private static partial void LogStatusJournalled(ILogger logger, double rate, long accepted, long rejected, long stale, long occupancy, long fullWaits, long acknowledged);

    [LoggerMessage(Level = LogLevel.Information, Message = "strategies {Strategies}  intents {Intents}  orders {Orders}  risk accepted {Accepted}/{Checked}  child orders {Children}  fills {Fills}")]
    private static partial void LogTrading(ILogger logger, int strategies, long intents, long orders, long accepted, long @checked, long children, long fills);

    [LoggerMessage(Level = LogLevel.Information, Message = "simulated time {Time}  P&L {Pnl}")]
    private static partial void LogPnl(ILogger logger, string time, string pnl);

    [LoggerMessage(Level = LogLevel.Information, Message = "P&L by strategy at {Time} (orders = child orders acked or rejected by a venue + parent orders refused by risk; refusals = venue rejects + risk refusals; amounts in the account's base currency; see docs/pnl.md):")]
    private static partial void LogPnlTableText(ILogger logger, string time);

    [LoggerMessage(Level = LogLevel.Information, Message = "recovered {Records} journal records in {Milliseconds:N0} ms (drained {Drained})")]
    private static partial void LogRecovered(ILogger logger, long records, double milliseconds, bool drained);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The journal could not append; the engine stops (events after the failure are not durable): {Reason}")]
    private static partial void LogJournalFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Journal replay failed; the engine stops without starting its feeds: {Reason}")]
    private static partial void LogReplayFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Engine stopped: published {Published}, processed {Processed} (recovered from the journal {Recovered}; accepted {Accepted}; rejected: {Rejects}), avg {Rate:N0} events/s of this run's input, drained {Drained}")]
    private static partial void LogStopped(ILogger logger, long published, long processed, long recovered, long accepted, string rejects, double rate, bool drained);

    [LoggerMessage(Level = LogLevel.Information, Message = "queries answered {Answered:N0}, engine thread time answering them {Milliseconds:N1} ms")]
    private static partial void LogQueries(ILogger logger, long answered, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "digest {Stage}@{Sequence} = {Digest}")]
    private static partial void LogDigest(ILogger logger, string stage, long sequence, string digest);

    [LoggerMessage(Level = LogLevel.Information, Message = "strategy {Strategy} {State} in account {Account}")]
    private static partial void LogStrategy(ILogger logger, string strategy, string account, string state);

    [LoggerMessage(Level = LogLevel.Error, Message = "strategy {Strategy} could not be started: {Reason}")]
    private static partial void LogStrategyFailed(ILogger logger, string strategy, string reason);

    // The reason without a stack trace: a feed fails on its data (a file's problem), which the message names.
    [LoggerMessage(Level = LogLevel.Error, Message = "Feed {Feed} failed and stopped: {Kind}: {Reason}")]
    private static partial void LogFeedFailed(ILogger logger, string feed, string kind, string reason);
}
