using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Journal;

/// <summary>
/// Appends records to the journal: the single writer, called on the journal stage's thread. Open runs the recovery
/// scan first (<see cref="Recovery"/>) and resumes after the last valid record.
/// </summary>
/// <remarks>
/// <para><b>Hot path.</b> <see cref="Append(JournalRecordType, long, long, ReadOnlySpan{byte})"/> (or <see cref="Reserve"/> + <see cref="Commit"/>) copies the payload
/// into the memory-mapped segment, writes the header and, last, the CRC: no allocation, no lock, no system call.
/// The mapping and its pointer are acquired once per segment.</para>
/// <para><b>Durability.</b> <see cref="Flush"/> msyncs the bytes appended since the last flush (Sync mode; the host
/// calls it at the end of every batch) and then advances <see cref="AcknowledgedSequence"/>. In Async mode a record is
/// acknowledged once appended (it is in the page cache and survives a process crash).</para>
/// <para><b>Roll-over.</b> When a record (plus the end marker every segment keeps room for) does not fit, the next
/// segment is created and preallocated under a <c>.tmp</c> name, the current one is sealed with an end marker, the
/// new file is renamed into place, and the sealed segment goes to a background thread that syncs, unmaps and
/// compresses it. If the new file cannot be created (disk full) the append throws <see cref="JournalException"/>
/// and nothing is written: the journal stays valid and the append can be retried.</para>
/// <para><b>Threading.</b> Not thread-safe: one thread appends and flushes. <see cref="AcknowledgedSequence"/> may be
/// read from any thread.</para>
/// </remarks>
public sealed unsafe class JournalWriter : IDisposable
{
    private readonly JournalOptions options;
    private readonly ILogger? logger;
    private readonly FileStream lockFile;
    private readonly JournalArchiver archiver;
    private readonly JournalCheckpointer checkpointer;

    private MappedSegment? segment;
    private byte* basePointer;
    private long capacity;
    private long writeOffset;
    private long flushedOffset;
    private long segmentFirstSequence;
    private string segmentPath = string.Empty;
    private long nextSequence;
    private long lastTimestamp;
    private bool anyRecord;
    private long acknowledged;
    private long reservedOffset = -1;
    private int reservedLength;
    private bool faulted;
    private bool disposed;

    private JournalWriter(JournalOptions options, ILogger? logger, FileStream lockFile, JournalScanner.Result scan, JournalCheckpointer checkpointer)
    {
        this.checkpointer = checkpointer;
        this.options = options;
        this.logger = logger;
        this.lockFile = lockFile;
        Recovery = scan.Report;
        nextSequence = scan.Report.NextSequence;
        lastTimestamp = scan.Report.LastTimestamp;
        anyRecord = scan.Report.Segments.Count > 0;
        acknowledged = nextSequence - 1;
        archiver = new JournalArchiver(
            options.CompressClosedSegments, logger, checkpointer, options.Durability == JournalDurability.Sync ? () => AcknowledgedSequence : null, options.CheckpointInterval);
    }

    /// <summary>What the recovery scan found (and truncated) when the journal was opened.</summary>
    public JournalRecoveryReport Recovery { get; }

    /// <summary>The options the journal was opened with.</summary>
    public JournalOptions Options => options;

    /// <summary>The sequence the next appended record must have (last + 1; 0 for a new journal).</summary>
    /// <remarks>The first record of a journal with no segment may have any sequence ≥ 0; after that they are contiguous.</remarks>
    public long NextSequence => nextSequence;

    /// <summary>The last sequence durable under the durability mode (−1 when none).</summary>
    public long AcknowledgedSequence => options.Durability == JournalDurability.Async ? nextSequence - 1 : Volatile.Read(ref acknowledged);

    /// <summary>The manifest as last written (segments, last durable sequence, pruned-before mark).</summary>
    public JournalManifest Manifest => checkpointer.Written;

