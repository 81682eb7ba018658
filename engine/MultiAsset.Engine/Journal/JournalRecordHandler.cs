namespace MultiAsset.Engine.Journal;

/// <summary>Receives a record (valid only during the call) from <see cref="JournalTail"/>.</summary>
public delegate void JournalRecordHandler(in JournalRecord record);
