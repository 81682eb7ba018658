using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MultiAsset.Engine.Journal;

/// <summary>
/// Tamper evidence (<c>maectl journal verify</c>): walks every record of every segment (plain or LZ4) in order,
/// recomputes the hash chain and checks it against the link in each version-3 segment header and against every
/// authenticated checkpoint in <c>journal.chain</c>; then checks the directory against the manifest. Read-only.
/// </summary>
public static unsafe class JournalVerifier
{
    /// <summary>Verifies the journal in <paramref name="directory"/> with <paramref name="key"/> (null: unauthenticated).</summary>
    public static JournalVerification Verify(string directory, byte[]? key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        directory = Path.GetFullPath(directory);
        var walker = new Walker(JournalChainKey.For(key), JournalChainFile.Read(directory),
            JournalManifest.Read(directory, out _)?.JournalId ?? 0);
        var problem = walker.Run(directory);
        if (problem is null)
        {
            try
            {
                JournalScanner.Scan(directory, repair: false, logger: null, full: false);
            }
            catch (JournalCorruptException ex)
            {
                problem = (walker.Next, $"{Path.GetFileName(ex.FilePath)}: {ex.Problem}");
            }
        }

        return walker.Result(directory, problem);
    }

    /// <summary>
    /// The chain of the open segment <paramref name="path"/> recomputed up to <paramref name="writeOffset"/> (the writer
    /// resumes it after a restart); null when the segment is unchained (format 1/2).
    /// </summary>
    /// <exception cref="JournalException">The segment's link does not open under the configured key.</exception>
    internal static JournalChain? ResumeChain(string path, JournalChainKey key, ulong journalId, long writeOffset)
    {
        using var segment = MappedSegment.OpenRead(path);
        return Continue(segment.Pointer, Math.Min(writeOffset, segment.Length), path, key, journalId);
    }

    /// <summary>The chain at the end of the sealed segment <paramref name="path"/> (plain or LZ4), recomputed; null when unchained.</summary>
    internal static JournalChain? ChainAtEnd(string path, long firstSequence, JournalChainKey key, ulong journalId)
    {
        using var image = SegmentImage.Open(path);
        _ = firstSequence;
        return Continue(image.Data, image.Length, path, key, journalId);
    }

    private static JournalChain? Continue(byte* p, long length, string path, JournalChainKey key, ulong journalId)
    {
        ref var header = ref Unsafe.AsRef<JournalSegmentHeader>(p);
        if (header.FormatVersion < JournalSegmentHeader.ChainedVersion)
        {
            return null;
        }

        var link = Unsafe.AsRef<JournalChainLink>(p + JournalSegmentHeader.TotalSize);
        if (key.Open(journalId, link, out var problem) is not { } start)
        {
            throw new JournalException(
                $"Journal segment {path}: its chain link {problem}; the writer cannot continue the chain. Configure the journal.hmacKey the journal was written with.");
        }

        var chain = new JournalChain(key, start);
        long offset = JournalSegmentHeader.ChainedHeaderSize;
        long sequence = header.FirstSequence;
        while (JournalRecords.Check(p, length, offset, sequence, verifyCrc: false, out long size) == RecordStatus.Valid)
        {
            chain.Absorb(p + offset, size);
            offset += size;
            sequence++;
        }

        return chain;
    }

    /// <summary>A segment's bytes: a plain file mapped, or an archive decompressed.</summary>
    private sealed class SegmentImage : IDisposable
    {
        private MappedSegment? mapped;
        private byte[]? content;
        private GCHandle pin;

        public byte* Data { get; private set; }

        public long Length { get; private set; }

        public static SegmentImage Open(string path)
        {
            var image = new SegmentImage();
            if (!path.EndsWith(JournalFileNames.ArchiveExtension, StringComparison.Ordinal))
            {
                image.mapped = MappedSegment.OpenRead(path);
                image.Data = image.mapped.Pointer;
                image.Length = image.mapped.Length;
                return image;
            }

            byte[]? compressed = null;
            if (!JournalArchive.TryRead(path, ref compressed, ref image.content, out var header, out var problem, out long problemOffset))
            {
                throw new JournalCorruptException(path, problemOffset, problem!);
            }

            image.pin = GCHandle.Alloc(image.content, GCHandleType.Pinned);
            image.Data = (byte*)image.pin.AddrOfPinnedObject();
            image.Length = header.UncompressedLength;
            return image;
        }

        public void Dispose()
        {
            mapped?.Dispose();
            if (pin.IsAllocated)
            {
                pin.Free();
            }
        }
    }

