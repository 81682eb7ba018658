using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MultiAsset.Engine.Journal;

/// <summary>
/// Reads a journal in sequence order across plain and compressed segments, checking every record's CRC. Works on a
/// journal another process is writing (it stops at the last complete record and picks up new records and segments
/// on the next call), which is how <see cref="JournalTail"/> follows a live engine.
/// </summary>
/// <remarks>
/// Allocation-free per record: plain segments are memory-mapped and a record's payload is a span into the mapping;
/// a compressed segment is decompressed once into a reused buffer. <see cref="SeekToSequence"/> and
/// <see cref="SeekToTime"/> use per-segment sparse indexes built in memory as segments are passed (timestamps are
/// assumed non-decreasing, as the engine clock writes them). Not thread-safe.
/// </remarks>
public sealed unsafe class JournalReader : IDisposable
{
    private readonly string directory;
    private readonly int indexEvery;
    private readonly Dictionary<long, SegmentIndex> indexes = [];
    private readonly Dictionary<long, JournalArchiveHeader> archiveHeaders = [];
    private readonly Dictionary<long, long> firstTimestamps = [];
    private List<(long FirstSequence, string? Plain, string? Archive)> segments = [];

    private MappedSegment? mapped;
    private byte[]? content;
    private byte[]? compressed;
    private byte* data;
    private long dataLength;
    private string currentPath = string.Empty;
    private long currentFirst = -1;
    private bool currentIsArchive;
    private SegmentIndex? index;
    private long offset;
    private long expected = -1;
    private bool disposed;

    private JournalReader(string directory, int indexEvery)
    {
        this.directory = directory;
        this.indexEvery = indexEvery;
        Refresh();
    }

    /// <summary>The journal directory.</summary>
    public string Directory => directory;

    /// <summary>The sequence the next <see cref="TryRead"/> returns when it returns a record (−1 before the first read of an empty journal).</summary>
    public long NextSequence => expected >= 0 ? expected : segments.Count > 0 ? segments[0].FirstSequence : -1;

    /// <summary>The segments found at the last directory listing (record counts are known for compressed ones).</summary>
    public IReadOnlyList<JournalSegmentInfo> Segments
    {
        get
        {
            Refresh();
            var list = new List<JournalSegmentInfo>(segments.Count);
            foreach (var (first, plain, archive) in segments)
            {
                if (plain is not null)
                {
                    list.Add(new JournalSegmentInfo(first, plain, false, SafeLength(plain), -1, 0, 0, false));
                }
                else if (TryArchiveHeader(first, archive!, out var header))
                {
                    list.Add(new JournalSegmentInfo(first, archive!, true, SafeLength(archive!), header.RecordCount, header.FirstTimestamp, header.LastTimestamp, true));
                }
            }

            return list;
        }
    }

