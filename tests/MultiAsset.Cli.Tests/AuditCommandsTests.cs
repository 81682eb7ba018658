using System.Runtime.InteropServices;
using MultiAsset.Engine.Journal;
using MultiAsset.Engine.Journal.Audit;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Cli.Tests;

/// <summary><c>maectl audit verify|export</c> on a small trail: a journal directory or the trail's own, a tampered record, CSV rows.</summary>
public sealed class AuditCommandsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("maectl-audit-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Trail => Path.Combine(directory, AuditTrailFiles.DefaultFolder);

    private static Task<(int Code, string Output, string Error)> Run(params string[] args) => MaectlRunner.RunAsync(args);

    private void Write(int inputs)
    {
        using var writer = AuditTrailWriter.Open(new AuditTrailOptions { Directory = Trail, Durability = JournalDurability.Async, HmacKey = "k"u8.ToArray(), CheckpointEvery = 4 }, trailId: 5);
        for (var i = 0; i < inputs; i++)
        {
            var created = AuditRecord.Of(AuditEventType.OrderCreated, i, 1_772_461_800_000_000_000 + i);
            created.OrderId = i + 1;
            created.Side = OrderSide.Buy;
            created.Quantity = 100_000_000;
            writer.Append(in created);
            var accepted = created;
            accepted.Type = AuditEventType.RiskAccepted;
            accepted.Reason = (byte)RiskVerdict.Accepted;
            writer.Append(in accepted);
            writer.EndInput();
        }
    }

    [Fact]
    public async Task Verify_passes_an_untouched_trail_and_fails_a_rewritten_record()
    {
        Write(inputs: 10);
        var ok = await Run("audit", "verify", directory, "--key", "k"); // the journal directory: the trail is in audit/
        Assert.Equal(0, ok.Code);
        Assert.Contains("audit trail: verified 20 records, chain ok, 5 checkpoints authenticated", ok.Output, StringComparison.Ordinal);

        var path = AuditTrailFiles.TrailPath(Trail);
        var bytes = File.ReadAllBytes(path);
        var offset = AuditTrailHeader.Size + (6 * AuditRecord.Size);
        var record = MemoryMarshal.Read<AuditRecord>(bytes.AsSpan(offset));
        record.Side = OrderSide.Sell;
        record.Seal();
        MemoryMarshal.Write(bytes.AsSpan(offset), in record);
        File.WriteAllBytes(path, bytes);
        var bad = await Run("audit", "verify", Trail, "--key", "k");
        Assert.Equal(1, bad.Code);
        Assert.Contains("FAILED at sequence 4", bad.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_writes_a_header_and_one_row_per_order_event()
    {
        Write(inputs: 3);
        var (code, output, _) = await Run("audit", "export", Trail, "--format", "csv");
        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(7, lines.Length);
        Assert.StartsWith("index,inputSequence,timestamp,timestampNs,event,orderId", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("1,0,2026-03-02T14:30:00.000000000Z,1772461800000000000,RiskAccepted,1,", lines[2], StringComparison.Ordinal);

        var missing = await Run("audit", "export", Path.Combine(directory, "nowhere"));
        Assert.Equal(2, missing.Code);
    }
}
