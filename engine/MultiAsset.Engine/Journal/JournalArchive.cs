using System.Diagnostics.CodeAnalysis;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using K4os.Compression.LZ4;

namespace MultiAsset.Engine.Journal;

/// <summary>
/// Compressed segments (<c>.journal.lz4</c>): writing one from a sealed plain segment, and reading one back.
/// </summary>
/// <remarks>
/// Compression never leaves a moment where the segment exists in neither form: the archive is written to a
/// <c>.tmp</c> file, fsynced, renamed, read back and compared byte for byte with the plain segment, and only then is
/// the plain file deleted. A crash at any point leaves the plain file (and maybe a .tmp or a complete archive, which
/// recovery deletes because the plain file wins).
/// </remarks>
internal static unsafe class JournalArchive
{
    /// <summary>Summary of a sealed plain segment, found by checking every record up to its end marker.</summary>
    public readonly record struct SealedSummary(long UsedLength, long RecordCount, long FirstTimestamp, long LastTimestamp);

    /// <summary>
    /// Checks a sealed plain segment image and summarises it; null when it is not a complete sealed segment.
    /// </summary>
    public static SealedSummary? Summarise(byte* p, long length, long firstSequence)
    {
        long offset = JournalSegmentHeader.RecordsOffset(p);
        long sequence = firstSequence;
        long firstTs = 0, lastTs = 0;
        while (true)
        {
            var status = JournalRecords.Check(p, length, offset, sequence, verifyCrc: true, out long size);
            if (status == RecordStatus.End)
            {
                return new SealedSummary(offset + JournalRecordHeader.TotalSize, sequence - firstSequence, firstTs, lastTs);
            }

            if (status != RecordStatus.Valid)
            {
                return null;
            }

            long ts = JournalRecords.Header(p, offset).Timestamp;
            if (sequence == firstSequence)
            {
                firstTs = ts;
            }

            lastTs = ts;
            offset += size;
            sequence++;
        }
    }

    /// <summary>
    /// Compresses the sealed plain segment <paramref name="plainPath"/> to its archive, verifies it and deletes the
    /// plain file. Returns the archive path, or null (plain file kept) when the segment is not sealed or the archive
    /// did not verify. <paramref name="buffer"/> (the compressed block, then the archive read back) and
    /// <paramref name="check"/> (the archive decompressed) are reused between calls: no allocation per segment.
    /// </summary>
    public static string? Compress(string plainPath, long firstSequence, ref byte[]? buffer, ref byte[]? check)
    {
        var directory = Path.GetDirectoryName(plainPath)!;
        var archivePath = JournalFileNames.Archive(directory, firstSequence);
        var temporary = archivePath + JournalFileNames.TemporarySuffix;
        using (var segment = MappedSegment.OpenRead(plainPath))
        {
            if (JournalRecords.CheckSegmentHeader(segment.Pointer, segment.Length, firstSequence) is not null
                || Summarise(segment.Pointer, segment.Length, firstSequence) is not { } summary)
            {
                return null;
            }

            var source = new ReadOnlySpan<byte>(segment.Pointer, checked((int)summary.UsedLength));
            int bound = LZ4Codec.MaximumOutputSize(source.Length);
            if (buffer is null || buffer.Length < bound)
            {
                buffer = GC.AllocateUninitializedArray<byte>(bound);
            }

            int compressedLength = LZ4Codec.Encode(source, buffer, LZ4Level.L00_FAST);
            if (compressedLength <= 0)
            {
                return null;
            }

            var block = buffer.AsSpan(0, compressedLength);
            ref var segmentHeader = ref Unsafe.AsRef<JournalSegmentHeader>(segment.Pointer);
            var header = new JournalArchiveHeader
            {
                Magic = JournalArchiveHeader.MagicValue,
                FormatVersion = segmentHeader.FormatVersion,
                JournalId = segmentHeader.JournalId,
                SegmentId = segmentHeader.SegmentId,
                Codec = JournalArchiveHeader.CodecLz4Block,
                UncompressedLength = summary.UsedLength,
                CompressedLength = compressedLength,
                FirstSequence = firstSequence,
                RecordCount = summary.RecordCount,
                FirstTimestamp = summary.FirstTimestamp,
                LastTimestamp = summary.LastTimestamp,
                SegmentSize = segmentHeader.SegmentSize,
                CompressedHash = XxHash64.HashToUInt64(block),
            };
            header.HeaderCrc = JournalCrc.Compute(MemoryMarshal.AsBytes(new ReadOnlySpan<JournalArchiveHeader>(in header))[..JournalArchiveHeader.CrcOffset]);
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                file.Write(MemoryMarshal.AsBytes(new ReadOnlySpan<JournalArchiveHeader>(in header)));
                file.Write(block);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, archivePath, overwrite: true);
            JournalNative.SyncDirectory(directory);

            // Read the archive back from the file system and compare it with the segment before deleting anything.
            if (!TryRead(archivePath, ref buffer, ref check, out _, out var problem, out _) || !check.AsSpan(0, source.Length).SequenceEqual(source))
            {
                File.Delete(archivePath);
                throw new IOException($"Compressed segment {archivePath} did not verify ({problem ?? "content differs"}); the plain segment is kept.");
            }
        }

