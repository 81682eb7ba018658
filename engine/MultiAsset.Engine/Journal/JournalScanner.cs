using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace MultiAsset.Engine.Journal;

/// <summary>
/// The recovery scan, checked against the manifest (<see cref="JournalManifest"/>): every segment the manifest lists
/// must be there with its recorded identity (journal id, segment id) and end, the journal must reach the manifest's
/// last durable sequence, and nothing may be in the directory that the journal does not own. Closed segments are
/// checked by their headers and end markers only (fast open); the open segment is read record by record and a bad
/// tail is classified as a torn tail (truncated) or as damage (<see cref="JournalCorruptException"/>). With
/// <c>full</c> every record of every segment is checked too (inspection). With <c>repair</c> it applies the
/// truncation and deletes leftovers of interrupted creation/compression; without, it only reports.
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

        /// <summary>The manifest reconciled with what was found (what a writer writes back at open).</summary>
        public required JournalManifest Manifest { get; init; }
    }

    public static Result Scan(string directory, bool repair, ILogger? logger, bool full = false)
    {
        var removed = new List<string>();
        if (Directory.Exists(directory))
        {
            foreach (var path in Directory.EnumerateFiles(directory, "*" + JournalFileNames.TemporarySuffix))
            {
                if (JournalFileNames.IsLeftover(Path.GetFileName(path)))
                {
                    removed.Add(path);
                    if (repair)
                    {
                        File.Delete(path);
                    }
                }
            }
        }

        if (JournalFileNames.Strays(directory) is { Count: > 0 } strays)
        {
            throw new JournalCorruptException(strays[0], 0,
                $"stray file: {string.Join(", ", strays.Select(Path.GetFileName))} {(strays.Count == 1 ? "is" : "are")} in the journal directory but not part of the journal "
                + "(a renamed, copied or foreign segment, or an unknown journal file)",
                $"Move {(strays.Count == 1 ? "it" : "them")} out of {directory}; if it is a segment of this journal that was renamed, give it back its name.");
        }

        var entries = JournalFileNames.List(directory);
        foreach (var (_, plain, archive) in entries)
        {
            if (plain is not null && archive is not null)
            {
                // A crash during compression: the plain file is complete by construction, the archive may not be.
                removed.Add(archive);
                if (repair)
                {
                    File.Delete(archive);
                }
            }
        }

        var disk = entries.Select(e => new DiskSegment(e.FirstSequence, e.Plain ?? e.Archive!, e.Plain is null)).ToList();
        var manifest = JournalManifest.Read(directory, out var manifestProblem);
        if (manifestProblem is not null)
        {
            throw new JournalCorruptException(JournalManifest.PathIn(directory), 0, manifestProblem,
                $"Restore {JournalManifest.FileName} from a backup, or run 'maectl journal repair {directory}' to rebuild it from the segments present "
                + "(their completeness can then not be checked).");
        }

        var state = new ScanState(directory, repair, logger, removed);
        if (manifest is null)
        {
            manifest = WithoutManifest(state, disk);
        }
        else
        {
            Check(state, manifest, disk, full);
        }

        return state.Finish(manifest);
    }

    /// <summary>
    /// Rebuilds a manifest from the segments present (<c>maectl journal repair</c>): every segment is verified, they
    /// must be contiguous and of one journal; whatever they hold becomes the journal (a lost end or beginning is
    /// accepted: the beginning becomes the pruned-before mark).
    /// </summary>
    public static Result Rebuild(string directory, ILogger? logger)
    {
        var state = new ScanState(directory, repair: true, logger, []);
        var disk = JournalFileNames.List(directory).Select(e => new DiskSegment(e.FirstSequence, e.Plain ?? e.Archive!, e.Plain is null)).ToList();
        var old = JournalManifest.Read(directory, out _);
        ulong journalId = old?.JournalId ?? 0;
        foreach (var d in disk)
        {
            var id = ReadIdentity(d);
            if (id.JournalId != 0)
            {
                if (journalId == 0)
                {
                    journalId = id.JournalId;
                }
                else if (id.JournalId != journalId)
                {
                    throw new JournalCorruptException(d.Path, 0, $"segment belongs to another journal (journal id {id.JournalId:x16}, this journal is {journalId:x16})",
                        $"Move it out of {directory}, then run the repair again.");
                }
            }
        }

        foreach (var path in Directory.EnumerateFiles(directory, "*" + JournalFileNames.TemporarySuffix))
        {
            if (JournalFileNames.IsLeftover(Path.GetFileName(path)))
            {
                File.Delete(path);
            }
        }

        ScanAll(state, disk);
        var manifest = new JournalManifest
        {
            JournalId = journalId != 0 ? journalId : JournalManifest.NewId(),
            Generation = (old?.Generation ?? 0) + 1,
            LastDurableSequence = Math.Max(state.End - 1, -1),
            PrunedBefore = disk.Count > 0 ? disk[0].First : old?.PrunedBefore ?? 0,
            Segments = [],
        };
        return state.Finish(manifest);
    }

    private readonly record struct DiskSegment(long First, string Path, bool Compressed);

    private readonly record struct Identity(ushort Version, ulong JournalId, ulong SegmentId, long FileLength, long DeclaredSize, long RecordCount);

    /// <summary>What the scan accumulates while it walks the segments.</summary>
    private sealed class ScanState(string directory, bool repair, ILogger? logger, List<string> removed)
    {
        public string Directory { get; } = directory;

        public bool Repair { get; } = repair;

        public ILogger? Logger { get; } = logger;

        public List<string> Removed { get; } = removed;

        public List<JournalSegmentInfo> Segments { get; } = [];

        public List<JournalManifestSegment> Entries { get; } = [];

        public List<string> Notes { get; } = [];

        public long End { get; set; } = -1;

        public long WriteOffset { get; set; } = -1;

        public JournalSegmentInfo? Open { get; set; }

        public (string File, long Offset, long Bytes, int Records, string Reason)? Torn { get; set; }

        public bool ManifestCreated { get; set; }

        public int Adopted { get; set; }

        public List<string> PrunedLeftovers { get; } = [];

        public Result Finish(JournalManifest manifest)
        {
            var reconciled = new JournalManifest
            {
                JournalId = manifest.JournalId,
                Generation = manifest.Generation,
                LastDurableSequence = manifest.LastDurableSequence,
                PrunedBefore = manifest.PrunedBefore,
                Segments = Entries,
            };
            var nonEmpty = Segments.Where(s => s.RecordCount > 0).ToList();
            var torn = Torn;
            var report = new JournalRecoveryReport
            {
                Directory = Directory,
                Segments = Segments,
                Records = Segments.Sum(s => s.RecordCount),
                FirstSequence = nonEmpty.Count > 0 ? nonEmpty[0].FirstSequence : -1,
                LastSequence = nonEmpty.Count > 0 ? nonEmpty[^1].LastSequence : Segments.Count > 0 ? Segments[^1].FirstSequence - 1 : -1,
                FirstTimestamp = nonEmpty.Count > 0 ? nonEmpty[0].FirstTimestamp : 0,
                LastTimestamp = nonEmpty.Count > 0 ? nonEmpty[^1].LastTimestamp : 0,
                TruncatedBytes = torn?.Bytes ?? 0,
                TruncatedRecords = torn?.Records ?? 0,
                TruncatedFile = torn?.File,
                TruncatedOffset = torn?.Offset ?? 0,
                TruncationReason = torn?.Reason,
                TruncationApplied = Repair && torn is not null,
                RemovedFiles = Removed,
                JournalId = manifest.JournalId,
                PrunedBefore = manifest.PrunedBefore,
                LastDurableSequence = manifest.LastDurableSequence,
                ManifestCreated = ManifestCreated,
                AdoptedSegments = Adopted,
                PrunedLeftovers = PrunedLeftovers,
                Notes = Notes,
            };
            return new Result { Report = report, LastSegmentWriteOffset = WriteOffset, OpenSegment = Open, Manifest = reconciled };
        }

        /// <summary>Adds a fully scanned segment (plain or archive) and returns it.</summary>
        public JournalSegmentInfo AddScanned(DiskSegment d, bool isLast)
        {
            JournalSegmentInfo info;
            long endOffset = 0;
            if (!d.Compressed)
            {
                var tail = ScanPlain(d.Path, d.First, isLast, out info, out endOffset);
                if (tail is { } t)
                {
                    Torn = (d.Path, t.Offset, t.Bytes, t.Records, t.Reason);
                    if (Repair)
                    {
                        ZeroRange(d.Path, t.Offset, t.Bytes);
                        Logger?.LogTornTailTruncated(d.Path, t.Offset, t.Bytes, t.Records, t.Reason);
                    }
                }

                if (isLast && !info.Sealed)
                {
                    WriteOffset = endOffset;
                    Open = info;
                }
            }
            else
            {
                byte[]? buffer = null;
                info = ScanArchive(d.Path, d.First, ref buffer);
            }

            var id = ReadIdentity(d);
            Segments.Add(info);
            Entries.Add(new JournalManifestSegment(d.First, info.Sealed ? info.LastSequence : d.First - 1, id.SegmentId,
                info.Sealed ? info.FirstTimestamp : 0, info.Sealed ? info.LastTimestamp : 0, info.Sealed && !d.Compressed ? endOffset : 0, !info.Sealed, d.Compressed));
            End = d.First + info.RecordCount;
            return info;
        }
    }

    /// <summary>No manifest: a new journal, a journal written before manifests (adopted after a full scan), or a deleted manifest (refused).</summary>
    private static JournalManifest WithoutManifest(ScanState state, List<DiskSegment> disk)
    {
        foreach (var d in disk)
        {
            if (ReadIdentity(d).Version >= 2)
            {
                throw new JournalCorruptException(JournalManifest.PathIn(state.Directory), 0,
                    $"the manifest is missing, yet segment {Path.GetFileName(d.Path)} was written by an engine that keeps one: it was deleted, so a lost or replaced segment could go unnoticed",
                    $"Restore {JournalManifest.FileName} from a backup, or run 'maectl journal repair {state.Directory}' to rebuild it from the segments present "
                    + "(accepting whatever they hold as the whole journal).");
            }
        }

        state.ManifestCreated = true;
        ScanAll(state, disk);
        if (disk.Count > 0)
        {
            state.Logger?.LogManifestCreated(state.Directory, disk.Count, state.Segments.Sum(s => s.RecordCount));
            state.Notes.Add("no manifest: the journal was written before manifests (format version 1); the next writer open creates one");
        }

        return new JournalManifest
        {
            JournalId = JournalManifest.NewId(),
            LastDurableSequence = Math.Max(state.End - 1, -1),
            PrunedBefore = disk.Count > 0 ? disk[0].First : 0,
            Segments = [],
        };
    }

    /// <summary>Verifies every segment present, in order (no manifest to compare with).</summary>
    private static void ScanAll(ScanState state, List<DiskSegment> disk)
    {
        for (int i = 0; i < disk.Count; i++)
        {
            var d = disk[i];
            if (state.End >= 0 && d.First != state.End)
            {
                throw Discontinuity(d, state.End);
            }

            state.AddScanned(d, i == disk.Count - 1);
        }
    }

    private static JournalCorruptException Discontinuity(DiskSegment d, long expected)
        => new(d.Path, 0, d.First > expected
            ? $"missing segment: the previous segment ends before sequence {expected} but this one starts at {d.First} (records {expected}..{d.First - 1} are absent)"
            : $"overlapping segments: the previous segment runs to sequence {expected - 1} but this one starts at {d.First}");

    /// <summary>Checks the directory against the manifest.</summary>
    private static void Check(ScanState state, JournalManifest manifest, List<DiskSegment> disk, bool full)
    {
        var listed = manifest.Segments;
        var dir = state.Directory;
        int di = 0;
        long manifestFirst = listed.Count > 0 ? listed[0].FirstSequence : long.MaxValue;
        while (di < disk.Count && disk[di].First < manifestFirst)
        {
            if (disk[di].First < manifest.PrunedBefore)
            {
                // Pruned (the manifest was written first) but the file was not removed yet: not part of the journal.
                state.PrunedLeftovers.Add(disk[di].Path);
                di++;
                continue;
            }

            if (listed.Count == 0)
            {
                break; // a new journal whose first segment was created after the manifest was written: adopted below
            }

            throw new JournalCorruptException(disk[di].Path, 0,
                $"stray segment: {Path.GetFileName(disk[di].Path)} is not in the manifest, whose journal starts at sequence {manifestFirst}",
                $"Move it out of {dir} (it is not part of this journal).");
        }

        // Segments after the manifest's last one must be this journal's (checked first: a foreign file there is a
        // stray, whatever state the segment before it is in).
        long lastListed = listed.Count > 0 ? listed[^1].FirstSequence : long.MinValue;
        foreach (var d in disk.Skip(di).Where(d => d.First > lastListed))
        {
            var id = ReadIdentity(d);
            if (id.Version < 2 || id.JournalId != manifest.JournalId)
            {
                throw new JournalCorruptException(d.Path, 0,
                    $"stray segment: {Path.GetFileName(d.Path)} is not in the manifest and belongs to another journal (journal id {id.JournalId:x16}, this journal is {manifest.JournalId:x16})",
                    $"Move it out of {dir} (it is not part of this journal); if this journal's own last segment was replaced by it, restore the original from a backup.");
            }
        }

        for (int k = 0; k < listed.Count; k++)
        {
            var e = listed[k];
            if (di >= disk.Count || disk[di].First != e.FirstSequence)
            {
                if (!e.Open && e.LastSequence < manifest.PrunedBefore)
                {
                    continue; // removed after the pruned-before mark covered it
                }

                throw Missing(dir, manifest, k, di < disk.Count ? disk[di] : null);
            }

            var d = disk[di++];
            bool lastOnDisk = di == disk.Count;
            var id = ReadIdentity(d);
            CheckIdentity(d, id, e, manifest.JournalId);
            if (e.Open || full)
            {
                var info = state.AddScanned(d, lastOnDisk);
                if (!e.Open && info.RecordCount != e.RecordCount)
                {
                    throw new JournalCorruptException(d.Path, 0,
                        $"the segment holds {info.RecordCount} records but the manifest records {e.RecordCount} (sequences {e.FirstSequence}..{e.LastSequence}): it was replaced",
                        $"Restore {Path.GetFileName(d.Path)} from a backup.");
                }
            }
            else
            {
                state.Segments.Add(CheckClosed(d, id, e));
                state.Entries.Add(e with { Compressed = d.Compressed });
                state.End = e.LastSequence + 1;
            }
        }

        // Segments after the manifest's last one: roll-overs the manifest had not recorded yet (it is written in the
        // background). They must continue the journal and carry its id.
        while (di < disk.Count)
        {
            var d = disk[di++];
            if (state.End >= 0 && d.First != state.End)
            {
                throw Discontinuity(d, state.End);
            }

            if (state.Segments.Count > 0 && !state.Segments[^1].Sealed)
            {
                throw new JournalCorruptException(state.Segments[^1].Path, 0, "closed segment is truncated or damaged before its end marker: a later segment exists");
            }

            state.AddScanned(d, di == disk.Count);
            state.Adopted++;
            state.Logger?.LogSegmentAdopted(d.Path);
        }

        long last = Math.Max(state.End - 1, -1);
        if (manifest.LastDurableSequence > last)
        {
            var lastPath = state.Segments.Count > 0 ? state.Segments[^1].Path : dir;
            throw new JournalCorruptException(lastPath, 0,
                $"the journal ends at sequence {last} but the manifest records sequence {manifest.LastDurableSequence} as durable (acknowledged): records {last + 1}..{manifest.LastDurableSequence} are lost "
                + "(the last segment was deleted, replaced by an older copy, or cut short)",
                $"Restore {Path.GetFileName(lastPath)} from a backup, or run 'maectl journal repair {dir}' to accept the loss of those records.");
        }
    }

    private static JournalCorruptException Missing(string dir, JournalManifest manifest, int k, DiskSegment? found)
    {
        var e = manifest.Segments[k];
        var path = Path.Combine(dir, e.FileName);
        long to = e.Open ? Math.Max(manifest.LastDurableSequence, e.FirstSequence) : e.LastSequence;
        string range = e.Open ? $"records from {e.FirstSequence}{(manifest.LastDurableSequence >= e.FirstSequence ? $" to at least {manifest.LastDurableSequence} (acknowledged)" : string.Empty)}" : $"records {e.FirstSequence}..{to}";
        if (k == manifest.Segments.Count - 1)
        {
            return new JournalCorruptException(path, 0,
                $"the last segment {e.FileName} listed in the manifest is missing: {range} are lost",
                $"Restore {e.FileName} from a backup, or run 'maectl journal repair {dir}' to accept the loss.");
        }

        if (k == 0)
        {
            return new JournalCorruptException(path, 0,
                $"the first segment {e.FileName} ({range}) is missing, and the manifest's pruned-before mark ({manifest.PrunedBefore}) does not cover it: history was deleted by hand, not pruned",
                $"Restore {e.FileName} from a backup. History is removed with 'maectl journal prune' (which records it in the manifest); "
                + $"to accept the loss, run 'maectl journal repair {dir}'.");
        }

        return new JournalCorruptException(path, 0,
            $"missing segment {e.FileName}: {range} are absent between segments {manifest.Segments[k - 1].FileName} and {(found is { } f ? Path.GetFileName(f.Path) : "the end")}",
            $"Restore {e.FileName} from a backup (a gap in the middle cannot be accepted: the records after it cannot be replayed).");
    }

    private static void CheckIdentity(DiskSegment d, Identity id, JournalManifestSegment e, ulong journalId)
    {
        var name = Path.GetFileName(d.Path);
        if (id.Version < 2)
        {
            if (e.SegmentId != 0)
            {
                throw new JournalCorruptException(d.Path, 0,
                    $"replaced segment: {name} is a format-version-1 segment but the manifest records segment id {e.SegmentId:x16}",
                    $"Restore the original {name} from a backup.");
            }

            return;
        }

        if (id.JournalId != journalId)
        {
            throw new JournalCorruptException(d.Path, 0,
                $"replaced segment: {name} belongs to another journal (journal id {id.JournalId:x16}, this journal is {journalId:x16})",
                $"Move it out of the journal directory and restore this journal's own {name} from a backup.");
        }

        if (id.SegmentId != e.SegmentId)
        {
            throw new JournalCorruptException(d.Path, 0,
                $"replaced segment: {name} has segment id {id.SegmentId:x16} but the manifest records {e.SegmentId:x16}",
                $"Restore the original {name} from a backup.");
        }
    }

    /// <summary>A closed segment, checked without reading its records: size, and the end marker (or archive header) where the manifest says it ends.</summary>
    private static JournalSegmentInfo CheckClosed(DiskSegment d, Identity id, JournalManifestSegment e)
    {
        if (d.Compressed)
        {
            if (id.RecordCount != e.RecordCount)
            {
                throw new JournalCorruptException(d.Path, 0,
                    $"the archive holds {id.RecordCount} records but the manifest records {e.RecordCount} (sequences {e.FirstSequence}..{e.LastSequence}): it was replaced",
                    $"Restore {Path.GetFileName(d.Path)} from a backup.");
            }

            return new JournalSegmentInfo(d.First, d.Path, true, id.FileLength, e.RecordCount, e.FirstTimestamp, e.LastTimestamp, true);
        }

        if (id.FileLength != id.DeclaredSize)
        {
            throw new JournalCorruptException(d.Path, Math.Min(id.FileLength, id.DeclaredSize), SizeProblem(id.FileLength, id.DeclaredSize));
        }

        Span<byte> bytes = stackalloc byte[JournalRecordHeader.TotalSize];
        using (var handle = File.OpenHandle(d.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            if (e.EndOffset < JournalSegmentHeader.TotalSize || e.EndOffset + bytes.Length > id.FileLength
                || RandomAccess.Read(handle, bytes, e.EndOffset) != bytes.Length)
            {
                throw new JournalCorruptException(d.Path, e.EndOffset, $"the manifest records the end marker at offset {e.EndOffset}, outside the segment");
            }
        }

        fixed (byte* p = bytes)
        {
            if (JournalRecords.Check(p, bytes.Length, 0, e.LastSequence + 1, verifyCrc: true, out _) != RecordStatus.End)
            {
                throw new JournalCorruptException(d.Path, e.EndOffset,
                    $"closed segment has no end marker where the manifest records its end (after sequence {e.LastSequence}): it was replaced or damaged",
                    $"Restore {Path.GetFileName(d.Path)} from a backup; 'maectl journal inspect {Path.GetDirectoryName(d.Path)}' shows what it holds.");
            }
        }

        return new JournalSegmentInfo(d.First, d.Path, false, id.FileLength, e.RecordCount, e.FirstTimestamp, e.LastTimestamp, true);
    }

    /// <summary>Reads a segment's or archive's header: version, ids, sizes (problems in the header itself throw).</summary>
    private static Identity ReadIdentity(DiskSegment d)
    {
        if (d.Compressed)
        {
            if (JournalArchive.ReadHeader(d.Path, out var archive, out long archiveLength) is { } archiveProblem)
            {
                throw new JournalCorruptException(d.Path, 0, archiveProblem);
            }

            if (archive.FirstSequence != d.First)
            {
                throw new JournalCorruptException(d.Path, 0, $"header says first sequence {archive.FirstSequence} but the file name says {d.First}");
            }

            return new Identity(archive.FormatVersion, archive.JournalId, archive.SegmentId, archiveLength, archive.SegmentSize, archive.RecordCount);
        }

        JournalSegmentHeader header = default;
        var bytes = MemoryMarshal.AsBytes(new Span<JournalSegmentHeader>(ref header));
        long length;
        using (var handle = File.OpenHandle(d.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            length = RandomAccess.GetLength(handle);
            int read = RandomAccess.Read(handle, bytes, 0);
            fixed (byte* p = bytes)
            {
                if (JournalRecords.CheckSegmentHeader(p, read, d.First) is { } problem)
                {
                    throw new JournalCorruptException(d.Path, 0, length < JournalSegmentHeader.TotalSize ? $"the file is {length} bytes, shorter than a segment header" : problem);
                }
            }
        }

        return new Identity(header.FormatVersion, header.JournalId, header.SegmentId, length, header.SegmentSize, -1);
    }

    private static string SizeProblem(long length, long declared)
        => length > declared
            ? $"the file is {length} bytes, longer than its header declares ({declared}): bytes were appended to it, or it was replaced"
            : $"the file is {length} bytes, shorter than its header declares ({declared}): the segment was cut short (segment files are preallocated, so no crash does this)";

    private static string ArchiveSizeProblem(long length, long declared)
        => length > declared
            ? $"the file is {length} bytes, longer than its header declares ({declared})"
            : $"the file is {length} bytes, shorter than its header declares ({declared}): the archive was cut short";

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
            throw new JournalCorruptException(path, Math.Min(length, declared), SizeProblem(length, declared));
        }

        long offset = JournalSegmentHeader.RecordsOffset(p);
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
                ArchiveSizeProblem(fileLength, JournalArchiveHeader.TotalSize + header.CompressedLength));
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
