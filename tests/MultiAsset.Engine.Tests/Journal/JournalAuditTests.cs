using System.Text.Json;
using MultiAsset.Engine.Journal;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Tests.MarketData;

namespace MultiAsset.Engine.Tests.Journal;

public class JournalAuditTests
{
    [Fact]
    public void Export_JsonLines_DecodesEventsWithSymbolsAndDecimalPrices()
    {
        using var t = new JournalTestSupport();
        Write(t, 8);
        using var output = new StringWriter();
        long written = JournalExporter.Export(t.Directory, output, new JournalExportOptions { Catalog = MarketDataTestCatalog.Create() });
        Assert.Equal(8, written);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(8, lines.Length);
        using var quote = JsonDocument.Parse(lines[0]);
        Assert.Equal(0, quote.RootElement.GetProperty("sequence").GetInt64());
        Assert.Equal("2026-03-02T14:30:00.000000000Z", quote.RootElement.GetProperty("timestamp").GetString());
        Assert.Equal("InputEvent", quote.RootElement.GetProperty("type").GetString());
        Assert.Equal("Quote", quote.RootElement.GetProperty("kind").GetString());
        Assert.Equal("AAA", quote.RootElement.GetProperty("instrument").GetString());
        Assert.Equal("67000.5", quote.RootElement.GetProperty("bid").GetString());
        Assert.Equal("67000.6", quote.RootElement.GetProperty("ask").GetString());
        Assert.Equal("1.5", quote.RootElement.GetProperty("bidSize").GetString());
        Assert.Equal("2026-03-02T14:29:59.999999995Z", quote.RootElement.GetProperty("eventTime").GetString());
        using var trade = JsonDocument.Parse(lines[1]);
        Assert.Equal("BTCUSD", trade.RootElement.GetProperty("instrument").GetString());
        Assert.Equal("101.25000001", trade.RootElement.GetProperty("price").GetString());
        Assert.Equal("Buyer", trade.RootElement.GetProperty("aggressor").GetString());
        using var bar = JsonDocument.Parse(lines[2]);
        Assert.Equal("1.05", bar.RootElement.GetProperty("close").GetString());
        Assert.Equal("60", bar.RootElement.GetProperty("intervalSeconds").GetString());
        using var reference = JsonDocument.Parse(lines[3]);
        Assert.Equal("CHF_RATE", reference.RootElement.GetProperty("instrument").GetString());
        Assert.Equal("0.00525003", reference.RootElement.GetProperty("value").GetString());
    }

    [Fact]
    public void Export_Filters_ByInstrumentTypeSequenceAndTime()
    {
        using var t = new JournalTestSupport();
        Write(t, 2000);
        var catalog = MarketDataTestCatalog.Create();

        using (var output = new StringWriter())
        {
            long n = JournalExporter.Export(t.Directory, output, new JournalExportOptions { Catalog = catalog, Instruments = ["BTCUSD"], FromSequence = 100, ToSequence = 199 });
            // Instrument 1 is sequence % 3 == 1 on quotes, trades and bars; reference values are CHF_RATE.
            long expected = Enumerable.Range(100, 100).Count(s => s % 3 == 1 && s % 4 != 3);
            Assert.Equal(expected, n);
            Assert.All(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.Contains("\"instrument\":\"BTCUSD\"", line, StringComparison.Ordinal));
        }

        using (var output = new StringWriter())
        {
            long n = JournalExporter.Export(t.Directory, output, new JournalExportOptions
            {
                FromTime = JournalTestSupport.TimeOf(1000),
                ToTime = JournalTestSupport.TimeOf(1010),
                Types = [JournalRecordType.InputEvent],
            });
            Assert.Equal(10, n);
            Assert.StartsWith("{\"sequence\":1000,", output.ToString(), StringComparison.Ordinal);
        }

        using (var output = new StringWriter())
        {
            Assert.Equal(0, JournalExporter.Export(t.Directory, output, new JournalExportOptions { Types = [JournalRecordType.Command] }));
            Assert.Equal(5, JournalExporter.Export(t.Directory, output, new JournalExportOptions { Where = (in JournalRecord r) => r.Sequence % 400 == 0 }));
        }

        Assert.Throws<ArgumentException>(() => JournalExporter.Export(t.Directory, TextWriter.Null, new JournalExportOptions { Catalog = catalog, Instruments = ["NOPE"] }));
    }

