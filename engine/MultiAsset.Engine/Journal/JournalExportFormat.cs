namespace MultiAsset.Engine.Journal;

/// <summary>Output format of <see cref="JournalExporter"/>.</summary>
public enum JournalExportFormat
{
    /// <summary>One JSON object per line.</summary>
    JsonLines = 0,

    /// <summary>Comma-separated values with a header row (RFC 4180 quoting).</summary>
    Csv = 1,
}
