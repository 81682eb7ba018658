using MultiAsset.Engine.Journal.Audit;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline.Commands;
using MultiAsset.Host.Tests.Snapshots;

namespace MultiAsset.Host.Tests.Audit;

/// <summary>
/// Issue 18: the audit trail is the output of the journalled input alone. A journalled run of the shipped strategies
/// (orders, verdicts, child orders, fills) writes a trail; replaying its journal into a fresh engine writes the same
/// bytes, and recovering over the existing trail leaves it untouched.
/// </summary>
public sealed class AuditTrailReplayTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("mae-audit-replay-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Replaying_the_journal_regenerates_the_trail_byte_for_byte()
    {
        var recorded = Path.Combine(directory, "recorded");
        var config = SnapshotTestEngine.WriteConfig(Directory.CreateDirectory(recorded).FullName, journal: true);
        CommandCaller.Current = 5; // the strategies are created and deployed as if by the 5th API key
        var journalRecords = await SnapshotTestEngine.ProduceJournal(config, events: 30_000);
        CommandCaller.Current = 0;
        var trail = Path.Combine(recorded, "journal", AuditTrailFiles.DefaultFolder);

        var records = AuditTrailReader.ReadAll(trail).ToList();
        var types = records.GroupBy(r => r.Type).ToDictionary(g => g.Key, g => g.Count());
        foreach (var type in new[] { AuditEventType.Command, AuditEventType.OrderCreated, AuditEventType.RiskAccepted, AuditEventType.ChildRouted, AuditEventType.VenueAck, AuditEventType.Fill })
        {
            Assert.True(types.GetValueOrDefault(type) > 0, $"no {type} in the trail: {string.Join(", ", types)}");
        }

        Assert.All(records.Where(r => r.Type == AuditEventType.Command), r => Assert.Equal((ushort)5, r.Caller));
        Assert.All(records, r => Assert.InRange(r.InputSequence, 0, journalRecords - 1));
        Assert.Equal(records.OrderBy(r => r.InputSequence).Select(r => r.Index), records.Select(r => r.Index)); // input order
        // Every order the gate saw has exactly one creation and at least one verdict; every fill belongs to a routed child.
        var created = records.Where(r => r.Type == AuditEventType.OrderCreated).Select(r => r.OrderId).ToHashSet();
        Assert.Equal(created.Count, records.Count(r => r.Type == AuditEventType.OrderCreated));
        Assert.Subset(created, records.Where(r => r.Type is AuditEventType.RiskAccepted or AuditEventType.RiskRefused or AuditEventType.RiskHeld).Select(r => r.OrderId).ToHashSet());
        var routed = records.Where(r => r.Type == AuditEventType.ChildRouted).Select(r => r.ChildOrderId).ToHashSet();
        Assert.All(records.Where(r => r.Type == AuditEventType.Fill), r => Assert.Contains(r.ChildOrderId, routed));
        Assert.True(AuditTrailVerifier.Verify(trail, null).Ok);

        // A fresh engine over a copy of the journal alone (no trail, no snapshots): full replay.
        var replayed = Path.Combine(directory, "replayed");
        var replayConfig = SnapshotTestEngine.WriteConfig(Directory.CreateDirectory(replayed).FullName, journal: true);
        CopyJournal(Path.Combine(recorded, "journal"), Path.Combine(replayed, "journal"));
        Replay(replayConfig, Path.Combine(replayed, "journal"));
        var fresh = Path.Combine(replayed, "journal", AuditTrailFiles.DefaultFolder);
        Assert.Equal(File.ReadAllBytes(AuditTrailFiles.TrailPath(trail)), File.ReadAllBytes(AuditTrailFiles.TrailPath(fresh)));
        Assert.Equal(File.ReadAllBytes(AuditTrailFiles.ChainPath(trail)), File.ReadAllBytes(AuditTrailFiles.ChainPath(fresh)));

        // A restart over the recorded trail: every regenerated record is on disk already, nothing changes.
        var before = File.ReadAllBytes(AuditTrailFiles.TrailPath(trail));
        var skipped = Replay(config, Path.Combine(recorded, "journal"));
        Assert.Equal(records.Count, skipped);
        Assert.Equal(before, File.ReadAllBytes(AuditTrailFiles.TrailPath(trail)));
        Assert.True(AuditTrailVerifier.Verify(trail, null).Ok);
    }

    /// <summary>Builds the engine of <paramref name="config"/>, replays its whole journal, stops; returns the records the trail skipped.</summary>
    private static long Replay(string config, string journal)
    {
        using var engine = SnapshotTestEngine.Build(config);
        var records = engine.Journal!.RecoveredRecords;
        Assert.True(records > 0);
        engine.Pipeline.Start();
        SnapshotTestEngine.Replay(engine, journal, 0, records);
        engine.Pipeline.Stop();
        return engine.AuditTrail!.Skipped;
    }

    private static void CopyJournal(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from).Where(f => !f.EndsWith(".lock", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
