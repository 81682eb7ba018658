using System.Runtime.CompilerServices;

namespace MultiAsset.Engine.Journal;

/// <summary>Parsing and checking of records in a segment image (mapped or decompressed), shared by every reader.</summary>
internal static unsafe class JournalRecords
{
    /// <summary>
    /// Checks the record at <paramref name="offset"/> of the <paramref name="length"/>-byte segment image at
    /// <paramref name="segment"/>. On <see cref="RecordStatus.Valid"/>, <paramref name="recordSize"/> is the bytes to skip.
    /// The CRC is read first with acquire semantics, pairing with the writer's release store of it, so a record whose
    /// CRC matches is complete even while a writer in another thread or process is appending.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RecordStatus Check(byte* segment, long length, long offset, long expectedSequence, bool verifyCrc, out long recordSize)
    {
        recordSize = 0;
        if (offset + JournalRecordHeader.TotalSize > length)
        {
            return RecordStatus.NoRoom;
        }

        byte* p = segment + offset;
        uint crc = Volatile.Read(ref *(uint*)(p + JournalRecordHeader.CrcOffset));
        ref var header = ref Unsafe.AsRef<JournalRecordHeader>(p);
        if (header.Type == JournalRecordType.None || header.Length < 0)
        {
            return IsZero(p, JournalRecordHeader.TotalSize) ? RecordStatus.Empty : RecordStatus.BadHeader;
        }

        int padded = JournalRecordHeader.PaddedLength(header.Length);
        long size = JournalRecordHeader.TotalSize + (long)padded;
        if (padded < header.Length || offset + size > length)
        {
            return RecordStatus.BadHeader;
        }

        if (verifyCrc && JournalCrc.Record(p, padded) != crc)
        {
            return RecordStatus.BadCrc;
        }

        if (header.Sequence != expectedSequence)
        {
            return RecordStatus.BadSequence;
        }

        if (header.Type == JournalRecordType.SegmentEnd)
        {
            return header.Length == 0 ? RecordStatus.End : RecordStatus.BadHeader;
        }

        recordSize = size;
        return RecordStatus.Valid;
    }

    /// <summary>The header at <paramref name="offset"/> (no checks).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref JournalRecordHeader Header(byte* segment, long offset) => ref Unsafe.AsRef<JournalRecordHeader>(segment + offset);

    /// <summary>
    /// True when a complete record with a matching CRC and a sequence after <paramref name="afterSequence"/> starts at
    /// <paramref name="offset"/>: used to tell a torn tail (nothing valid follows) from damage in the middle.
    /// </summary>
    public static bool LooksValid(byte* segment, long length, long offset, long afterSequence)
    {
        if (offset + JournalRecordHeader.TotalSize > length)
        {
            return false;
        }

        ref var header = ref Header(segment, offset);
        if (header.Type == JournalRecordType.None || header.Length < 0 || header.Sequence <= afterSequence
            || header.Sequence - afterSequence > length / JournalRecordHeader.TotalSize + 1)
        {
            return false;
        }

        int padded = JournalRecordHeader.PaddedLength(header.Length);
        if (padded < header.Length || offset + JournalRecordHeader.TotalSize + padded > length)
        {
            return false;
        }

        return JournalCrc.Record(segment + offset, padded) == header.Crc;
    }

    /// <summary>True when every byte of the range is zero.</summary>
    public static bool IsZero(byte* p, long length)
        => length <= 0 || new ReadOnlySpan<byte>(p, checked((int)length)).IndexOfAnyExcept((byte)0) < 0;

    /// <summary>Offset just past the last non-zero byte in [<paramref name="from"/>, <paramref name="length"/>), or <paramref name="from"/> when all zero.</summary>
    public static long EndOfNonZero(byte* segment, long from, long length)
    {
        if (from >= length)
        {
            return from;
        }

        int last = new ReadOnlySpan<byte>(segment + from, checked((int)(length - from))).LastIndexOfAnyExcept((byte)0);
        return last < 0 ? from : from + last + 1;
    }

    /// <summary>Describes a bad status for an error message.</summary>
    public static string Describe(RecordStatus status, byte* segment, long offset, long expectedSequence) => status switch
    {
        RecordStatus.Empty => "no record where one was expected (zeros)",
        RecordStatus.NoRoom => "the segment ends inside a record header",
        RecordStatus.BadHeader => $"malformed record header (type {(ushort)Header(segment, offset).Type}, length {Header(segment, offset).Length})",
        RecordStatus.BadCrc => $"record CRC mismatch (header says sequence {Header(segment, offset).Sequence}, expected {expectedSequence})",
        RecordStatus.BadSequence => $"record sequence {Header(segment, offset).Sequence} where {expectedSequence} was expected",
        _ => status.ToString(),
    };

    /// <summary>Null when this build reads <paramref name="version"/>, else the problem (naming both versions).</summary>
    public static string? VersionProblem(ushort version)
        => version is >= JournalSegmentHeader.OldestReadableVersion and <= JournalSegmentHeader.CurrentVersion
            ? null
            : $"format version {version}, but this build reads versions {JournalSegmentHeader.OldestReadableVersion}..{JournalSegmentHeader.CurrentVersion} "
                + "(written by a different engine version: read it with that version's maectl)";

    /// <summary>Reads and checks a segment header; returns null when valid, else the problem.</summary>
    public static string? CheckSegmentHeader(byte* p, long fileLength, long expectedFirstSequence)
    {
        if (fileLength < JournalSegmentHeader.TotalSize)
        {
            return $"the file is {fileLength} bytes, shorter than a segment header";
        }

        ref var header = ref Unsafe.AsRef<JournalSegmentHeader>(p);
        if (header.Magic != JournalSegmentHeader.MagicValue)
        {
            return "not a journal segment (bad magic)";
        }

        if (VersionProblem(header.FormatVersion) is { } versionProblem)
        {
            return versionProblem;
        }

        if (JournalCrc.Compute(p, JournalSegmentHeader.CrcOffset) != header.HeaderCrc)
        {
            return "segment header CRC mismatch";
        }

        if (header.FormatVersion >= JournalSegmentHeader.ChainedVersion && header.HeaderSize != JournalSegmentHeader.ChainedHeaderSize)
        {
            return $"format version {header.FormatVersion} segment with header size {header.HeaderSize} (expected {JournalSegmentHeader.ChainedHeaderSize})";
        }

        if (header.FirstSequence != expectedFirstSequence)
        {
            return $"header says first sequence {header.FirstSequence} but the file name says {expectedFirstSequence}";
        }

        return null;
    }
}