    [Fact]
    public void Export_Commands_ShowNoInstrumentAndTheirKind()
    {
        using var t = new JournalTestSupport();
        var body = new byte[MultiAsset.Engine.Model.Events.CommandChunk.Capacity + 10]; // two chunks
        using (var writer = JournalWriter.Open(t.Options()))
        {
            var e = default(MultiAsset.Engine.Model.Events.InputEvent);
            e.SetCommand(MultiAsset.Engine.Model.Events.CommandKind.CreateStrategy, 7, body.Length, JournalTestSupport.BaseTime);
            writer.Append(0, JournalTestSupport.BaseTime, in e);
            e.SetCommandChunk(0, body.AsSpan(0, MultiAsset.Engine.Model.Events.CommandChunk.Capacity), JournalTestSupport.BaseTime);
            writer.Append(1, JournalTestSupport.BaseTime, in e);
            e.SetCommandChunk(1, body.AsSpan(MultiAsset.Engine.Model.Events.CommandChunk.Capacity), JournalTestSupport.BaseTime);
            writer.Append(2, JournalTestSupport.BaseTime, in e);
            var quote = JournalTestSupport.EventAt(0);
            writer.Append(3, JournalTestSupport.BaseTime, in quote);
        }

        var catalog = MarketDataTestCatalog.Create();
        using var csv = new StringWriter();
        JournalExporter.Export(t.Directory, csv, new JournalExportOptions { Format = JournalExportFormat.Csv, Catalog = catalog });
        var rows = csv.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(["Command:CreateStrategy", "CommandChunk:CreateStrategy[0]", "CommandChunk:CreateStrategy[1]", "Quote"], rows.Select(r => r[3]));
        Assert.All(rows.Take(3), r => Assert.Equal(("", ""), (r[4], r[5])));
        Assert.Equal("AAA", rows[3][4]);

        using var json = new StringWriter();
        JournalExporter.Export(t.Directory, json, new JournalExportOptions { Catalog = catalog });
        var first = JsonDocument.Parse(json.ToString().Split(Environment.NewLine)[1]).RootElement;
        Assert.Equal("CommandChunk:CreateStrategy[0]", first.GetProperty("kind").GetString());
        Assert.False(first.TryGetProperty("instrument", out _));
        Assert.False(first.TryGetProperty("instrumentId", out _));

        using var filtered = new StringWriter();
        Assert.Equal(1, JournalExporter.Export(t.Directory, filtered, new JournalExportOptions { Catalog = catalog, Instruments = ["AAA"] }));
    }

    [Fact]
    public void Export_Csv_HasHeaderAndColumns()
    {
        using var t = new JournalTestSupport();
        Write(t, 4);
        using var output = new StringWriter();
        JournalExporter.Export(t.Directory, output, new JournalExportOptions { Format = JournalExportFormat.Csv, Catalog = MarketDataTestCatalog.Create() });
        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.Equal(string.Join(',', JournalExporter.CsvColumns), lines[0]);
        var quote = lines[1].Split(',');
        Assert.Equal(JournalExporter.CsvColumns.Count, quote.Length);
        Assert.Equal("0", quote[0]);
        Assert.Equal("Quote", quote[3]);
        Assert.Equal("AAA", quote[4]);
        Assert.Equal("67000.5", quote[9]);
        var trade = lines[2].Split(',');
        Assert.Equal("101.25000001", trade[13]);
        Assert.Equal("3", trade[14]);
    }