    /// <summary>The verification walk: state carried from segment to segment.</summary>
    private sealed class Walker(JournalChainKey key, List<JournalChainLink> checkpoints, ulong manifestJournalId)
    {
        private ulong journalId = manifestJournalId; // the manifest's; the segments' own when the manifest is gone
        private JournalChain? chain;
        private int nextCheckpoint;
        private long lastVerified = -1;
        private bool anyChained;

        public long Next { get; private set; } = -1;

        public long Records { get; private set; }

        public long ChainedRecords { get; private set; }

        public int Segments { get; private set; }

        public int UnchainedSegments { get; private set; }

        public int Authenticated { get; private set; }

        public List<string> Notes { get; } = [];

        public (long Sequence, string Problem)? Run(string directory)
        {
            foreach (var (first, plain, archive) in JournalFileNames.List(directory))
            {
                var path = plain ?? archive!;
                var name = Path.GetFileName(path);
                if (Next >= 0 && first != Next)
                {
                    return (Math.Min(first, Next), first > Next
                        ? $"segment {name} starts at sequence {first} but the previous segment ends at {Next - 1}: records {Next}..{first - 1} (a whole segment) are missing"
                        : $"segment {name} starts at sequence {first}, inside the previous segment (which ends at {Next - 1}): overlapping or reordered segments");
                }

                SegmentImage image;
                try
                {
                    image = SegmentImage.Open(path);
                }
                catch (JournalCorruptException ex)
                {
                    return (first, $"{name}: {ex.Problem}");
                }

                using (image)
                {
                    if (JournalRecords.CheckSegmentHeader(image.Data, image.Length, first) is { } headerProblem)
                    {
                        return (first, $"{name}: {headerProblem}");
                    }

                    Segments++;
                    if (Segment(name, image.Data, image.Length, first) is { } problem)
                    {
                        return problem;
                    }
                }
            }

            for (; nextCheckpoint < checkpoints.Count; nextCheckpoint++)
            {
                var c = checkpoints[nextCheckpoint];
                if (c.Sequence >= Next)
                {
                    return (Next, $"{JournalChainFile.FileName} has a checkpoint at sequence {c.Sequence} but the journal ends at {Next - 1}: records {Next}..{c.Sequence} were removed from the end");
                }
            }

            return null;
        }

        private (long, string)? Segment(string name, byte* p, long length, long first)
        {
            ref var header = ref Unsafe.AsRef<JournalSegmentHeader>(p);
            if (journalId == 0)
            {
                journalId = header.JournalId;
            }

            ulong id = header.JournalId != 0 ? header.JournalId : journalId;
            if (header.FormatVersion < JournalSegmentHeader.ChainedVersion)
            {
                chain = null;
                UnchainedSegments++;
            }
            else
            {
                var link = Unsafe.AsRef<JournalChainLink>(p + JournalSegmentHeader.TotalSize);
                if (key.Open(id, link, out var linkProblem) is not { } carried)
                {
                    return (first, $"{name}: the chain link in its header (the chain at the end of the previous segment) does not open: {linkProblem}");
                }

                if (link.Sequence != first - 1)
                {
                    return (first, $"{name}: its chain link is for sequence {link.Sequence}, not {first - 1}: a header copied from another segment");
                }

                if (chain is not null && (link.Kind == JournalChainLinkKind.Genesis || carried != chain.Value))
                {
                    return (Math.Max(lastVerified + 1, 0), $"{name}: the chain carried into this segment does not match the chain recomputed at the end of the previous one: "
                        + $"records {Math.Max(lastVerified + 1, 0)}..{first - 1} were altered, or a segment was removed, replaced or reordered");
                }

                if (chain is null && link.Kind != JournalChainLinkKind.Genesis)
                {
                    Notes.Add(string.Create(CultureInfo.InvariantCulture, $"the chain starts at {name} (sequence {first}) from its authenticated link: history before it is not present (pruned)"));
                }

                chain = new JournalChain(key, carried);
                anyChained = true;
                lastVerified = first - 1;
                Authenticated += key.Keyed ? 1 : 0;
            }

            long offset = JournalSegmentHeader.RecordsOffset(header.FormatVersion);
            long sequence = first;
            while (true)
            {
                var status = JournalRecords.Check(p, length, offset, sequence, verifyCrc: true, out long size);
                if (status == RecordStatus.End)
                {
                    break;
                }

                if (status != RecordStatus.Valid)
                {
                    if (status == RecordStatus.Empty && JournalRecords.EndOfNonZero(p, offset, length) == offset)
                    {
                        break; // the end of the open segment
                    }

                    Next = sequence;
                    return (sequence, $"{name} at offset {offset}: {JournalRecords.Describe(status, p, offset, sequence)}");
                }

                Records++;
                if (chain is not null)
                {
                    chain.Absorb(p + offset, size);
                    ChainedRecords++;
                }

                offset += size;
                if (CheckCheckpoints(sequence) is { } problem)
                {
                    Next = sequence + 1;
                    return problem;
                }

                sequence++;
            }

            Next = sequence;
            return null;
        }