        File.Delete(plainPath);
        JournalNative.SyncDirectory(directory);
        return archivePath;
    }

    /// <summary>Reads and checks an archive header; null when valid, else the problem.</summary>
    public static string? ReadHeader(string path, out JournalArchiveHeader header, out long fileLength)
    {
        header = default;
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        fileLength = file.Length;
        return ReadHeader(file, out header);
    }

    /// <summary>
    /// Reads, checks and decompresses an archive into <paramref name="content"/> (grown when too small). False with a
    /// problem and the offset it refers to when the file is damaged.
    /// </summary>
    public static bool TryRead(string path, ref byte[]? compressed, [NotNull] ref byte[]? content, out JournalArchiveHeader header, out string? problem, out long problemOffset)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        content ??= [];
        problemOffset = 0;
        problem = ReadHeader(file, out header);
        if (problem is not null)
        {
            return false;
        }

        problemOffset = JournalArchiveHeader.TotalSize;
        if (file.Length != JournalArchiveHeader.TotalSize + header.CompressedLength)
        {
            problem = $"the file is {file.Length} bytes but its header declares {JournalArchiveHeader.TotalSize + header.CompressedLength} (truncated archive)";
            return false;
        }

        int compressedLength = checked((int)header.CompressedLength);
        int uncompressedLength = checked((int)header.UncompressedLength);
        if (compressed is null || compressed.Length < compressedLength)
        {
            compressed = GC.AllocateUninitializedArray<byte>(compressedLength);
        }

        file.ReadExactly(compressed, 0, compressedLength);
        if (XxHash64.HashToUInt64(compressed.AsSpan(0, compressedLength)) != header.CompressedHash)
        {
            problem = "compressed block checksum mismatch (damaged archive)";
            return false;
        }

        if (content.Length < uncompressedLength)
        {
            // Pinned so readers can address it by pointer like a mapped segment; allocated once per size increase.
            content = GC.AllocateUninitializedArray<byte>(uncompressedLength, pinned: true);
        }

        int decoded = LZ4Codec.Decode(compressed.AsSpan(0, compressedLength), content.AsSpan(0, uncompressedLength));
        if (decoded != uncompressedLength)
        {
            problem = $"LZ4 block decoded to {decoded} bytes, expected {uncompressedLength}";
            return false;
        }

        return true;
    }

    private static string? ReadHeader(FileStream file, out JournalArchiveHeader header)
    {
        header = default;
        if (file.Length < JournalArchiveHeader.TotalSize)
        {
            return $"the file is {file.Length} bytes, shorter than an archive header";
        }

        var bytes = MemoryMarshal.AsBytes(new Span<JournalArchiveHeader>(ref header));
        file.ReadExactly(bytes);
        if (header.Magic != JournalArchiveHeader.MagicValue)
        {
            return "not a compressed journal segment (bad magic)";
        }

        if (JournalRecords.VersionProblem(header.FormatVersion) is { } versionProblem)
        {
            return versionProblem;
        }

        if (JournalCrc.Compute(bytes[..JournalArchiveHeader.CrcOffset]) != header.HeaderCrc)
        {
            return "archive header CRC mismatch";
        }

        if (header.Codec != JournalArchiveHeader.CodecLz4Block || header.CompressedLength < 0
            || header.UncompressedLength < JournalSegmentHeader.TotalSize + JournalRecordHeader.TotalSize || header.UncompressedLength > int.MaxValue
            || header.CompressedLength > int.MaxValue || header.RecordCount < 0)
        {
            return "archive header has impossible values";
        }

        return null;
    }
}
