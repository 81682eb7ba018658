using MultiAsset.Engine.Journal.Snapshots;
using Xunit.Abstractions;

namespace MultiAsset.Host.Tests.Snapshots;

public sealed class DiagTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Diag()
    {
        var directory = Directory.CreateTempSubdirectory("mae-diag-").FullName;
        var journalled = SnapshotTestEngine.WriteConfig(directory, journal: true, snapshots: """{ "enabled": false }""");
        var plain = SnapshotTestEngine.WriteConfig(directory, journal: false, name: "plain.json");
        var records = await SnapshotTestEngine.ProduceJournal(journalled, events: 150_000);
        var journal = Path.Combine(directory, "journal");
        var n = records / 2;
        using var original = SnapshotTestEngine.Build(plain);
        original.Pipeline.Start();
        SnapshotTestEngine.Replay(original, journal, 0, n);
        var body = SnapshotTestEngine.Capture(original);
        using var restored = SnapshotTestEngine.Build(plain);
        new StateGraphReader(EngineSnapshotPolicy.Instance).Restore(body, restored.Stages.SnapshotRoots);
        var again = SnapshotTestEngine.Capture(restored);
        output.WriteLine($"{body.Length} vs {again.Length}");
        for (var r = 0; r < 6; r++)
        {
            var a = One(original.Stages.SnapshotRoots[r]);
            var b = One(restored.Stages.SnapshotRoots[r]);
            var diff = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], -1);
            output.WriteLine($"root {r}: {a.Length} vs {b.Length}, first diff {diff}");
            if (diff >= 0)
            {
                var from = Math.Max(0, diff - 300);
                output.WriteLine(Printable(a.AsSpan(from, Math.Min(400, a.Length - from))));
                output.WriteLine("----");
                output.WriteLine(Printable(b.AsSpan(from, Math.Min(400, b.Length - from))));
            }
        }
    }

    private static string Printable(ReadOnlySpan<byte> s)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var c in s) sb.Append(c >= 32 && c < 127 ? (char)c : '.');
        return sb.ToString();
    }

    private static byte[] One(object root)
    {
        var buffer = new SnapshotBuffer();
        new StateGraphWriter(EngineSnapshotPolicy.Instance).Write([root], buffer);
        return buffer.Written.ToArray();
    }
}