    /// <summary>Opens the journal in <paramref name="directory"/> for reading (it may be empty or not exist yet).</summary>
    /// <param name="directory">The journal directory.</param>
    /// <param name="indexEvery">Records between sparse-index entries (see <see cref="JournalOptions.IndexEvery"/>).</param>
    public static JournalReader Open(string directory, int indexEvery = JournalOptions.DefaultIndexEvery)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentOutOfRangeException.ThrowIfLessThan(indexEvery, 1);
        return new JournalReader(Path.GetFullPath(directory), indexEvery);
    }

    /// <summary>
    /// Opens the journal positioned at <paramref name="fromSequence"/>: the next <see cref="TryRead"/> returns that
    /// record (or, when it is the next one to be written, returns it once it is). The segment holding it is found by the file names (the
    /// manifest's segment list), then the record by hopping headers within that segment only, so recovery after a
    /// snapshot reads just the tail.
    /// </summary>
    /// <exception cref="JournalException"><paramref name="fromSequence"/> is before the first record present (pruned history) or more than one past the last.</exception>
    public static JournalReader OpenFrom(string directory, long fromSequence, int indexEvery = JournalOptions.DefaultIndexEvery)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromSequence);
        var reader = Open(directory, indexEvery);
        try
        {
            long first = reader.segments.Count > 0 ? reader.segments[0].FirstSequence : -1;
            if (first > fromSequence)
            {
                var mark = JournalManifest.Read(reader.directory, out _)?.PrunedBefore ?? first;
                throw new JournalException(
                    $"Journal {reader.directory} starts at sequence {first} (history before {Math.Max(mark, first)} was pruned); sequence {fromSequence} is not there. "
                    + "Recover from a snapshot taken at or after it.");
            }

            if (!reader.SeekToSequence(fromSequence) && first >= 0 && reader.NextSequence < fromSequence)
            {
                throw new JournalException(
                    $"Journal {reader.directory} ends at sequence {reader.NextSequence - 1}; sequence {fromSequence} was never written (a snapshot newer than its journal?).");
            }

            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads the next record. False when there is none yet (end of the journal, or the writer has not finished the
    /// next record); call again later to follow a live journal.
    /// </summary>
    /// <exception cref="JournalCorruptException">A sealed or compressed segment is damaged, or a segment is missing.</exception>
    public bool TryRead(out JournalRecord record)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        while (true)
        {
            if (data == null && !OpenNextSegment())
            {
                record = default;
                return false;
            }

            var status = JournalRecords.Check(data, dataLength, offset, expected, verifyCrc: true, out long size);
            if (status == RecordStatus.Valid)
            {
                ref var header = ref JournalRecords.Header(data, offset);
                index!.Observe(header.Sequence, header.Timestamp, offset);
                record = new JournalRecord(header.Type, header.Sequence, header.Timestamp, new ReadOnlySpan<byte>(data + offset + JournalRecordHeader.TotalSize, header.Length));
                offset += size;
                expected++;
                return true;
            }

            if (status == RecordStatus.End)
            {
                CloseCurrent();
                continue;
            }

            if (!AtLiveTail(status))
            {
                continue; // the segment was sealed meanwhile: read on
            }

            record = default;
            return false;
        }
    }

    /// <summary>
    /// Positions the reader so that the next <see cref="TryRead"/> returns the record with <paramref name="sequence"/>.
    /// True when that record exists; otherwise the reader is at the start (sequence before the journal) or at the end
    /// (not written yet: a later read returns it once it is).
    /// </summary>
    public bool SeekToSequence(long sequence)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        Refresh();
        int i = LastSegmentStartingAtOrBefore(sequence);
        if (i < 0)
        {
            CloseCurrent();
            expected = segments.Count > 0 ? segments[0].FirstSequence : sequence;
            return false;
        }

        OpenSegment(i);
        if (index!.AtOrBefore(sequence) is { } entry)
        {
            offset = entry.Offset;
            expected = entry.Sequence;
        }

        while (expected < sequence)
        {
            var status = JournalRecords.Check(data, dataLength, offset, expected, verifyCrc: false, out long size);
            if (status != RecordStatus.Valid)
            {
                if (status == RecordStatus.End)
                {
                    CloseCurrent();
                }

                return false;
            }

            ref var header = ref JournalRecords.Header(data, offset);
            index.Observe(header.Sequence, header.Timestamp, offset);
            offset += size;
            expected++;
        }

        return JournalRecords.Check(data, dataLength, offset, expected, verifyCrc: false, out _) == RecordStatus.Valid;
    }

    /// <summary>
    /// Positions the reader at the first record whose timestamp is at or after <paramref name="timestamp"/> (ns since
    /// the Unix epoch). True when such a record exists now.
    /// </summary>
    public bool SeekToTime(long timestamp)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        Refresh();
        if (segments.Count == 0)
        {
            return false;
        }

        // The last segment whose first record is before the target: the target is in it or at the start of the next.
        int lo = 0, hi = segments.Count - 1, found = 0;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (FirstTimestamp(mid) < timestamp)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        OpenSegment(found);
        IndexToEnd();
        if (index!.Before(timestamp) is { } entry)
        {
            offset = entry.Offset;
            expected = entry.Sequence;
        }

        while (true)
        {
            var status = JournalRecords.Check(data, dataLength, offset, expected, verifyCrc: false, out long size);
            if (status == RecordStatus.End)
            {
                CloseCurrent();
                return SegmentIndexOf(expected) >= 0;
            }

            if (status != RecordStatus.Valid)
            {
                return false;
            }

            if (JournalRecords.Header(data, offset).Timestamp >= timestamp)
            {
                return true;
            }

            offset += size;
            expected++;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            CloseCurrent();
        }
    }

    private void Refresh() => segments = JournalFileNames.List(directory);

    private bool OpenNextSegment()
    {
        int i = expected < 0 ? (segments.Count > 0 ? 0 : -1) : SegmentIndexOf(expected);
        if (i < 0)
        {
            Refresh();
            i = expected < 0 ? (segments.Count > 0 ? 0 : -1) : SegmentIndexOf(expected);
        }

        if (i < 0)
        {
            if (expected >= 0 && segments.Count > 0 && segments[^1].FirstSequence > expected && segments[0].FirstSequence < expected)
            {
                var next = segments.First(s => s.FirstSequence > expected);
                throw new JournalCorruptException(next.Plain ?? next.Archive!, 0,
                    $"missing segment: the previous segment ends before sequence {expected} but the next one starts at {next.FirstSequence}");
            }

            return false;
        }

        OpenSegment(i);
        return true;
    }

    private void OpenSegment(int i)
    {
        var (first, plain, archive) = segments[i];
        if (currentFirst == first && data != null)
        {
            offset = JournalSegmentHeader.RecordsOffset(data);
            expected = first;
            return;
        }

        CloseCurrent();
        if (plain is not null)
        {
            try
            {
                mapped = MappedSegment.OpenRead(plain);
                data = mapped.Pointer;
                dataLength = mapped.Length;
                currentPath = plain;
                currentIsArchive = false;
            }
            catch (FileNotFoundException) when (archive is not null || RefreshFindsArchive(first, out archive))
            {
                // Compressed and deleted between the listing and the open: read the archive instead.
                plain = null;
            }
        }

        if (plain is null)
        {
            if (!JournalArchive.TryRead(archive!, ref compressed, ref content, out var header, out var problem, out long problemOffset))
            {
                throw new JournalCorruptException(archive!, problemOffset, problem!);
            }

            archiveHeaders[first] = header;
            data = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(content));
            dataLength = header.UncompressedLength;
            currentPath = archive!;
            currentIsArchive = true;
        }

        if (JournalRecords.CheckSegmentHeader(data, dataLength, first) is { } headerProblem)
        {
            var path = currentPath;
            CloseCurrent();
            throw new JournalCorruptException(path, 0, headerProblem);
        }

        currentFirst = first;
        if (!indexes.TryGetValue(first, out index))
        {
            index = new SegmentIndex(first, indexEvery);
            indexes[first] = index;
        }

        offset = JournalSegmentHeader.RecordsOffset(data);
        expected = first;
    }

    private bool RefreshFindsArchive(long first, out string? archive)
    {
        Refresh();
        archive = segments.FirstOrDefault(s => s.FirstSequence == first).Archive;
        return archive is not null;
    }

    /// <summary>
    /// Decides what a non-record at the current position means. In a compressed segment it is damage. In a plain one
    /// it is the live tail unless a later segment exists, in which case this one must be sealed (the writer seals
    /// before it publishes the next file): re-check once, and report damage if it still has no end marker.
    /// </summary>
    private bool AtLiveTail(RecordStatus status)
    {
        if (currentIsArchive)
        {
            throw new JournalCorruptException(currentPath, offset, $"compressed segment is damaged: {JournalRecords.Describe(status, data, offset, expected)}");
        }

        Refresh();
        if (segments.Count == 0 || segments[^1].FirstSequence <= currentFirst)
        {
            return true;
        }

        var again = JournalRecords.Check(data, dataLength, offset, expected, verifyCrc: true, out _);
        if (again is RecordStatus.Valid or RecordStatus.End)
        {
            return false;
        }

        throw new JournalCorruptException(currentPath, offset, $"closed segment is truncated or damaged before its end marker: {JournalRecords.Describe(again, data, offset, expected)}");
    }

    private void IndexToEnd()
    {
        long o = JournalSegmentHeader.RecordsOffset(data), s = currentFirst;
        if (index!.Entries.Count > 0)
        {
            (s, _, o) = index.Entries[^1];
        }

        while (JournalRecords.Check(data, dataLength, o, s, verifyCrc: false, out long size) == RecordStatus.Valid)
        {
            index.Observe(s, JournalRecords.Header(data, o).Timestamp, o);
            o += size;
            s++;
        }
    }

    private long FirstTimestamp(int i)
    {
        var (first, plain, archive) = segments[i];
        if (firstTimestamps.TryGetValue(first, out long known))
        {
            return known;
        }

        long ts = long.MaxValue;
        if (plain is not null)
        {
            using var segment = MappedSegment.OpenRead(plain);
            long start = segment.Length >= JournalSegmentHeader.TotalSize ? JournalSegmentHeader.RecordsOffset(segment.Pointer) : JournalSegmentHeader.TotalSize;
            if (JournalRecords.Check(segment.Pointer, segment.Length, start, first, verifyCrc: true, out _) == RecordStatus.Valid)
            {
                ts = JournalRecords.Header(segment.Pointer, start).Timestamp;
            }
        }
        else if (TryArchiveHeader(first, archive!, out var header) && header.RecordCount > 0)
        {
            ts = header.FirstTimestamp;
        }

        if (ts != long.MaxValue)
        {
            firstTimestamps[first] = ts;
        }

        return ts;
    }

    private bool TryArchiveHeader(long first, string path, out JournalArchiveHeader header)
    {
        if (archiveHeaders.TryGetValue(first, out header))
        {
            return true;
        }

        if (JournalArchive.ReadHeader(path, out header, out _) is { } problem)
        {
            throw new JournalCorruptException(path, 0, problem);
        }

        archiveHeaders[first] = header;
        return true;
    }

    private int SegmentIndexOf(long firstSequence)
    {
        for (int i = 0; i < segments.Count; i++)
        {
            if (segments[i].FirstSequence == firstSequence)
            {
                return i;
            }
        }

        return -1;
    }

    private int LastSegmentStartingAtOrBefore(long sequence)
    {
        int found = -1;
        for (int i = 0; i < segments.Count && segments[i].FirstSequence <= sequence; i++)
        {
            found = i;
        }

        return found;
    }

    private void CloseCurrent()
    {
        mapped?.Dispose();
        mapped = null;
        data = null;
        dataLength = 0;
        currentFirst = -1;
        index = null;
    }

    private static long SafeLength(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
