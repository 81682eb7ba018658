using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Journal;

/// <summary>
/// Appends records to the journal: the single writer, called on the journal stage's thread. Open runs the recovery
/// scan first (<see cref="Recovery"/>) and resumes after the last valid record.
/// </summary>
/// <remarks>
/// <para><b>Hot path.</b> <see cref="Append(JournalRecordType, long, long, ReadOnlySpan{byte})"/> (or <see cref="Reserve"/> + <see cref="Commit"/>) copies the payload
/// into a staging buffer (native memory, reused), writes the header and, last, the CRC: no allocation, no lock, no
/// system call. <see cref="Flush"/> hands the staged records to the segment file with one <c>pwrite</c> (and one
/// more whenever the buffer fills): the kernel copies them into the page cache. A store into a shared file mapping
/// costs a page fault per page, ext4's page_mkwrite and write-protect faults again whenever writeback cleans a page;
/// one write per batch costs a fraction of that (measured: see docs/journal-format.md).</para>
/// <para><b>Durability.</b> <see cref="Flush"/> writes the staged records out and then, in Sync mode, waits for the
/// disk (fdatasync); only then does it advance <see cref="AcknowledgedSequence"/>. In Async mode a record is
/// acknowledged once written out (it is in the page cache and survives a process crash, SIGKILL included); the
/// journal stage flushes at the end of every batch, before the stages gated behind it see the batch.</para>
/// <para><b>Roll-over.</b> When a record (plus the end marker every segment keeps room for) does not fit, the next
/// segment is created and preallocated under a <c>.tmp</c> name, the staged records are written out and the current
/// segment is sealed with an end marker, the new file is renamed into place, and the sealed segment goes to a
/// background thread that syncs (when it is not compressed: the archive is synced instead), closes and compresses it. If the new file cannot be created (disk full) the append throws <see cref="JournalException"/>
/// and nothing is written: the journal stays valid and the append can be retried.</para>
/// <para><b>Threading.</b> Not thread-safe: one thread appends and flushes. <see cref="AcknowledgedSequence"/> may be
/// read from any thread.</para>
/// </remarks>
public sealed unsafe class JournalWriter : IDisposable
{
    /// <summary>
    /// Bytes staged before a write-out is forced: 1 MiB, more than a full ring batch (4 096 input events × 96 bytes).
    /// Grows once to fit a larger record.
    /// </summary>
    internal const int DefaultStageCapacity = 1 << 20;

    private readonly JournalOptions options;
    private readonly ILogger? logger;
    private readonly FileStream lockFile;
    private readonly JournalArchiver archiver;
    private readonly JournalCheckpointer checkpointer;

    private FileStream? segment;
    private SafeFileHandle? segmentHandle; // FileStream.SafeFileHandle costs an lseek per call: read once per segment
    private long capacity;
    private long writeOffset;
    private long writtenOffset;
    private long flushedOffset;
    private byte* stage;
    private int stageCapacity;
    private int staged;
    private long writtenSequence;
    private long segmentFirstSequence;
    private string segmentPath = string.Empty;
    private long nextSequence;
    private long lastTimestamp;
    private long segmentFirstTimestamp;
    private bool anyRecord;
    private long acknowledged;
    private long reservedOffset = -1;
    private int reservedLength;
    private bool faulted;
    private bool disposed;

