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

    [LoggerMessage(Level = LogLevel.Error, Message = "Journal manifest of {Directory} could not be written; the previous one stays and the write is retried")]
    public static partial void LogManifestWriteFailed(this ILogger logger, Exception exception, string directory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journal {Directory} had no manifest (written by an engine version before manifests): created one from a full scan of {Segments} segment(s), {Records} record(s); from now on a lost or replaced segment is detected")]
    public static partial void LogManifestCreated(this ILogger logger, string directory, int segments, long records);

    [LoggerMessage(Level = LogLevel.Information, Message = "Journal segment {File} is not in the manifest yet but continues the journal (the manifest was written before the roll-over that created it); adopted")]
    public static partial void LogSegmentAdopted(this ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "Journal pruned before sequence {Before}: {Count} segment(s) {Action}")]
    public static partial void LogPruned(this ILogger logger, long before, int count, string action);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journal {Directory}: {Count} chain checkpoint(s) after sequence {Last} dropped (their records were lost in a crash before they were durable)")]
    public static partial void LogChainCheckpointsDropped(this ILogger logger, string directory, int count, long last);

    [LoggerMessage(Level = LogLevel.Error, Message = "Journal chain checkpoints of {Directory} could not be written; retried at the next flush")]
    public static partial void LogChainWriteFailed(this ILogger logger, Exception exception, string directory);
}