    /// <summary>Sealed segments whose background sync/compression failed (each logged; plain files kept).</summary>
    public int BackgroundFailures => archiver.Failures;

    /// <summary>
    /// Opens (creating if needed) the journal in <see cref="JournalOptions.Directory"/>: takes the directory's writer
    /// lock, runs the recovery scan (truncating a torn tail, deleting leftovers of an interrupted compression), queues
    /// sealed plain segments for compression, and positions after the last valid record.
    /// </summary>
    /// <exception cref="JournalCorruptException">The journal is damaged in a way recovery must not repair silently.</exception>
    /// <exception cref="JournalException">The directory cannot be created or another writer holds it.</exception>
    public static JournalWriter Open(JournalOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var directory = Path.GetFullPath(options.Directory);
        FileStream lockFile;
        try
        {
            Directory.CreateDirectory(directory);
            // FileShare.None takes an exclusive advisory lock (flock on Unix): a second engine on the same journal fails here.
            lockFile = new FileStream(Path.Combine(directory, JournalFileNames.LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new JournalException($"Cannot open journal directory {directory} for writing: {ex.Message} (is another engine using it?)", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new JournalException($"Cannot open journal directory {directory} for writing: {ex.Message}", ex);
        }

        JournalWriter? writer = null;
        try
        {
            var scan = JournalScanner.Scan(directory, repair: true, logger);
            var checkpointer = new JournalCheckpointer(directory, scan.Manifest);
            try
            {
                // The reconciled manifest (adopted segments, a manifest for an old journal) is on disk before any append.
                checkpointer.Checkpoint(force: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new JournalException($"Cannot write the journal manifest in {directory}: {ex.Message}", ex);
            }

            writer = new JournalWriter(options, logger, lockFile, scan, checkpointer);
            writer.Resume(scan);
            logger?.LogOpened(scan.Report);
            return writer;
        }
        catch
        {
            if (writer is not null)
            {
                writer.Dispose();
            }
            else
            {
                lockFile.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// Appends one record. <paramref name="sequence"/> must be <see cref="NextSequence"/>. The payload is copied into
    /// the mapped segment; the record is acknowledged per the durability mode (see <see cref="Flush"/>).
    /// </summary>
    /// <exception cref="ArgumentException">Reserved type, non-contiguous sequence, or a payload too large for a segment (programming errors).</exception>
    /// <exception cref="JournalException">A new segment could not be created (e.g. disk full); nothing was written.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(JournalRecordType type, long sequence, long timestamp, ReadOnlySpan<byte> payload)
    {
        byte* p = Claim(type, sequence, timestamp, payload.Length, out int padded);
        payload.CopyTo(new Span<byte>(p + JournalRecordHeader.TotalSize, payload.Length));
        Publish(p, padded, payload.Length);
    }

    /// <summary>Appends an <see cref="InputEvent"/> record: the event's 64 raw bytes, as given.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(long sequence, long timestamp, in InputEvent inputEvent)
        => Append(JournalRecordType.InputEvent, sequence, timestamp, MemoryMarshal.AsBytes(new ReadOnlySpan<InputEvent>(in inputEvent)));

    /// <summary>
    /// Zero-copy append, step 1: reserves room for a record of <paramref name="length"/> payload bytes and returns the
    /// payload area (in the mapped segment) to fill. Must be followed by <see cref="Commit"/> before any other call.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="Append(JournalRecordType, long, long, ReadOnlySpan{byte})"/>.</exception>
    /// <exception cref="JournalException">As <see cref="Append(JournalRecordType, long, long, ReadOnlySpan{byte})"/>.</exception>
    public Span<byte> Reserve(JournalRecordType type, long sequence, long timestamp, int length)
    {
        byte* p = Claim(type, sequence, timestamp, length, out int padded);
        reservedOffset = p - basePointer;
        reservedLength = length;
        _ = padded;
        return new Span<byte>(p + JournalRecordHeader.TotalSize, length);
    }

    /// <summary>Zero-copy append, step 2: publishes the record reserved by <see cref="Reserve"/>.</summary>
    /// <exception cref="InvalidOperationException">No record is reserved.</exception>
    public void Commit()
    {
        if (reservedOffset < 0)
        {
            ThrowNoReservation();
        }

        byte* p = basePointer + reservedOffset;
        reservedOffset = -1;
        Publish(p, JournalRecordHeader.PaddedLength(reservedLength), reservedLength);
    }

    /// <summary>
    /// Makes every appended record durable per the mode and advances <see cref="AcknowledgedSequence"/>. Sync: msync of
    /// the range appended since the last flush (waits for the disk). Async: nothing to do.
    /// </summary>
    /// <exception cref="JournalException">The kernel reported a write error; the records since the last flush are not acknowledged.</exception>
    public void Flush()
    {
        ThrowIfDisposed();
        if (options.Durability == JournalDurability.Async || segment is null)
        {
            return;
        }

        if (writeOffset > flushedOffset)
        {
            try
            {
                segment.Sync(flushedOffset, writeOffset);
            }
            catch (IOException ex)
            {
                throw new JournalException($"Journal flush of {segmentPath} failed: {ex.Message}; records after sequence {acknowledged} are not acknowledged.", ex);
            }

            flushedOffset = writeOffset;
        }

        Volatile.Write(ref acknowledged, nextSequence - 1);
    }

    /// <summary>
    /// Prunes history on the background thread while the engine runs: every closed segment whose records are all
    /// before <paramref name="beforeSequence"/> is removed from the manifest (its pruned-before mark advances) and then
    /// deleted, or moved to <paramref name="archiveDirectory"/>. Thread-safe; the open segment is never pruned.
    /// </summary>
    /// <returns>A task completed when the prune is done (faulted with <see cref="JournalException"/> when it failed).</returns>
    public Task<JournalPruneResult> Prune(long beforeSequence, string? archiveDirectory = null)
    {
        ThrowIfDisposed();
        return archiver.EnqueuePrune(Path.GetFullPath(options.Directory), beforeSequence, archiveDirectory is null ? null : Path.GetFullPath(archiveDirectory));
    }

    /// <summary>
    /// Waits until sealed segments handed to the background thread are synced (and compressed, when configured).
    /// For tools and tests; the engine never needs to wait.
    /// </summary>
    public bool WaitForBackgroundWork(TimeSpan timeout) => archiver.WaitIdle(timeout);

    /// <summary>Flushes (Sync mode), finishes background work and closes the journal. The current segment stays open (unsealed) on disk.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        bool clean = false;
        try
        {
            if (!faulted)
            {
                Flush();
                if (segment is not null && writeOffset > flushedOffset)
                {
                    // Async mode: make the open segment durable at a clean close, so the manifest can record its end.
                    segment.Sync(flushedOffset, writeOffset);
                    flushedOffset = writeOffset;
                }

                clean = true;
            }
        }
        finally
        {
            disposed = true;
            basePointer = null;
            segment?.Dispose();
            segment = null;
            archiver.Dispose();
            if (clean)
            {
                checkpointer.Durable(nextSequence - 1);
            }

            checkpointer.TryCheckpoint(logger);
            lockFile.Dispose();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte* Claim(JournalRecordType type, long sequence, long timestamp, int length, out int padded)
    {
        if (sequence != nextSequence && (anyRecord || sequence < 0))
        {
            ThrowSequence(sequence);
        }

        if (type is JournalRecordType.None or JournalRecordType.SegmentEnd || length < 0 || reservedOffset >= 0 || faulted)
        {
            ThrowBadCall(type, length);
        }

        padded = JournalRecordHeader.PaddedLength(length);
        long size = JournalRecordHeader.TotalSize + (long)padded;
        // Room for this record and, always, for the end marker that seals the segment.
        if (writeOffset + size + JournalRecordHeader.TotalSize > capacity)
        {
            RollOver(sequence, size);
        }

        byte* p = basePointer + writeOffset;
        ref var header = ref Unsafe.AsRef<JournalRecordHeader>(p);
        header.Length = length;
        header.Type = type;
        header.Flags = 0;
        header.Sequence = sequence;
        header.Timestamp = timestamp;
        header.Reserved = 0;
        lastTimestamp = timestamp;
        return p;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Publish(byte* p, int padded, int length)
    {
        // Padding is zero in a fresh (fallocated) or recovered (zeroed) segment, but zero it anyway: the CRC covers it.
        if (padded != length)
        {
            new Span<byte>(p + JournalRecordHeader.TotalSize + length, padded - length).Clear();
        }

        // The CRC goes last with release semantics: a reader that sees it matching sees the whole record.
        uint crc = JournalCrc.Record(p, padded);
        Volatile.Write(ref *(uint*)(p + JournalRecordHeader.CrcOffset), crc);
        writeOffset += JournalRecordHeader.TotalSize + (long)padded;
        nextSequence = JournalRecords.Header(p, 0).Sequence + 1;
        anyRecord = true;
    }

    private void Resume(JournalScanner.Result scan)
    {
        if (scan.OpenSegment is { } open)
        {
            var file = new FileStream(open.Path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            Attach(MappedSegment.MapWritable(file, open.FileSize), open.Path, open.FirstSequence, scan.LastSegmentWriteOffset);
        }

        if (options.CompressClosedSegments)
        {
            // Sealed plain segments left by an earlier run (compression interrupted or disabled then).
            foreach (var sealedSegment in scan.Report.Segments)
            {
                if (sealedSegment.Sealed && !sealedSegment.Compressed)
                {
                    archiver.Enqueue(null, 0, sealedSegment.Path, sealedSegment.FirstSequence, sealedSegment.LastSequence);
                }
            }
        }
    }

    private void Attach(MappedSegment mapped, string path, long firstSequence, long offset)
    {
        // The mapping was made under the .tmp name; the archiver and error messages need the published name.
        segmentPath = path;
        segment = mapped;
        basePointer = mapped.Pointer;
        capacity = mapped.Length;
        segmentFirstSequence = firstSequence;
        writeOffset = offset;
        flushedOffset = offset;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RollOver(long sequence, long recordSize)
    {
        long segmentSize = options.SegmentSize;
        if (JournalSegmentHeader.TotalSize + recordSize + JournalRecordHeader.TotalSize > segmentSize)
        {
            throw new ArgumentException(
                $"A record of {recordSize} bytes cannot fit in a {segmentSize}-byte journal segment; raise journal.segmentSize.", nameof(recordSize));
        }

        var directory = Path.GetFullPath(options.Directory);
        var finalPath = JournalFileNames.Plain(directory, sequence);
        ulong nextSegmentId = JournalManifest.NewId();
        var temporary = finalPath + JournalFileNames.TemporarySuffix;

        // 1. Create and preallocate the next segment under a temporary name (a reader never sees it half made).
        MappedSegment next;
        try
        {
            var file = options.CreateSegmentFile(temporary, segmentSize);
            try
            {
                file.SetLength(segmentSize);
            }
            catch
            {
                file.Dispose();
                throw;
            }

            next = MappedSegment.MapWritable(file, segmentSize);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new JournalException(
                $"Cannot create journal segment {finalPath}: {segmentSize} bytes are needed in {directory} ({ex.Message}). "
                + $"Nothing was written; the journal ends at sequence {nextSequence - 1}. Free disk space (or move the journal) and retry.", ex);
        }

        try
        {
            ref var header = ref Unsafe.AsRef<JournalSegmentHeader>(next.Pointer);
            header.Magic = JournalSegmentHeader.MagicValue;
            header.FormatVersion = JournalSegmentHeader.CurrentVersion;
            header.HeaderSize = JournalSegmentHeader.TotalSize;
            header.RecordHeaderSize = JournalRecordHeader.TotalSize;
            header.SegmentSize = segmentSize;
            header.FirstSequence = sequence;
            header.CreatedUtc = (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;
            header.JournalId = checkpointer.JournalId;
            header.SegmentId = nextSegmentId;
            header.HeaderCrc = JournalCrc.Compute(next.Pointer, JournalSegmentHeader.CrcOffset);
            if (options.Durability == JournalDurability.Sync)
            {
                next.Sync(0, JournalSegmentHeader.TotalSize);
            }
        }
        catch (IOException ex)
        {
            next.Dispose();
            TryDelete(temporary);
            throw new JournalException($"Cannot initialise journal segment {finalPath} in {directory}: {ex.Message}", ex);
        }

        // 2. Seal the current segment with the end marker, then 3. publish the new file under its real name. In this
        // order a reader that finds the next segment always finds the previous one sealed.
        long sealedAt = 0, firstTimestamp = 0;
        try
        {
            if (segment is { } old)
            {
                sealedAt = writeOffset;
                if (writeOffset > JournalSegmentHeader.TotalSize)
                {
                    firstTimestamp = JournalRecords.Header(basePointer, JournalSegmentHeader.TotalSize).Timestamp;
                }

                byte* end = basePointer + writeOffset;
                ref var marker = ref Unsafe.AsRef<JournalRecordHeader>(end);
                marker.Length = 0;
                marker.Type = JournalRecordType.SegmentEnd;
                marker.Flags = 0;
                marker.Sequence = sequence;
                marker.Timestamp = lastTimestamp;
                marker.Reserved = 0;
                Volatile.Write(ref *(uint*)(end + JournalRecordHeader.CrcOffset), JournalCrc.Record(end, 0));
                long sealedEnd = writeOffset + JournalRecordHeader.TotalSize;
                if (options.Durability == JournalDurability.Sync)
                {
                    // Records of this batch that landed in the old segment must be durable before they are acknowledged.
                    old.Sync(flushedOffset, sealedEnd);
                }

                segment = null;
                basePointer = null;
                archiver.Enqueue(old, sealedEnd, segmentPath, segmentFirstSequence, sequence - 1);
            }

            File.Move(temporary, finalPath);
            if (options.Durability == JournalDurability.Sync)
            {
                JournalNative.SyncDirectory(directory);
            }

            // The background thread writes the manifest with this roll-over; until then open adopts the new segment
            // (it continues the journal and carries its id).
            checkpointer.RolledOver(sequence - 1, firstTimestamp, lastTimestamp, sealedAt, sequence, nextSegmentId);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            faulted = true;
            next.Dispose();
            throw new JournalException($"Journal roll-over to {finalPath} failed: {ex.Message}. Reopen the journal to recover.", ex);
        }

        Attach(next, finalPath, sequence, JournalSegmentHeader.TotalSize);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Recovery deletes .tmp leftovers on the next open.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(disposed, this);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowSequence(long sequence)
        => throw new ArgumentException($"Journal sequence {sequence} is not contiguous: the next record must be {nextSequence}.", nameof(sequence));

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowBadCall(JournalRecordType type, int length)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (faulted)
        {
            throw new JournalException($"The journal writer for {options.Directory} failed earlier; reopen the journal to recover.");
        }

        if (reservedOffset >= 0)
        {
            throw new InvalidOperationException("A reserved record must be committed before the next append.");
        }

        throw new ArgumentOutOfRangeException(nameof(type), $"Record type {(ushort)type} with payload length {length} cannot be appended (types 0 and 65535 are reserved).");
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNoReservation() => throw new InvalidOperationException("Commit called without a reserved record.");
}
