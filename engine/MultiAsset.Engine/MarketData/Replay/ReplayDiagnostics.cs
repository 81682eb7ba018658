using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MultiAsset.Engine.MarketData.Replay;

/// <summary>
/// Makes bad market data diagnosable while a replay runs: logs the first <see cref="LoggedBadRows"/> bad rows of a
/// feed one by one (<c>file:line:column: reason: message</c>), warns about large jumps in event time between two rows
/// of a file, and writes the end-of-replay summary (rows, rejects by reason, and a clear error when no row of a file
/// could be used). Shared by every file of one replay feed.
/// </summary>
/// <remarks>
/// Only the error path reaches it: sources call it for a bad row (while <see cref="WantsBadRowDetail"/>) or a gap, so
/// a good row costs nothing here. Called on the feed's thread; the counters may be read from any thread. The library
/// writes to an <see cref="ILogger"/> the host hands in; without one, nothing is written and only the counts remain.
/// </remarks>
public sealed partial class ReplayDiagnostics
{
    /// <summary>Bad rows logged one by one by default.</summary>
    public const int DefaultLoggedBadRows = 20;

    /// <summary>Jumps in event time between two consecutive rows of a file larger than this are warned about by default.</summary>
    public static readonly TimeSpan DefaultGapWarning = TimeSpan.FromDays(7);

    private readonly ILogger logger;
    private long badRowsLogged;
    private long gaps;

    /// <summary>Creates the diagnostics of one feed.</summary>
    /// <param name="logger">Where to write; <see langword="null"/> writes nothing.</param>
    /// <param name="loggedBadRows">How many bad rows to log individually (later ones are only counted).</param>
    /// <param name="gapWarning">The jump in event time between two rows of a file worth a warning.</param>
    public ReplayDiagnostics(ILogger? logger = null, int loggedBadRows = DefaultLoggedBadRows, TimeSpan? gapWarning = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(loggedBadRows);
        var gap = gapWarning ?? DefaultGapWarning;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(gap, TimeSpan.Zero, nameof(gapWarning));
        this.logger = logger ?? NullLogger.Instance;
        LoggedBadRows = loggedBadRows;
        GapWarningNanoseconds = gap.Ticks > long.MaxValue / 100 ? long.MaxValue : gap.Ticks * 100;
    }

    /// <summary>How many bad rows are logged individually.</summary>
    public int LoggedBadRows { get; }

    /// <summary>The jump in event time (ns) between two consecutive rows of a file that is warned about.</summary>
    public long GapWarningNanoseconds { get; }

    /// <summary>Bad rows logged so far (at most <see cref="LoggedBadRows"/>).</summary>
    public long BadRowsLogged => Volatile.Read(ref badRowsLogged);

    /// <summary>Jumps in event time larger than <see cref="GapWarningNanoseconds"/> seen so far.</summary>
    public long Gaps => Volatile.Read(ref gaps);

    /// <summary>Whether the next bad row will be logged (lets a source skip building its message).</summary>
    public bool WantsBadRowDetail => badRowsLogged < LoggedBadRows;

    /// <summary>Logs <paramref name="error"/> if fewer than <see cref="LoggedBadRows"/> have been; says once when the rest stop being logged.</summary>
    public void BadRow(ReplayError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (!WantsBadRowDetail)
        {
            return;
        }

        Volatile.Write(ref badRowsLogged, badRowsLogged + 1);
        var reason = error.Reason.ToString();
        LogBadRow(logger, error.File, error.Line, error.Column, reason, error.Message);
        if (badRowsLogged == LoggedBadRows)
        {
            LogBadRowLimit(logger, LoggedBadRows);
        }
    }

