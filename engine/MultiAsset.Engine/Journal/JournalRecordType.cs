namespace MultiAsset.Engine.Journal;

/// <summary>
/// What a journal record carries. Written to disk as a <see langword="ushort"/>: never renumber a value.
/// <see cref="None"/> and <see cref="SegmentEnd"/> are reserved by the format and cannot be appended.
/// </summary>
public enum JournalRecordType : ushort
{
    /// <summary>Never written: an all-zero record header marks space no record has used yet.</summary>
    None = 0,

    /// <summary>The 64 raw bytes of an <see cref="Model.Events.InputEvent"/> as published on the input ring.</summary>
    InputEvent = 1,

    /// <summary>Reserved: a control command (deploy, cancel, kill switch) once commands travel on the input ring.</summary>
    Command = 2,

    /// <summary>Reserved: a state snapshot that bounds replay time.</summary>
    Snapshot = 3,

    /// <summary>Reserved: a venue fill, acknowledgement or reject re-entering the pipeline.</summary>
    Execution = 4,

    /// <summary>
    /// The end marker that seals a segment (written by the writer at roll-over, never returned by the reader): its
    /// sequence is the first sequence of the next segment and its timestamp that of the segment's last record.
    /// </summary>
    SegmentEnd = ushort.MaxValue,
}
