namespace MultiAsset.Engine.Journal;

/// <summary>An extra record filter for <see cref="JournalExportOptions.Where"/> (the seam for account filters).</summary>
public delegate bool JournalRecordPredicate(in JournalRecord record);
