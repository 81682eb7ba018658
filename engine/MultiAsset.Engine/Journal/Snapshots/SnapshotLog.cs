using Microsoft.Extensions.Logging;

namespace MultiAsset.Engine.Journal.Snapshots;

/// <summary>The snapshots' log messages (source-generated).</summary>
internal static partial class SnapshotLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Snapshot written to {File}: {Records} records covered, {Bytes:N0} bytes, capture {CaptureMs:F1} ms on the engine thread, write {WriteMs:F1} ms in the background")]
    public static partial void LogWritten(this ILogger logger, string file, long records, long bytes, double captureMs, double writeMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Snapshot capture failed; snapshots are off until restart (recovery replays the journal from the last good snapshot)")]
    public static partial void LogCaptureFailed(this ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Snapshot {File} could not be written; the next one will be tried at the next interval")]
    public static partial void LogWriteFailed(this ILogger logger, Exception exception, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "Journal retention: {Count} segment(s) before record {Sequence} {Action}")]
    public static partial void LogRetired(this ILogger logger, int count, long sequence, string action);
}
