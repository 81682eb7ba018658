using System.Security.Cryptography;
using MultiAsset.Engine.Journal.Snapshots;

namespace MultiAsset.Host.Tests.Snapshots;

/// <summary>
/// The state serializer over the real engine: after a trading run of the shipped strategies, every stage is
/// snapshotted at record N and restored into a freshly built engine; the restored stages' digests equal the
/// originals' at N, and after both process the same further records up to M they still do (so nothing that matters
/// later — queues, pending batches, working orders, rolling analytics — was lost or reordered).
/// </summary>
public sealed class StageSnapshotRoundTripTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("mae-snapshot-rt-").FullName;

    [Fact]
    public async Task Every_stage_restored_from_a_snapshot_matches_the_original_then_and_after_more_input()
    {
        var journalled = SnapshotTestEngine.WriteConfig(directory, journal: true, snapshots: """{ "enabled": false }""");
        var plain = SnapshotTestEngine.WriteConfig(directory, journal: false, name: "plain.json");
        var records = await SnapshotTestEngine.ProduceJournal(journalled, events: 150_000);
        var journal = Path.Combine(directory, "journal");
        var n = records / 2;

        using var original = SnapshotTestEngine.Build(plain);
        original.Pipeline.Start();
        SnapshotTestEngine.Replay(original, journal, 0, n);
        Assert.True(original.Stages.Accounts.Fills > 0, "the run should have traded before the snapshot point");
        var atN = SnapshotTestEngine.Digests(original);
        var body = SnapshotTestEngine.Capture(original);

        using var restored = SnapshotTestEngine.Build(plain);
        new StateGraphReader(EngineSnapshotPolicy.Instance).Restore(body, restored.Stages.SnapshotRoots);
        restored.InputSequenceBase = n;
        Assert.Equal(atN, SnapshotTestEngine.Digests(restored));
        Assert.Equal(SHA256.HashData(body), SHA256.HashData(SnapshotTestEngine.Capture(restored)));

        restored.Pipeline.Start();
        SnapshotTestEngine.Replay(original, journal, n, records);
        SnapshotTestEngine.Replay(restored, journal, n, records);
        var atM = SnapshotTestEngine.Digests(original);
        Assert.NotEqual(atN, atM);
        Assert.Equal(atM, SnapshotTestEngine.Digests(restored));
        Assert.Equal(SHA256.HashData(SnapshotTestEngine.Capture(original)), SHA256.HashData(SnapshotTestEngine.Capture(restored)));
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
