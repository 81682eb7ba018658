using MultiAsset.Engine.Journal;
using MultiAsset.Engine.Journal.Snapshots;

namespace MultiAsset.Engine.Tests.Journal.Snapshots;

/// <summary>The snapshot folder: newest usable snapshot first, every other one skipped with its reason; pruning and journal retention.</summary>
public sealed class SnapshotStoreTests : IDisposable
{
    private const ulong Fingerprint = 0xFEED_F00D_1234_5678UL;
    private readonly string directory = Directory.CreateTempSubdirectory("mae-snapstore-").FullName;
    private readonly List<(string Path, string Reason)> skipped = [];

    private string Snapshots => Path.Combine(directory, "snapshots");

    [Fact]
    public void The_newest_intact_snapshot_of_this_configuration_is_loaded()
    {
        Write(100, "a");
        Write(200, "b");
        var loaded = Load(journalRecords: 500);
        Assert.Equal(200, loaded!.Header.Sequence);
        Assert.Equal("b"u8.ToArray(), loaded.Body.ToArray());
        Assert.Empty(skipped);
    }

    [Fact]
    public void A_corrupt_newest_snapshot_is_skipped_and_the_previous_one_used()
    {
        Write(100, "older");
        var newest = Write(200, "newer body");
        var bytes = File.ReadAllBytes(newest);
        bytes[^2] ^= 1;
        File.WriteAllBytes(newest, bytes);

        Assert.Equal(100, Load(journalRecords: 500)!.Header.Sequence);
        Assert.Equal((newest, "the body's CRC does not match (damaged snapshot)"), Assert.Single(skipped));
    }

    [Fact]
    public void A_truncated_or_headerless_snapshot_is_skipped()
    {
        Write(100, "older");
        var truncated = Write(200, "newer body");
        File.WriteAllBytes(truncated, File.ReadAllBytes(truncated)[..^4]);
        var headerless = Path.Combine(Snapshots, SnapshotFile.Name(300));
        File.WriteAllBytes(headerless, new byte[10]);

        Assert.Equal(100, Load(journalRecords: 500)!.Header.Sequence);
        Assert.Equal([headerless, truncated], skipped.Select(s => s.Path));
        Assert.Contains("shorter than the 64-byte header", skipped[0].Reason, StringComparison.Ordinal);
        Assert.Contains("header declares", skipped[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_snapshot_of_another_configuration_is_skipped()
    {
        Write(100, "ours");
        var foreign = Write(200, "theirs", Fingerprint ^ 0xFF);
        Assert.Equal(100, Load(journalRecords: 500)!.Header.Sequence);
        var (path, reason) = Assert.Single(skipped);
        Assert.Equal(foreign, path);
        Assert.StartsWith("it was taken with another configuration", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_snapshot_ahead_of_the_journal_is_skipped()
    {
        Write(100, "covered");
        var ahead = Write(200, "lost tail");
        Assert.Equal(100, Load(journalRecords: 150)!.Header.Sequence);
        Assert.Equal((ahead, "it covers 200 records but the journal holds only 150"), Assert.Single(skipped));
        Assert.Equal(200, Load(journalRecords: 200)!.Header.Sequence);
    }

    [Fact]
    public void Without_a_usable_snapshot_there_is_none()
    {
        Assert.Null(Load(journalRecords: 10));
        Write(100, "x", Fingerprint + 1);
        Assert.Null(Load(journalRecords: 1000));
    }

    [Fact]
    public void Pruning_keeps_the_newest_and_removes_leftover_temporary_files()
    {
        foreach (var s in new long[] { 10, 20, 30, 40 })
        {
            Write(s, "x");
        }

        File.WriteAllText(Path.Combine(Snapshots, SnapshotFile.Name(50) + SnapshotFile.TemporarySuffix), "half");
        Assert.Equal(30, SnapshotStore.Prune(Snapshots, keep: 2));
        Assert.Equal([40L, 30L], SnapshotStore.List(Snapshots).Select(s => s.Sequence));
        Assert.Empty(Directory.GetFiles(Snapshots, "*.tmp"));
    }

    [Fact]
    public void The_header_round_trips_and_a_damaged_header_is_named()
    {
        var header = new SnapshotHeader(Fingerprint, 123, 456, 789, 0xABCD);
        var bytes = new byte[SnapshotHeader.Size];
        header.WriteTo(bytes);
        Assert.True(SnapshotHeader.TryRead(bytes, out var read, out _));
        Assert.Equal(header, read);
        bytes[30] ^= 1;
        Assert.False(SnapshotHeader.TryRead(bytes, out _, out var problem));
        Assert.Equal("the header's CRC does not match (damaged header)", problem);
    }

    private string Write(long sequence, string body, ulong fingerprint = Fingerprint)
        => SnapshotFile.Write(Snapshots, fingerprint, sequence, 1, System.Text.Encoding.UTF8.GetBytes(body));

    private LoadedSnapshot? Load(long journalRecords) => SnapshotStore.LoadNewest(Snapshots, Fingerprint, journalRecords, (p, r) => skipped.Add((p, r)));

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
