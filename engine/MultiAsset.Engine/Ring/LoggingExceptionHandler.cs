using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MultiAsset.Engine.Ring;

/// <summary>
/// The default exception policy: log, count, continue. Logging is rate-limited per stage (the first
/// <see cref="FullyLoggedPerStage"/> failures, then one line per <see cref="LogEveryAfterThat"/> with the running
/// count) so that a handler failing on every event cannot flood the log or slow the ring to a crawl.
/// </summary>
public sealed partial class LoggingExceptionHandler : IEventExceptionHandler
{
    /// <summary>Failures per stage logged in full before rate limiting starts.</summary>
    public const int FullyLoggedPerStage = 10;

    /// <summary>After the first failures, one in this many is logged.</summary>
    public const int LogEveryAfterThat = 10_000;

    private readonly ILogger logger;
    private readonly Lock countsLock = new();
    private readonly Dictionary<string, long> failuresByStage = new(StringComparer.Ordinal);
    private long totalFailures;

    /// <summary>Creates the handler; with no logger, failures are only counted.</summary>
    public LoggingExceptionHandler(ILogger? logger = null) => this.logger = logger ?? NullLogger.Instance;

    /// <summary>All handler failures seen, across stages.</summary>
    public long TotalFailures => Interlocked.Read(ref totalFailures);

    /// <summary>Failures seen for one stage.</summary>
    public long FailuresOf(string stageName)
    {
        lock (countsLock)
        {
            return failuresByStage.GetValueOrDefault(stageName);
        }
    }

    /// <inheritdoc />
    public void OnEventException(Exception exception, long sequence, string stageName)
    {
        Interlocked.Increment(ref totalFailures);
        long count;
        lock (countsLock)
        {
            count = failuresByStage.GetValueOrDefault(stageName) + 1;
            failuresByStage[stageName] = count;
        }

        if (count <= FullyLoggedPerStage || count % LogEveryAfterThat == 0)
        {
            LogEventFailure(logger, exception, stageName, sequence, count);
        }
    }

    /// <inheritdoc />
    public void OnLifecycleException(Exception exception, string stageName, string phase)
    {
        Interlocked.Increment(ref totalFailures);
        LogLifecycleFailure(logger, exception, stageName, phase);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Stage {Stage} failed on sequence {Sequence} (failure #{Count}); event skipped, stage continues")]
    private static partial void LogEventFailure(ILogger logger, Exception exception, string stage, long sequence, long count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stage {Stage} failed in {Phase}")]
    private static partial void LogLifecycleFailure(ILogger logger, Exception exception, string stage, string phase);
}
