using System.Runtime.InteropServices;
using MultiAsset.Engine.Journal;
using MultiAsset.Engine.Journal.Audit;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Tests.Journal.Audit;

/// <summary>
/// The audit trail's writer, reader and verifier on synthetic records: what goes in comes out (index, flags, CRC),
/// recovery keeps whole input events and regenerates the rest byte for byte, and the chain finds a record rewritten
/// with a recomputed CRC, a removed record and a wrong key.
/// </summary>
public sealed class AuditTrailWriterTests : IDisposable
{
    private static readonly byte[] Key = "audit-test-key"u8.ToArray();
    private readonly string root = Directory.CreateTempSubdirectory("mae-audit-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private AuditTrailOptions Options(string name, byte[]? key = null, int checkpointEvery = 8, int capacity = 16) => new()
    {
        Directory = Path.Combine(root, name),
        Durability = JournalDurability.Async,
        HmacKey = key,
        CheckpointEvery = checkpointEvery,
        Capacity = capacity,
    };

    /// <summary>Input sequence i causes (i % 3) + 1 records: an order, its verdict, a fill.</summary>
    private static IEnumerable<AuditRecord> RecordsOf(long input)
    {
        for (var k = 0; k <= input % 3; k++)
        {
            var record = AuditRecord.Of((AuditEventType)(1 + k), input, 1_772_461_800_000_000_000 + (input * 1000) + k);
            record.OrderId = input + 1;
            record.Quantity = (k + 1) * 100_000_000L;
            record.Account = (int)(input % 2);
            record.Side = OrderSide.Buy;
            yield return record;
        }
    }

    private static void Run(AuditTrailWriter writer, long from, long to)
    {
        for (var input = from; input < to; input++)
        {
            foreach (var record in RecordsOf(input))
            {
                writer.Append(in record);
            }

            writer.EndInput();
        }
    }

    private static long RecordCount(long inputs) => Enumerable.Range(0, (int)inputs).Sum(i => (i % 3) + 1);

    [Fact]
    public void Records_come_back_in_order_with_index_flags_and_valid_crc()
    {
        var options = Options("roundtrip", Key);
        using (var writer = AuditTrailWriter.Open(options, trailId: 42))
        {
            Run(writer, 0, 40); // 80 records through a ring of 16: the engine waits for the writer, nothing is lost
            writer.Flush();
            Assert.Equal(RecordCount(40), writer.WrittenRecords);
        }

        var records = AuditTrailReader.ReadAll(options.Directory).ToList();
        Assert.Equal(RecordCount(40), records.Count);
        Assert.Equal(Enumerable.Range(0, records.Count).Select(i => (long)i), records.Select(r => r.Index));
        Assert.All(records, r => Assert.True(r.CrcValid));
        var expected = Enumerable.Range(0, 40).SelectMany(i => RecordsOf(i)).ToList();
        Assert.Equal(expected.Select(r => (r.InputSequence, r.Type, r.Quantity, r.Timestamp)), records.Select(r => (r.InputSequence, r.Type, r.Quantity, r.Timestamp)));
        // The last record of each input ends it: exactly 40 of them, each the last of its input.
        Assert.Equal(40, records.Count(r => (r.Flags & AuditRecord.FlagEndOfInput) != 0));
        Assert.All(records.Where(r => (r.Flags & AuditRecord.FlagEndOfInput) != 0), r => Assert.Equal(r.InputSequence % 3, (long)r.Type - 1));

        var verification = AuditTrailVerifier.Verify(options.Directory, Key);
        Assert.True(verification.Ok, verification.Problem);
        Assert.Equal(records.Count, verification.Records);
        // 79 records: a checkpoint after every 8th (9), and one at close for the last 7.
        Assert.Equal(79, records.Count);
        Assert.Equal(10, verification.CheckpointsAuthenticated);
    }

    [Fact]
    public void A_trail_written_in_two_runs_with_a_torn_tail_between_equals_one_written_at_once()
    {
        var once = Options("once", Key);
        using (var writer = AuditTrailWriter.Open(once, trailId: 7))
        {
            Run(writer, 0, 30);
        }

        var twice = Options("twice", Key);
        using (var writer = AuditTrailWriter.Open(twice, trailId: 7))
        {
            Run(writer, 0, 20);
            // Input 20's first record is appended but the event never ends (a crash): written at close without the end mark.
            foreach (var record in RecordsOf(20).Take(1))
            {
                writer.Append(in record);
            }
        }

        using (var writer = AuditTrailWriter.Open(twice, trailId: 7, lastInputSequence: 29))
        {
            Assert.Equal(RecordCount(20), writer.RecordsAtOpen); // the unfinished input was cut
            Assert.Equal(19, writer.ResumeAfterInput);
            Run(writer, 0, 30); // a full replay: inputs 0..19 are on disk already and are ignored
            Assert.Equal(RecordCount(20), writer.Skipped);
        }

        Assert.Equal(File.ReadAllBytes(AuditTrailFiles.TrailPath(once.Directory)), File.ReadAllBytes(AuditTrailFiles.TrailPath(twice.Directory)));
        Assert.Equal(File.ReadAllBytes(AuditTrailFiles.ChainPath(once.Directory)), File.ReadAllBytes(AuditTrailFiles.ChainPath(twice.Directory)));
        Assert.True(AuditTrailVerifier.Verify(twice.Directory, Key).Ok);
    }

    [Fact]
    public void Records_of_inputs_the_journal_lost_are_cut_at_open()
    {
        var options = Options("ahead");
        using (var writer = AuditTrailWriter.Open(options, trailId: 1))
        {
            Run(writer, 0, 12);
        }

        using (var writer = AuditTrailWriter.Open(options, trailId: 1, lastInputSequence: 5))
        {
            Assert.Equal(RecordCount(6), writer.RecordsAtOpen);
            Assert.Equal(5, writer.ResumeAfterInput);
        }

        Assert.Equal(5, AuditTrailReader.ReadAll(options.Directory).Max(r => r.InputSequence));
    }

    [Fact]
    public void Another_journals_trail_is_refused()
    {
        var options = Options("foreign");
        using (AuditTrailWriter.Open(options, trailId: 1))
        {
        }

        var ex = Assert.Throws<JournalCorruptException>(() => AuditTrailWriter.Open(options, trailId: 2));
        Assert.Contains("belongs to journal", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_rewritten_with_a_recomputed_crc_fails_verification_at_the_next_checkpoint()
    {
        var options = Options("tamper", Key);
        using (var writer = AuditTrailWriter.Open(options, trailId: 9))
        {
            Run(writer, 0, 20);
        }

        // Record 10: a bigger quantity, CRC recomputed so the record alone looks intact.
        var path = AuditTrailFiles.TrailPath(options.Directory);
        var bytes = File.ReadAllBytes(path);
        var offset = AuditTrailHeader.Size + (10 * AuditRecord.Size);
        var record = MemoryMarshal.Read<AuditRecord>(bytes.AsSpan(offset, AuditRecord.Size));
        record.Quantity *= 10;
        record.Seal();
        MemoryMarshal.Write(bytes.AsSpan(offset, AuditRecord.Size), in record);
        File.WriteAllBytes(path, bytes);

        Assert.Equal(record.Quantity, AuditTrailReader.ReadAll(options.Directory).ElementAt(10).Quantity); // the CRC alone lets it through
        var result = AuditTrailVerifier.Verify(options.Directory, Key);
        Assert.False(result.Ok);
        Assert.Equal(8, result.FirstBadSequence); // the checkpoint after record 7 still holds; 8..15 cannot be trusted
        Assert.Contains("chain mismatch", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_removed_record_and_a_wrong_key_fail_verification()
    {
        var options = Options("removed", Key);
        using (var writer = AuditTrailWriter.Open(options, trailId: 9))
        {
            Run(writer, 0, 20);
        }

        Assert.False(AuditTrailVerifier.Verify(options.Directory, "another key"u8.ToArray()).Ok);
        Assert.False(AuditTrailVerifier.Verify(options.Directory, null).Ok);

        // Record 5 removed, every later index renumbered and resealed: only the chain can tell.
        var path = AuditTrailFiles.TrailPath(options.Directory);
        var records = AuditTrailReader.ReadAll(options.Directory).ToList();
        records.RemoveAt(5);
        for (var i = 5; i < records.Count; i++)
        {
            var r = records[i];
            r.Index = i;
            r.Seal();
            records[i] = r;
        }

        var header = File.ReadAllBytes(path).AsSpan(0, AuditTrailHeader.Size).ToArray();
        File.WriteAllBytes(path, [.. header, .. MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(records)).ToArray()]);
        var result = AuditTrailVerifier.Verify(options.Directory, Key);
        Assert.False(result.Ok);
        Assert.InRange(result.FirstBadSequence, 0, 5);
    }

    [Fact]
    public void The_export_writes_one_row_per_record_with_the_compared_values()
    {
        var options = Options("export");
        using (var writer = AuditTrailWriter.Open(options, trailId: 3))
        {
            var refused = AuditRecord.Of(AuditEventType.RiskRefused, 4, 1_772_461_800_000_000_123);
            refused.OrderId = 17;
            refused.Account = 0;
            refused.Instrument = 2;
            refused.Side = OrderSide.Sell;
            refused.Quantity = 5 * 100_000_000L;
            refused.Reason = (byte)RiskVerdict.MaxQuantity;
            refused.Value = 5 * 100_000_000L;
            refused.Limit = 2 * 100_000_000L;
            refused.Unit = AuditValueUnit.Quantity;
            refused.Caller = 2;
            writer.Append(in refused);
            writer.EndInput();
        }

        var output = new StringWriter();
        Assert.Equal(1, AuditTrailExporter.Export(options.Directory, output, new AuditExportOptions { CallerNames = ["ops", "trader-1"] }));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(string.Join(',', AuditTrailExporter.Columns), lines[0]);
        var row = lines[1].Split(',');
        string Cell(string column) => row[AuditTrailExporter.Columns.ToList().IndexOf(column)];
        Assert.Equal("RiskRefused", Cell("event"));
        Assert.Equal("MaxQuantity", Cell("reason"));
        Assert.Equal("5", Cell("value"));
        Assert.Equal("2", Cell("limit"));
        Assert.Equal("Sell", Cell("side"));
        Assert.Equal("trader-1", Cell("caller"));
        Assert.Equal("4", Cell("inputSequence"));
        Assert.Equal("2026-03-02T14:30:00.000000123Z", Cell("timestamp"));
        Assert.Equal("1772461800000000123", Cell("timestampNs"));
    }
}
