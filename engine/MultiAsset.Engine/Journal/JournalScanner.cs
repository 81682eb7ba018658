using System.IO.Hashing;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace MultiAsset.Engine.Journal;

/// <summary>
/// The recovery scan: checks every segment header, every record CRC of the plain segments and the checksum of the
/// compressed ones, the sequence continuity between segments, and classifies a bad tail of the last segment as a
/// torn tail (truncated) or as damage (<see cref="JournalCorruptException"/>). With <c>repair</c> it also applies the
/// truncation and deletes leftovers of interrupted creation/compression; without, it only reports (inspection).
/// </summary>
internal static unsafe class JournalScanner
{
    /// <summary>The scan result: the report and what a writer needs to resume.</summary>
    internal sealed class Result
    {
        public required JournalRecoveryReport Report { get; init; }

        /// <summary>Where the next record goes in the last segment (its end of valid data), or −1 when it is sealed/absent.</summary>
        public long LastSegmentWriteOffset { get; init; } = -1;

        /// <summary>The last segment, when it is plain and unsealed (the writer resumes in it).</summary>
        public JournalSegmentInfo? OpenSegment { get; init; }
    }

    public static Result Scan(string directory, bool repair, ILogger? logger)
    {
        var removed = new List<string>();
        if (Directory.Exists(directory))
        {
            foreach (var path in Directory.EnumerateFiles(directory, "*" + JournalFileNames.TemporarySuffix))
            {
                var name = Path.GetFileName(path);
                if (name.EndsWith(JournalFileNames.PlainExtension + JournalFileNames.TemporarySuffix, StringComparison.Ordinal)
                    || name.EndsWith(JournalFileNames.ArchiveExtension + JournalFileNames.TemporarySuffix, StringComparison.Ordinal))
                {
                    removed.Add(path);
                    if (repair)
                    {
                        File.Delete(path);
                    }
                }
            }
        }

        var entries = JournalFileNames.List(directory);
        var segments = new List<JournalSegmentInfo>(entries.Count);
        long expected = -1;
        long truncatedBytes = 0, truncatedOffset = 0;
        int truncatedRecords = 0;
        string? truncatedFile = null, truncationReason = null;
        long writeOffset = -1;
        JournalSegmentInfo? open = null;
        byte[]? buffer = null;
        for (int i = 0; i < entries.Count; i++)
        {
            var (first, plain, archive) = entries[i];
            bool isLast = i == entries.Count - 1;
            if (plain is not null && archive is not null)
            {
                // A crash during compression: the plain file is complete by construction, the archive may not be.
                removed.Add(archive);
                if (repair)
                {
                    File.Delete(archive);
                }
            }

            if (expected >= 0 && first != expected)
            {
                var path = plain ?? archive!;
                throw new JournalCorruptException(path, 0, first > expected
                    ? $"missing segment: the previous segment ends before sequence {expected} but this one starts at {first} (records {expected}..{first - 1} are absent)"
                    : $"overlapping segments: the previous segment runs to sequence {expected - 1} but this one starts at {first}");
            }

            JournalSegmentInfo info;
            if (plain is not null)
            {
                var tail = ScanPlain(plain, first, isLast, out info, out long end);
                if (tail is { } t)
                {
                    truncatedFile = plain;
                    truncatedOffset = t.Offset;
                    truncatedBytes = t.Bytes;
                    truncatedRecords = t.Records;
                    truncationReason = t.Reason;
                    if (repair)
                    {
                        ZeroRange(plain, t.Offset, t.Bytes);
                        logger?.LogTornTailTruncated(plain, t.Offset, t.Bytes, t.Records, t.Reason);
                    }
                }

                if (isLast && !info.Sealed)
                {
                    writeOffset = end;
                    open = info;
                }
            }
            else
            {
                info = ScanArchive(archive!, first, ref buffer);
            }

            segments.Add(info);
            expected = first + info.RecordCount;
        }

        var nonEmpty = segments.Where(s => s.RecordCount > 0).ToList();
        var report = new JournalRecoveryReport
        {
            Directory = directory,
            Segments = segments,
            Records = segments.Sum(s => s.RecordCount),
            FirstSequence = nonEmpty.Count > 0 ? nonEmpty[0].FirstSequence : -1,
            LastSequence = nonEmpty.Count > 0 ? nonEmpty[^1].LastSequence : -1,
            FirstTimestamp = nonEmpty.Count > 0 ? nonEmpty[0].FirstTimestamp : 0,
            LastTimestamp = nonEmpty.Count > 0 ? nonEmpty[^1].LastTimestamp : 0,
            TruncatedBytes = truncatedBytes,
            TruncatedRecords = truncatedRecords,
            TruncatedFile = truncatedFile,
            TruncatedOffset = truncatedOffset,
            TruncationReason = truncationReason,
            TruncationApplied = repair && truncatedFile is not null,
            RemovedFiles = removed,
        };

        // An empty journal whose only segment is empty still has a "next sequence": the segment's first one.
        if (report.IsEmpty && segments.Count > 0)
        {
            report = new JournalRecoveryReport
            {
                Directory = report.Directory,
                Segments = report.Segments,
                FirstSequence = -1,
                LastSequence = segments[^1].FirstSequence - 1,
                TruncatedBytes = truncatedBytes,
                TruncatedRecords = truncatedRecords,
                TruncatedFile = truncatedFile,
                TruncatedOffset = truncatedOffset,
                TruncationReason = truncationReason,
                TruncationApplied = report.TruncationApplied,
                RemovedFiles = removed,
            };
        }

        return new Result { Report = report, LastSegmentWriteOffset = writeOffset, OpenSegment = open };
    }