    [Fact]
    public void Inspect_HealthyJournal_ReportsSegmentsRangesAndOk()
    {
        using var t = new JournalTestSupport();
        Write(t, 1500, compress: true);
        var inspection = JournalInspector.Inspect(t.Directory);
        Assert.Equal(JournalIntegrity.Ok, inspection.Integrity);
        Assert.Equal(1500, inspection.Records);
        Assert.Equal(3, inspection.Segments.Count);
        Assert.Equal(0, inspection.FirstSequence);
        Assert.Equal(1499, inspection.LastSequence);
        Assert.Equal(1500, inspection.RecordsByType[JournalRecordType.InputEvent]);
        using var text = new StringWriter();
        inspection.WriteText(text);
        var printed = text.ToString();
        Assert.Contains("integrity  OK", printed, StringComparison.Ordinal);
        Assert.Contains("3 (2 compressed, 1 open)", printed, StringComparison.Ordinal);
        Assert.Contains("00000000000000000000.journal.lz4", printed, StringComparison.Ordinal);
        Assert.Contains("2026-03-02T14:30:00.000000000Z", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_TornTail_ReportsWithoutChangingTheJournal()
    {
        using var t = new JournalTestSupport();
        var writer = JournalWriter.Open(t.Options());
        JournalTestSupport.Append(writer, 100);
        t.Crash(writer);
        long offset = JournalTestSupport.OffsetOfRecord(99);
        JournalTestSupport.Patch(t.SegmentPath(0), offset + 70, [0xFF]);
        var inspection = JournalInspector.Inspect(t.Directory);
        Assert.Equal(JournalIntegrity.TornTail, inspection.Integrity);
        Assert.Equal(99, inspection.Records);
        Assert.Contains($"offset {offset}", inspection.Problem, StringComparison.Ordinal);
        Assert.Equal(0xFF, JournalTestSupport.ReadByte(t.SegmentPath(0), offset + 70));
    }

    [Fact]
    public void Inspect_Corrupt_ReportsFileAndOffset()
    {
        using var t = new JournalTestSupport();
        Write(t, 100);
        long offset = JournalTestSupport.OffsetOfRecord(10);
        JournalTestSupport.Patch(t.SegmentPath(0), offset + 40, [0x01, 0x02]);
        var inspection = JournalInspector.Inspect(t.Directory);
        Assert.Equal(JournalIntegrity.Corrupt, inspection.Integrity);
        Assert.Contains($"{t.SegmentPath(0)} at offset {offset}", inspection.Problem, StringComparison.Ordinal);
        Assert.Single(inspection.Segments);
    }

    [Fact]
    public void OptionsReader_ReadsSectionAndReportsErrorsWithPaths()
    {
        using var doc = JsonDocument.Parse("""{ "journal": { "directory": "data/j", "segmentSize": "1MiB", "durability": "async", "compress": false, "backgroundPriority": "low" } }""");
        var reader = new JsonSectionReader("engine.json");
        var options = JournalOptionsReader.Read(doc.RootElement.GetProperty("journal"), reader, "journal", "/srv/engine");
        Assert.Empty(reader.Errors);
        Assert.NotNull(options);
        Assert.Equal("/srv/engine/data/j", options.Directory);
        Assert.Equal(1024 * 1024, options.SegmentSize);
        Assert.Equal(JournalDurability.Async, options.Durability);
        Assert.False(options.CompressClosedSegments);
        Assert.Equal(JournalBackgroundPriority.Low, options.BackgroundPriority);

        var defaults = JournalOptionsReader.Read(null, reader, "journal", "/srv/engine")!;
        Assert.Equal(JournalOptions.DefaultSegmentSize, defaults.SegmentSize);
        Assert.Equal(JournalDurability.Sync, defaults.Durability);
        Assert.True(defaults.CompressClosedSegments);
        Assert.Equal(JournalBackgroundPriority.Idle, defaults.BackgroundPriority);

        using var bad = JsonDocument.Parse("""{ "segmentSize": "12 parsecs", "durability": "sometimes", "compress": "yes", "colour": 1, "backgroundPriority": "realtime" }""");
        var errors = new JsonSectionReader("engine.json");
        JournalOptionsReader.Read(bad.RootElement, errors, "journal", "/srv");
        Assert.Equal(5, errors.Errors.Count);
        Assert.Contains(errors.Errors, e => e.StartsWith("engine.json: journal.backgroundPriority: unknown value 'realtime'", StringComparison.Ordinal));
        Assert.Contains(errors.Errors, e => e.StartsWith("engine.json: journal.segmentSize:", StringComparison.Ordinal));
        Assert.Contains(errors.Errors, e => e.StartsWith("engine.json: journal.durability:", StringComparison.Ordinal));
        Assert.Contains(errors.Errors, e => e.StartsWith("engine.json: journal.compress:", StringComparison.Ordinal));
        Assert.Contains(errors.Errors, e => e.StartsWith("engine.json: journal.colour:", StringComparison.Ordinal));

        using var small = JsonDocument.Parse("""{ "segmentSize": 1000 }""");
        var smallErrors = new JsonSectionReader("engine.json");
        JournalOptionsReader.Read(small.RootElement, smallErrors, "journal", "/srv");
        Assert.Single(smallErrors.Errors);
    }

    [Fact]
    public void OptionsReader_ReadsTheChainKeyFromTextOrAFile()
    {
        using var t = new JournalTestSupport();
        Directory.CreateDirectory(t.Directory);
        File.WriteAllText(Path.Combine(t.Directory, "journal.key"), "s3cret\r\n");
        using var doc = JsonDocument.Parse("""{ "a": { "hmacKey": "abc", "checkpointEvery": 1024, "chain": true }, "b": { "hmacKeyFile": "journal.key" }, "c": { "hmacKey": "x", "hmacKeyFile": "y" }, "d": { "checkpointEvery": 1000, "chain": "yes" } }""");
        var reader = new JsonSectionReader("engine.json");
        var a = JournalOptionsReader.Read(doc.RootElement.GetProperty("a"), reader, "journal", t.Directory)!;
        Assert.Equal("abc"u8.ToArray(), a.HmacKey);
        Assert.Equal(1024, a.ChainCheckpointEvery);
        Assert.True(a.Chain);
        Assert.Equal("s3cret"u8.ToArray(), JournalOptionsReader.Read(doc.RootElement.GetProperty("b"), reader, "journal", t.Directory)!.HmacKey);
        Assert.Null(JournalOptionsReader.Read(null, reader, "journal", t.Directory)!.HmacKey);
        Assert.Empty(reader.Errors);

        var errors = new JsonSectionReader("engine.json");
        JournalOptionsReader.Read(doc.RootElement.GetProperty("c"), errors, "journal", t.Directory);
        JournalOptionsReader.Read(doc.RootElement.GetProperty("d"), errors, "journal", t.Directory);
        Assert.Equal(3, errors.Errors.Count);
        Assert.Contains(errors.Errors, e => e.Contains("not both", StringComparison.Ordinal));
        Assert.Contains(errors.Errors, e => e.Contains("journal.checkpointEvery: 1000 is not a power of two", StringComparison.Ordinal));
        Assert.Contains(errors.Errors, e => e.StartsWith("engine.json: journal.chain:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("64MiB", 64L * 1024 * 1024)]
    [InlineData("512 KiB", 512L * 1024)]
    [InlineData("1GB", 1024L * 1024 * 1024)]
    [InlineData("65536", 65536)]
    public void TryParseSize_AcceptsUnits(string text, long bytes)
    {
        Assert.True(JournalOptionsReader.TryParseSize(text, out var parsed));
        Assert.Equal(bytes, parsed);
    }

    [Fact]
    public void JournalTime_RoundTripsNanoseconds()
    {
        const long ns = 1_772_461_800_123_456_789;
        Assert.Equal("2026-03-02T14:30:00.123456789Z", JournalTime.Format(ns));
        Assert.True(JournalTime.TryParse("2026-03-02T14:30:00.123456789Z", out var parsed));
        Assert.Equal(ns, parsed);
    }

    private static void Write(JournalTestSupport t, long count, bool compress = false)
    {
        using var writer = JournalWriter.Open(t.Options(compress: compress));
        JournalTestSupport.Append(writer, count);
        Assert.True(writer.WaitForBackgroundWork(TimeSpan.FromSeconds(30)));
    }
}