        private (long, string)? CheckCheckpoints(long sequence)
        {
            while (nextCheckpoint < checkpoints.Count && checkpoints[nextCheckpoint].Sequence <= sequence)
            {
                var c = checkpoints[nextCheckpoint++];
                if (c.Sequence < sequence || chain is null)
                {
                    continue; // out of order (reported below if it is the last) or for records the chain does not cover
                }

                if (key.Open(journalId, c, out var problem) is not { } authentic)
                {
                    return (sequence, $"{JournalChainFile.FileName}: the checkpoint at sequence {sequence} does not open: {problem}");
                }

                if (authentic != chain.Value)
                {
                    long from = Math.Max(lastVerified + 1, 0);
                    return (from, $"records altered: the chain recomputed after sequence {sequence} differs from its authenticated checkpoint; "
                        + $"a record in {from}..{sequence} was rewritten, inserted, removed or moved");
                }

                lastVerified = sequence;
                Authenticated++;
            }

            return null;
        }

        public JournalVerification Result(string directory, (long Sequence, string Problem)? problem)
        {
            if (problem is null && anyChained && lastVerified < Next - 1)
            {
                Notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"records {lastVerified + 1}..{Next - 1} are chained but after the last checkpoint: their removal from the end would not be detected"));
            }

            if (UnchainedSegments > 0)
            {
                Notes.Add(string.Create(CultureInfo.InvariantCulture, $"{UnchainedSegments} segment(s) of format version 1/2 are unchained (CRC checked only)"));
            }

            return new JournalVerification
            {
                Directory = directory,
                Ok = problem is null,
                Keyed = key.Keyed,
                Records = Records,
                ChainedRecords = ChainedRecords,
                Segments = Segments,
                CheckpointsAuthenticated = Authenticated,
                FirstBadSequence = problem?.Sequence ?? -1,
                Problem = problem?.Problem,
                Notes = Notes,
            };
        }
    }
}

/// <summary>The result of <see cref="JournalVerifier.Verify"/>.</summary>
public sealed class JournalVerification
{
    /// <summary>The journal directory.</summary>
    public required string Directory { get; init; }

    /// <summary>No problem found.</summary>
    public required bool Ok { get; init; }

    /// <summary>Whether a key was used (checkpoints authenticated) or not ("unauthenticated").</summary>
    public required bool Keyed { get; init; }

    /// <summary>Records read before the first problem (all of them when <see cref="Ok"/>).</summary>
    public long Records { get; init; }

    /// <summary>Records in version-3 (chained) segments.</summary>
    public long ChainedRecords { get; init; }

    /// <summary>Segments read.</summary>
    public int Segments { get; init; }

    /// <summary>Checkpoints (segment links and journal.chain entries) that authenticated under the key.</summary>
    public int CheckpointsAuthenticated { get; init; }

    /// <summary>The first sequence that cannot be trusted (−1 when <see cref="Ok"/>).</summary>
    public long FirstBadSequence { get; init; } = -1;

    /// <summary>What is wrong.</summary>
    public string? Problem { get; init; }

    /// <summary>Remarks that are not failures (unchained segments, the unauthenticated tail, pruned history).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>One-line verdict, then the notes (what <c>maectl journal verify</c> prints).</summary>
    public void WriteText(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var inv = CultureInfo.InvariantCulture;
        if (Ok)
        {
            output.WriteLine(Keyed
                ? string.Create(inv, $"verified {Records} records, chain ok, {CheckpointsAuthenticated} checkpoints authenticated")
                : string.Create(inv, $"verified {Records} records, chain ok, unauthenticated (no key: accidental damage is detected, deliberate tampering is not)"));
        }
        else
        {
            output.WriteLine(string.Create(inv, $"FAILED at sequence {FirstBadSequence}: {Problem}"));
            output.WriteLine(string.Create(inv, $"read {Records} records in {Segments} segment(s) before the problem; {CheckpointsAuthenticated} checkpoints authenticated"));
        }

        foreach (var note in Notes)
        {
            output.WriteLine("note: " + note);
        }
    }
}