    private readonly record struct Tail(long Offset, long Bytes, int Records, string Reason);

    private static Tail? ScanPlain(string path, long first, bool isLast, out JournalSegmentInfo info, out long endOffset)
    {
        using var segment = MappedSegment.OpenRead(path);
        byte* p = segment.Pointer;
        long length = segment.Length;
        if (JournalRecords.CheckSegmentHeader(p, length, first) is { } problem)
        {
            throw new JournalCorruptException(path, 0, problem);
        }

        long declared = Unsafe.AsRef<JournalSegmentHeader>(p).SegmentSize;
        if (length != declared)
        {
            throw new JournalCorruptException(path, Math.Min(length, declared), $"the file is {length} bytes but its header declares {declared} (truncated segment)");
        }

        long offset = JournalSegmentHeader.TotalSize;
        long sequence = first;
        long firstTs = 0, lastTs = 0;
        Tail? tail = null;
        bool sealedSegment = false;
        while (true)
        {
            var status = JournalRecords.Check(p, length, offset, sequence, verifyCrc: true, out long size);
            if (status == RecordStatus.Valid)
            {
                long ts = JournalRecords.Header(p, offset).Timestamp;
                if (sequence == first)
                {
                    firstTs = ts;
                }

                lastTs = ts;
                offset += size;
                sequence++;
                continue;
            }

            if (status == RecordStatus.End)
            {
                sealedSegment = true;
                break;
            }

            var what = JournalRecords.Describe(status, p, offset, sequence);
            if (!isLast)
            {
                throw new JournalCorruptException(path, offset, $"closed segment is truncated or damaged before its end marker: {what}");
            }

            if (status == RecordStatus.BadSequence)
            {
                // A complete, CRC-valid record with the wrong sequence is not something a crash produces.
                throw new JournalCorruptException(path, offset, what);
            }

            long tailEnd = JournalRecords.EndOfNonZero(p, offset, length);
            if (status == RecordStatus.Empty && tailEnd == offset)
            {
                break; // clean end of the data written so far
            }

            for (long probe = offset + JournalRecordHeader.Alignment; probe + JournalRecordHeader.TotalSize <= tailEnd; probe += JournalRecordHeader.Alignment)
            {
                if (JournalRecords.LooksValid(p, length, probe, sequence - 1))
                {
                    throw new JournalCorruptException(path, offset,
                        $"{what}, yet a valid record (sequence {JournalRecords.Header(p, probe).Sequence}) follows at offset {probe}: "
                        + "damage in the middle of the segment, not a torn tail");
                }
            }

            tail = new Tail(offset, tailEnd - offset, CountPartialRecords(p, length, offset, tailEnd), what);
            break;
        }

        endOffset = offset;
        info = new JournalSegmentInfo(first, path, false, length, sequence - first, firstTs, lastTs, sealedSegment);
        return tail;
    }

    /// <summary>Counts the records that were being written in a torn tail (headers that look plausible).</summary>
    private static int CountPartialRecords(byte* p, long length, long offset, long tailEnd)
    {
        int count = 0;
        while (offset < tailEnd && offset + JournalRecordHeader.TotalSize <= length)
        {
            ref var header = ref JournalRecords.Header(p, offset);
            if (header.Type == JournalRecordType.None || header.Length < 0 || header.Length > length)
            {
                // A header not written yet but payload bytes already there (or garbage): one partial record at most.
                return Math.Max(count, 1);
            }

            count++;
            offset += JournalRecordHeader.RecordSize(header.Length);
        }

        return count;
    }

    private static JournalSegmentInfo ScanArchive(string path, long first, ref byte[]? buffer)
    {
        if (JournalArchive.ReadHeader(path, out var header, out long fileLength) is { } problem)
        {
            throw new JournalCorruptException(path, 0, problem);
        }

        if (header.FirstSequence != first)
        {
            throw new JournalCorruptException(path, 0, $"header says first sequence {header.FirstSequence} but the file name says {first}");
        }

        if (fileLength != JournalArchiveHeader.TotalSize + header.CompressedLength)
        {
            throw new JournalCorruptException(path, fileLength,
                $"the file is {fileLength} bytes but its header declares {JournalArchiveHeader.TotalSize + header.CompressedLength} (truncated archive)");
        }

        // The block's checksum proves the archive is as written (it was compared with the plain segment then);
        // record CRCs are checked again whenever it is read.
        buffer ??= new byte[1 << 20];
        var hash = new XxHash64();
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan))
        {
            file.Position = JournalArchiveHeader.TotalSize;
            int read;
            while ((read = file.Read(buffer)) > 0)
            {
                hash.Append(buffer.AsSpan(0, read));
            }
        }

        if (hash.GetCurrentHashAsUInt64() != header.CompressedHash)
        {
            throw new JournalCorruptException(path, JournalArchiveHeader.TotalSize, "compressed block checksum mismatch (damaged archive)");
        }

        return new JournalSegmentInfo(first, path, true, fileLength, header.RecordCount, header.FirstTimestamp, header.LastTimestamp, true);
    }

    private static void ZeroRange(string path, long offset, long bytes)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        file.Position = offset;
        var zeros = new byte[(int)Math.Min(bytes, 1 << 20)];
        long left = bytes;
        while (left > 0)
        {
            int n = (int)Math.Min(left, zeros.Length);
            file.Write(zeros, 0, n);
            left -= n;
        }

        file.Flush(flushToDisk: true);
    }
}