    // The hash chain (format version 3): null while appending to an unchained (version 1/2) segment or with
    // options.Chain false. Advanced per record on this thread; checkpoints queue here and are written at the flush.
    private readonly JournalChainKey? chainKey;
    private readonly long checkpointMask;
    private JournalChain? chain;
    private JournalChainLink[] pendingLinks = new JournalChainLink[16];
    private int pendingCount;
    private FileStream? chainFile;
    private long recordsStart = JournalSegmentHeader.TotalSize;

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
        writtenSequence = nextSequence - 1;
        stageCapacity = DefaultStageCapacity;
        stage = (byte*)NativeMemory.AlignedAlloc((nuint)stageCapacity, 64);
        chainKey = options.Chain ? JournalChainKey.For(options.HmacKey) : null;
        checkpointMask = options.ChainCheckpointEvery - 1;
        archiver = new JournalArchiver(
            options.CompressClosedSegments, logger, checkpointer, options.Durability == JournalDurability.Sync ? () => AcknowledgedSequence : null, options.CheckpointInterval,
            options.BackgroundPriority);
    }

    /// <summary>What the recovery scan found (and truncated) when the journal was opened.</summary>
    public JournalRecoveryReport Recovery { get; }

    /// <summary>The options the journal was opened with.</summary>
    public JournalOptions Options => options;

    /// <summary>The sequence the next appended record must have (last + 1; 0 for a new journal).</summary>
    /// <remarks>The first record of a journal with no segment may have any sequence ≥ 0; after that they are contiguous.</remarks>
    public long NextSequence => nextSequence;

    /// <summary>The journal's id (from its manifest): what binds its audit trail and chain checkpoints to it.</summary>
    public ulong JournalId => checkpointer.JournalId;

    /// <summary>The last sequence durable under the durability mode (−1 when none): written out (Async) or on disk (Sync) by the last <see cref="Flush"/>.</summary>
    public long AcknowledgedSequence => Volatile.Read(ref acknowledged);

    /// <summary>The manifest as last written (segments, last durable sequence, pruned-before mark).</summary>
    public JournalManifest Manifest => checkpointer.Written;

    /// <summary>The background thread's kernel id once it runs (Linux; for tests of its priority).</summary>
    internal int BackgroundThreadId => archiver.ThreadId;

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
    /// Appends an <see cref="InputEvent"/> record under <see cref="NextSequence"/> as the journal stage does: the
    /// event's 64 bytes with the <see cref="InputEvent.Verdict"/> byte (derived state, not input) written as zero.
    /// One copy, straight into the staging buffer.
    /// </summary>
    /// <exception cref="JournalException">As <see cref="Append(JournalRecordType, long, long, ReadOnlySpan{byte})"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendInput(long timestamp, in InputEvent inputEvent)
    {
        const int Size = JournalRecordHeader.TotalSize + InputEvent.TotalSize;
        if (reservedOffset >= 0 || faulted)
        {
            ThrowBadCall(JournalRecordType.InputEvent, InputEvent.TotalSize);
        }

        long sequence = nextSequence;
        if (writeOffset + Size + JournalRecordHeader.TotalSize > capacity)
        {
            RollOver(sequence, Size);
        }

        if (staged + Size > stageCapacity)
        {
            MakeRoom(Size);
        }

        // The payload words are read from the event, the verdict (byte 63: the top byte of the last word) cleared, and
        // the CRC computed from them and the header values: nothing just written is read back.
        ref byte source = ref Unsafe.As<InputEvent, byte>(ref Unsafe.AsRef(in inputEvent));
        ulong p0 = Unsafe.ReadUnaligned<ulong>(ref source);
        ulong p1 = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref source, 8));
        ulong p2 = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref source, 16));
        ulong p3 = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref source, 24));
        ulong p4 = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref source, 32));
        ulong p5 = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref source, 40));
        ulong p6 = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref source, 48));
        ulong p7 = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref source, 56)) & VerdictMask;
        const ulong h0 = InputEvent.TotalSize | ((ulong)JournalRecordType.InputEvent << 32);
        uint crc = JournalCrc.InputRecord(h0, sequence, timestamp, p0, p1, p2, p3, p4, p5, p6, p7);

        ulong* p = (ulong*)(stage + staged);
        p[0] = h0;
        p[1] = (ulong)sequence;
        p[2] = (ulong)timestamp;
        p[3] = (ulong)crc << 32; // reserved 0, then the CRC at offset 28
        p[4] = p0;
        p[5] = p1;
        p[6] = p2;
        p[7] = p3;
        p[8] = p4;
        p[9] = p5;
        p[10] = p6;
        p[11] = p7;
        if (chain is { } c)
        {
            c.AbsorbInput(h0, (ulong)sequence, (ulong)timestamp, (ulong)crc << 32, p0, p1, p2, p3, p4, p5, p6, p7);
            if ((sequence & checkpointMask) == checkpointMask)
            {
                QueueCheckpoint(sequence, JournalChainLinkKind.Periodic);
            }
        }

        if (writeOffset == recordsStart)
        {
            segmentFirstTimestamp = timestamp;
        }

        lastTimestamp = timestamp;
        staged += Size;
        writeOffset += Size;
        nextSequence = sequence + 1;
        anyRecord = true;
    }

    // InputEvent.VerdictOffset is 63: the top byte of the payload's last little-endian word.
    private const ulong VerdictMask = 0x00FF_FFFF_FFFF_FFFFUL;

    /// <summary>
    /// Zero-copy append, step 1: reserves room for a record of <paramref name="length"/> payload bytes and returns the
    /// payload area (in the mapped segment) to fill. Must be followed by <see cref="Commit"/> before any other call.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="Append(JournalRecordType, long, long, ReadOnlySpan{byte})"/>.</exception>
    /// <exception cref="JournalException">As <see cref="Append(JournalRecordType, long, long, ReadOnlySpan{byte})"/>.</exception>
    public Span<byte> Reserve(JournalRecordType type, long sequence, long timestamp, int length)
    {
        byte* p = Claim(type, sequence, timestamp, length, out int padded);
        reservedOffset = p - stage;
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

        byte* p = stage + reservedOffset;
        reservedOffset = -1;
        Publish(p, JournalRecordHeader.PaddedLength(reservedLength), reservedLength);
    }

    /// <summary>
    /// Makes every appended record durable per the mode and advances <see cref="AcknowledgedSequence"/>: writes the
    /// staged records to the segment file (one <c>pwrite</c>), then, in Sync mode, waits for the disk (fdatasync).
    /// Async: no wait; the records are in the page cache.
    /// </summary>
    /// <exception cref="JournalException">The kernel reported a write error; the records since the last flush are not acknowledged.</exception>
    public void Flush()
    {
        ThrowIfDisposed();
        if (segment is null)
        {
            return;
        }

        WriteOut();
        if (options.Durability == JournalDurability.Sync && writtenOffset > flushedOffset)
        {
            SyncSegment();
            flushedOffset = writtenOffset;
        }

        Volatile.Write(ref acknowledged, writtenSequence);
        if (pendingCount > 0)
        {
            WriteCheckpoints(sync: false);
        }
    }

    /// <summary>A checkpoint of the chain after record <paramref name="sequence"/>: written to journal.chain at the next flush, after the record.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void QueueCheckpoint(long sequence, JournalChainLinkKind kind)
    {
        if (pendingCount == pendingLinks.Length)
        {
            Array.Resize(ref pendingLinks, pendingLinks.Length * 2);
        }

        pendingLinks[pendingCount++] = chainKey!.Link(checkpointer.JournalId, sequence, chain!.Value, kind);
    }

    /// <summary>Appends the queued checkpoints to journal.chain (their records are written out already).</summary>
    private void WriteCheckpoints(bool sync)
    {
        try
        {
            chainFile ??= JournalChainFile.OpenAppend(Path.GetFullPath(options.Directory));
            JournalChainFile.Append(chainFile, pendingLinks.AsSpan(0, pendingCount), sync);
            pendingCount = 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The records are durable; only their authentication is late. Kept queued and retried at the next flush.
            logger?.LogChainWriteFailed(ex, options.Directory);
        }
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
                if (chain is not null && nextSequence - 1 >= segmentFirstSequence && (pendingCount == 0 || pendingLinks[pendingCount - 1].Sequence != nextSequence - 1)
                    && ((nextSequence - 1) & checkpointMask) != checkpointMask)
                {
                    QueueCheckpoint(nextSequence - 1, JournalChainLinkKind.Close);
                }

                if (pendingCount > 0)
                {
                    WriteCheckpoints(sync: true);
                }

                if (segment is not null && writtenOffset > flushedOffset)
                {
                    // Async mode: make the open segment durable at a clean close, so the manifest can record its end.
                    SyncSegment();
                    flushedOffset = writtenOffset;
                }

                clean = true;
            }
        }
        finally
        {
            disposed = true;
            chainFile?.Dispose();
            segment?.Dispose();
            segment = null;
            NativeMemory.AlignedFree(stage);
            stage = null;
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

        if (staged + size > stageCapacity)
        {
            MakeRoom(size);
        }

        byte* p = stage + staged;
        ref var header = ref Unsafe.AsRef<JournalRecordHeader>(p);
        header.Length = length;
        header.Type = type;
        header.Flags = 0;
        header.Sequence = sequence;
        header.Timestamp = timestamp;
        header.Reserved = 0;
        if (writeOffset == recordsStart)
        {
            segmentFirstTimestamp = timestamp;
        }

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

        // The CRC covers the header and the padded payload: a reader that finds it matching has the whole record.
        *(uint*)(p + JournalRecordHeader.CrcOffset) = JournalCrc.Record(p, padded);
        long sequence = JournalRecords.Header(p, 0).Sequence;
        if (chain is { } c)
        {
            c.Absorb(p, JournalRecordHeader.TotalSize + padded);
            if ((sequence & checkpointMask) == checkpointMask)
            {
                QueueCheckpoint(sequence, JournalChainLinkKind.Periodic);
            }
        }

        staged += JournalRecordHeader.TotalSize + padded;
        writeOffset += JournalRecordHeader.TotalSize + (long)padded;
        nextSequence = sequence + 1;
        anyRecord = true;
    }

    private void Resume(JournalScanner.Result scan)
    {
        if (scan.OpenSegment is { } open)
        {
            var file = new FileStream(open.Path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            Attach(file, open.FileSize, open.Path, open.FirstSequence, scan.LastSegmentWriteOffset);
            segmentFirstTimestamp = open.RecordCount > 0 ? open.FirstTimestamp : 0;
            chain = chainKey is null ? null : JournalVerifier.ResumeChain(open.Path, chainKey, checkpointer.JournalId, scan.LastSegmentWriteOffset);
            recordsStart = JournalSegmentHeader.RecordsOffset(ReadVersion(open.Path));
        }
        else if (chainKey is not null && scan.Report.Segments.Count > 0)
        {
            // Every segment sealed (a crash between sealing one and publishing the next): the chain continues from the
            // end of the last one, recomputed from it.
            var last = scan.Report.Segments[^1];
            chain = JournalVerifier.ChainAtEnd(last.Path, last.FirstSequence, chainKey, checkpointer.JournalId);
        }

        if (chainKey is not null)
        {
            int dropped = JournalChainFile.DropAfter(Path.GetFullPath(options.Directory), nextSequence - 1);
            if (dropped > 0)
            {
                logger?.LogChainCheckpointsDropped(options.Directory, dropped, nextSequence - 1);
            }
        }

        if (options.CompressClosedSegments)
        {
            // Sealed plain segments left by an earlier run (compression interrupted or disabled then).
            foreach (var sealedSegment in scan.Report.Segments)
            {
                if (sealedSegment.Sealed && !sealedSegment.Compressed)
                {
                    archiver.Enqueue(null, sealedSegment.Path, sealedSegment.FirstSequence, sealedSegment.LastSequence);
                }
            }
        }
    }

    private void Attach(FileStream file, long length, string path, long firstSequence, long offset)
    {
        // The file was created under the .tmp name; the archiver and error messages need the published name.
        segmentPath = path;
        segment = file;
        segmentHandle = file.SafeFileHandle;
        capacity = length;
        segmentFirstSequence = firstSequence;
        writeOffset = offset;
        writtenOffset = offset;
        flushedOffset = offset;
        staged = 0;
    }

    /// <summary>The staging buffer cannot take a record of <paramref name="size"/> bytes: write it out, and grow it once for a record larger than it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void MakeRoom(long size)
    {
        WriteOut();
        if (size > stageCapacity)
        {
            // Only for a record larger than the whole buffer (a big command); bounded by the segment size.
            int grown = (int)Math.Min(Math.Max(size, 2L * stageCapacity), options.SegmentSize);
            NativeMemory.AlignedFree(stage);
            stage = null;
            stage = (byte*)NativeMemory.AlignedAlloc((nuint)grown, 64);
            stageCapacity = grown;
        }
    }

    /// <summary>Writes the staged records to the segment file (one pwrite; the kernel copies them into the page cache).</summary>
    /// <exception cref="JournalException">The write failed: the writer is faulted and the staged records are not acknowledged.</exception>
    private void WriteOut()
    {
        if (staged == 0)
        {
            return;
        }

        WriteAt(stage, staged, writtenOffset);
        writtenOffset += staged;
        staged = 0;
        writtenSequence = nextSequence - 1;
    }

    private void WriteAt(byte* data, int length, long fileOffset)
    {
        try
        {
            RandomAccess.Write(segmentHandle!, new ReadOnlySpan<byte>(data, length), fileOffset);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            ThrowWriteFailed(ex);
        }
    }

    private void SyncSegment()
    {
        try
        {
            JournalNative.SyncData(segment!);
        }
        catch (IOException ex)
        {
            faulted = true;
            throw new JournalException($"Journal flush of {segmentPath} failed: {ex.Message}; records after sequence {acknowledged} are not acknowledged.", ex);
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowWriteFailed(Exception ex)
    {
        faulted = true;
        throw new JournalException(
            $"Journal write to {segmentPath} failed: {ex.Message}; records after sequence {writtenSequence} are not acknowledged. Reopen the journal to recover.", ex);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RollOver(long sequence, long recordSize)
    {
        long segmentSize = options.SegmentSize;
        if (JournalSegmentHeader.ChainedHeaderSize + recordSize + JournalRecordHeader.TotalSize > segmentSize)
        {
            throw new ArgumentException(
                $"A record of {recordSize} bytes cannot fit in a {segmentSize}-byte journal segment; raise journal.segmentSize.", nameof(recordSize));
        }

        var directory = Path.GetFullPath(options.Directory);
        var finalPath = JournalFileNames.Plain(directory, sequence);
        ulong nextSegmentId = JournalManifest.NewId();
        var temporary = finalPath + JournalFileNames.TemporarySuffix;
        JournalChainLink nextLink = default;

        // 1. Create and preallocate the next segment under a temporary name (a reader never sees it half made) and
        // write its header.
        FileStream next;
        try
        {
            next = options.CreateSegmentFile(temporary, segmentSize);
            try
            {
                next.SetLength(segmentSize);
                var header = new JournalSegmentHeader
                {
                    Magic = JournalSegmentHeader.MagicValue,
                    FormatVersion = chainKey is null ? JournalSegmentHeader.UnchainedVersion : JournalSegmentHeader.ChainedVersion,
                    HeaderSize = (ushort)(chainKey is null ? JournalSegmentHeader.TotalSize : JournalSegmentHeader.ChainedHeaderSize),
                    RecordHeaderSize = JournalRecordHeader.TotalSize,
                    SegmentSize = segmentSize,
                    FirstSequence = sequence,
                    CreatedUtc = (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100,
                    JournalId = checkpointer.JournalId,
                    SegmentId = nextSegmentId,
                };
                header.HeaderCrc = JournalCrc.Compute((byte*)&header, JournalSegmentHeader.CrcOffset);
                RandomAccess.Write(next.SafeFileHandle, new ReadOnlySpan<byte>(&header, JournalSegmentHeader.TotalSize), 0);
                if (chainKey is not null)
                {
                    // The chain value at the end of the segment being sealed (a new chain when there is none).
                    nextLink = chain is null
                        ? chainKey.Link(checkpointer.JournalId, sequence - 1, default, JournalChainLinkKind.Genesis)
                        : chainKey.Link(checkpointer.JournalId, sequence - 1, chain.Value, JournalChainLinkKind.Segment);
                    RandomAccess.Write(next.SafeFileHandle, new ReadOnlySpan<byte>(&nextLink, JournalChainLink.Size), JournalSegmentHeader.TotalSize);
                }

                if (options.Durability == JournalDurability.Sync)
                {
                    JournalNative.SyncData(next);
                }
            }
            catch
            {
                next.Dispose();
                throw;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new JournalException(
                $"Cannot create journal segment {finalPath}: {segmentSize} bytes are needed in {directory} ({ex.Message}). "
                + $"Nothing was written; the journal ends at sequence {nextSequence - 1}. Free disk space (or move the journal) and retry.", ex);
        }

        // 2. Write out what is staged and seal the current segment with the end marker, then 3. publish the new file
        // under its real name. In this order a reader that finds the next segment always finds the previous one sealed.
        long sealedAt = 0, firstTimestamp = 0;
        try
        {
            if (segment is { } old)
            {
                WriteOut();
                sealedAt = writtenOffset;
                if (writtenOffset > recordsStart)
                {
                    firstTimestamp = segmentFirstTimestamp;
                }

                var marker = new JournalRecordHeader
                {
                    Length = 0,
                    Type = JournalRecordType.SegmentEnd,
                    Sequence = sequence,
                    Timestamp = lastTimestamp,
                };
                marker.Crc = JournalCrc.Record((byte*)&marker, 0);
                WriteAt((byte*)&marker, JournalRecordHeader.TotalSize, writtenOffset);
                writtenOffset += JournalRecordHeader.TotalSize;
                if (options.Durability == JournalDurability.Sync)
                {
                    // Records of this batch that landed in the old segment must be durable before they are acknowledged.
                    SyncSegment();
                }

                flushedOffset = writtenOffset;
                segment = null;
                archiver.Enqueue(old, segmentPath, segmentFirstSequence, sequence - 1);
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
        catch (JournalException)
        {
            next.Dispose();
            TryDelete(temporary);
            throw;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            faulted = true;
            next.Dispose();
            throw new JournalException($"Journal roll-over to {finalPath} failed: {ex.Message}. Reopen the journal to recover.", ex);
        }

        int start = JournalSegmentHeader.RecordsOffset(chainKey is null ? JournalSegmentHeader.UnchainedVersion : JournalSegmentHeader.ChainedVersion);
        Attach(next, segmentSize, finalPath, sequence, start);
        recordsStart = start;
        segmentFirstTimestamp = 0;
        if (chainKey is not null && chain is null)
        {
            chain = new JournalChain(chainKey);
        }
    }

    private static ushort ReadVersion(string path)
    {
        JournalSegmentHeader header = default;
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        RandomAccess.Read(handle, new Span<byte>(&header, JournalSegmentHeader.TotalSize), 0);
        return header.FormatVersion;
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
