using Microsoft.Extensions.Logging;

namespace MultiAsset.Engine.Journal;

/// <summary>The journal's log messages (source-generated, no allocation when disabled).</summary>
internal static partial class JournalLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Journal recovery truncated a torn tail of {File} at offset {Offset}: {Bytes} byte(s), {Records} partial record(s) never acknowledged ({Reason})")]
    public static partial void LogTornTailTruncated(this ILogger logger, string file, long offset, long bytes, int records, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Journal opened: {Summary}")]
    public static partial void LogOpened(this ILogger logger, JournalRecoveryReport summary);

    [LoggerMessage(Level = LogLevel.Information, Message = "Journal segment {File} compressed to {Archive}")]
    public static partial void LogCompressed(this ILogger logger, string file, string archive);

    [LoggerMessage(Level = LogLevel.Error, Message = "Journal background work on {File} failed; the plain segment is kept and stays readable")]
    public static partial void LogBackgroundFailed(this ILogger logger, Exception exception, string file);
}
