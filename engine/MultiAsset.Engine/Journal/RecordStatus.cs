namespace MultiAsset.Engine.Journal;

/// <summary>What <see cref="JournalRecords.Check"/> found at an offset.</summary>
internal enum RecordStatus
{
    /// <summary>A complete record with the expected sequence and a matching CRC.</summary>
    Valid,

    /// <summary>The end marker of a sealed segment.</summary>
    End,

    /// <summary>An all-zero header: no record has been written here (yet).</summary>
    Empty,

    /// <summary>Not even a header fits before the end of the segment.</summary>
    NoRoom,

    /// <summary>The type is 0 or the length is negative or runs past the end of the segment.</summary>
    BadHeader,

    /// <summary>The CRC does not match the header and payload (a torn or damaged record).</summary>
    BadCrc,

    /// <summary>The CRC matches but the sequence is not the expected one (damage no torn write explains).</summary>
    BadSequence,
}
