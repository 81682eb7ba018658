using System.Globalization;
using System.Runtime.InteropServices;

namespace MultiAsset.Engine.Journal.Audit;

/// <summary>
/// Verifies an audit trail as <see cref="JournalVerifier"/> verifies a journal: every record's CRC and index, then the
/// hash chain recomputed over every record and compared with each authenticated checkpoint of <c>audit.chain</c>. A
/// record rewritten with a recomputed CRC, inserted, removed or moved changes the chain from there on, so the next
/// checkpoint fails; without the key nobody can forge a checkpoint. <see cref="JournalVerification.FirstBadSequence"/>
/// is the first record index that cannot be trusted.
/// </summary>
public static unsafe class AuditTrailVerifier
{
    /// <summary>Verifies the trail in <paramref name="directory"/> with the chain key <paramref name="key"/> (null: unauthenticated).</summary>
    /// <exception cref="FileNotFoundException">No trail there.</exception>
    public static JournalVerification Verify(string directory, byte[]? key)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var chainKey = JournalChainKey.For(key);
        var notes = new List<string>();
        var path = AuditTrailFiles.TrailPath(directory);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No audit trail in {directory} (expected {AuditTrailFiles.TrailFileName}).", path);
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        AuditTrailHeader header;
        try
        {
            header = AuditTrailFiles.ReadHeader(file);
        }
        catch (JournalCorruptException ex)
        {
            return Result(directory, chainKey, 0, 0, (0, ex.Message), notes);
        }

        if (header.KeyId != chainKey.KeyId)
        {
            var problem = header.KeyId == 0
                ? "the trail was written without a key (unauthenticated) but a key was given"
                : chainKey.KeyId == 0 ? "the trail was written with a key: pass --key or --key-file to verify it" : "the trail was written with a different key (key id mismatch)";
            return Result(directory, chainKey, 0, 0, (0, problem), notes);
        }

        var links = AuditTrailFiles.ReadLinks(directory);
        var count = (file.Length - AuditTrailHeader.Size) / AuditRecord.Size;
        if ((file.Length - AuditTrailHeader.Size) % AuditRecord.Size != 0)
        {
            notes.Add("a partial record at the end (being written, or cut by a crash) was not read");
        }

        var chain = new JournalChain(chainKey);
        var link = 0;
        var authenticated = 0;
        var lastGood = -1L;
        var buffer = GC.AllocateUninitializedArray<byte>(4096 * AuditRecord.Size, pinned: true);
        fixed (byte* p = buffer)
        {
            for (long i = 0; i < count; i += 4096)
            {
                var n = (int)Math.Min(4096, count - i);
                RandomAccess.Read(file.SafeFileHandle, buffer.AsSpan(0, n * AuditRecord.Size), AuditTrailHeader.Size + (i * AuditRecord.Size));
                for (var j = 0; j < n; j++)
                {
                    var index = i + j;
                    var record = MemoryMarshal.Read<AuditRecord>(buffer.AsSpan(j * AuditRecord.Size, AuditRecord.Size));
                    if (!record.CrcValid)
                    {
                        return Result(directory, chainKey, index, authenticated, (index, string.Create(CultureInfo.InvariantCulture, $"record {index}: CRC mismatch (damaged)")), notes);
                    }

                    if (record.Index != index)
                    {
                        return Result(directory, chainKey, index, authenticated, (index, string.Create(CultureInfo.InvariantCulture, $"record {index} carries index {record.Index}: records were removed, inserted or reordered")), notes);
                    }

                    chain.Absorb(p + (j * AuditRecord.Size), AuditRecord.Size);
                    while (link < links.Count && links[link].Sequence <= index)
                    {
                        var checkpoint = links[link];
                        if (checkpoint.Sequence < index)
                        {
                            return Result(directory, chainKey, index, authenticated, (lastGood + 1, $"checkpoint for record {checkpoint.Sequence} is out of order in {AuditTrailFiles.ChainFileName}"), notes);
                        }

                        var value = chainKey.Open(header.TrailId, in checkpoint, out var problem);
                        if (value is null)
                        {
                            return Result(directory, chainKey, index, authenticated, (lastGood + 1, $"checkpoint at record {checkpoint.Sequence}: {problem}"), notes);
                        }

                        if (value.Value != chain.Value)
                        {
                            return Result(directory, chainKey, index, authenticated, (lastGood + 1, string.Create(CultureInfo.InvariantCulture, $"chain mismatch at the checkpoint of record {index}: a record in {lastGood + 1}..{index} was rewritten, inserted, removed or reordered")), notes);
                        }

                        authenticated++;
                        lastGood = index;
                        link++;
                    }
                }
            }
        }

        if (link < links.Count)
        {
            return Result(directory, chainKey, count, authenticated, (count, string.Create(CultureInfo.InvariantCulture, $"{AuditTrailFiles.ChainFileName} has a checkpoint for record {links[link].Sequence} but the trail ends at {count - 1}: records were removed from the end")), notes);
        }

        if (lastGood < count - 1)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"records {lastGood + 1}..{count - 1} follow the last checkpoint: CRC-checked, not authenticated (a clean close adds a checkpoint)"));
        }

        return Result(directory, chainKey, count, authenticated, null, notes);
    }

    private static JournalVerification Result(string directory, JournalChainKey key, long records, int authenticated, (long Index, string Problem)? problem, List<string> notes) => new()
    {
        Directory = directory,
        Ok = problem is null,
        Keyed = key.Keyed,
        Records = records,
        ChainedRecords = records,
        Segments = 1,
        CheckpointsAuthenticated = authenticated,
        FirstBadSequence = problem?.Index ?? -1,
        Problem = problem?.Problem,
        Notes = notes,
    };
}