    /// <summary>Warns that event time jumps from <paramref name="previous"/> to <paramref name="current"/> at <paramref name="file"/>:<paramref name="line"/>.</summary>
    public void Gap(string file, long line, long previous, long current)
    {
        Volatile.Write(ref gaps, gaps + 1);
        if (gaps <= Math.Max(LoggedBadRows, 1))
        {
            var span = Describe(TimeSpan.FromTicks(Math.Abs((current / 100) - (previous / 100))));
            var from = FormatTime(previous);
            var to = FormatTime(current);
            LogGap(logger, file, line, current < previous ? "back" : "forward", span, from, to);
        }
    }

    /// <summary>
    /// Logs what a finished (or stopped) replay read from <paramref name="file"/>: rows, rejects by reason, and an error
    /// when it had rows but none could be used (a wrong layout, a wrong instrument file, ...).
    /// </summary>
    public void Summarise(string file, EventSourceStats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var reasons = string.Join(", ", Enum.GetValues<Model.Events.MarketDataRejectReason>()
            .Where(r => stats.RejectedFor(r) > 0)
            .Select(r => $"{r} {stats.RejectedFor(r)}"));
        if (stats.Rows > 0 && stats.Accepted == 0)
        {
            var first = stats.Errors.Count > 0 ? stats.Errors[0].ToString() : "no detail";
            LogAllRowsBad(logger, file, stats.Rows, reasons, first);
        }
        else if (stats.Rejected > 0)
        {
            LogSummaryWithRejects(logger, file, stats.Rows, stats.Accepted, stats.Rejected, reasons, Math.Min(stats.Rejected, BadRowsLogged));
        }
        else
        {
            LogSummary(logger, file, stats.Rows, stats.BlankLines);
        }
    }

    /// <summary>Logs that feed <paramref name="feed"/> skipped <paramref name="skipped"/> events a recovered journal already held.</summary>
    public void Resumed(string feed, long skipped, long after)
    {
        var time = FormatTime(after);
        LogResumed(logger, feed, skipped, time);
    }

    private static string FormatTime(long unixNanos)
    {
        long ticks = unixNanos / 100;
        return ticks >= -DateTime.UnixEpoch.Ticks && ticks <= DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks
            ? DateTime.UnixEpoch.AddTicks(ticks).ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", CultureInfo.InvariantCulture)
            : unixNanos.ToString(CultureInfo.InvariantCulture);
    }

    private static string Describe(TimeSpan span)
        => span.TotalDays >= 365 ? $"{span.TotalDays / 365.25:0.#} years"
            : span.TotalDays >= 1 ? $"{span.TotalDays:0.#} days"
            : $"{span.TotalHours:0.#} hours";

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "{File}:{Line}:{Column}: bad row ({Reason}): {Detail}")]
    private static partial void LogBadRow(ILogger logger, string file, long line, int column, string reason, string detail);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "{Limit} bad rows logged; further bad rows are counted, not logged (the summary at the end of the replay has the totals)")]
    private static partial void LogBadRowLimit(ILogger logger, int limit);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "{File}:{Line}: event time jumps {Direction} by {Span} ({Previous} -> {Current}); rows are replayed as they are")]
    private static partial void LogGap(ILogger logger, string file, long line, string direction, string span, string previous, string current);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Error, Message = "{File}: every one of its {Rows} rows was rejected ({Reasons}); nothing from this file reached the engine. First: {First}")]
    private static partial void LogAllRowsBad(ILogger logger, string file, long rows, string reasons, string first);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning, Message = "{File}: {Rows} rows, {Accepted} read, {Rejected} bad ({Reasons}); {Logged} of them logged above")]
    private static partial void LogSummaryWithRejects(ILogger logger, string file, long rows, long accepted, long rejected, string reasons, long logged);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Information, Message = "{Feed}: resumed after the journal: skipped {Skipped} rows at or before {After}")]
    private static partial void LogResumed(ILogger logger, string feed, long skipped, string after);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Information, Message = "{File}: {Rows} rows read, none bad ({BlankLines} blank lines skipped)")]
    private static partial void LogSummary(ILogger logger, string file, long rows, long blankLines);
}
