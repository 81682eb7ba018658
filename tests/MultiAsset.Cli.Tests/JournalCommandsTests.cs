using MultiAsset.Cli;
using MultiAsset.Engine.Journal;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Cli.Tests;

/// <summary>maectl journal commands, run in-process against journals written here.</summary>
public sealed class JournalCommandsTests : IDisposable
{
    private static readonly long Start = new DateTimeOffset(2026, 3, 2, 14, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;

    private readonly string directory = Directory.CreateTempSubdirectory("maectl-journal-").FullName;
    private readonly string instruments;

    public JournalCommandsTests()
    {
        instruments = Path.Combine(directory, "instruments.json");
        File.WriteAllText(instruments, """
            { "calendars": { "CRYPTO": { "type": "always" } },
              "instruments": [
                { "symbol": "BTCUSD", "name": "Bitcoin", "assetClass": "CRYPTO", "baseCurrency": "BTC", "quoteCurrency": "USD", "tickSize": 0.01, "lotSize": 0.00001, "minNotional": 10, "sector": "Digital Assets", "country": "Global", "calendar": "CRYPTO" },
                { "symbol": "ETHUSD", "name": "Ether", "assetClass": "CRYPTO", "baseCurrency": "ETH", "quoteCurrency": "USD", "tickSize": 0.01, "lotSize": 0.0001, "minNotional": 10, "sector": "Digital Assets", "country": "Global", "calendar": "CRYPTO" } ] }
            """);
        using var writer = JournalWriter.Open(new JournalOptions { Directory = Journal, Durability = JournalDurability.Sync });
        for (var i = 0; i < 10; i++)
        {
            var evt = default(InputEvent);
            if (i % 2 == 0)
            {
                evt.SetQuote(new InstrumentId(i % 4 == 0 ? 0 : 1), Start + i, Price.Parse("100.25"), Price.Parse("100.50"), Quantity.Parse("1"), Quantity.Parse("2"));
            }
            else
            {
                evt.SetTrade(new InstrumentId(1), Start + i, Price.Parse("2000.01"), Quantity.Parse("0.5"), AggressorSide.Seller);
            }

            writer.Append(i, Start + (i * 1_000_000_000L), in evt);
        }

        writer.Flush();
    }

    private string Journal => Path.Combine(directory, "journal");

    private static Task<(int Code, string Output, string Error)> Run(params string[] args) => MaectlRunner.RunAsync(args);

    [Fact]
    public async Task Inspect_PrintsRangeAndIntegrity()
    {
        var (code, output, _) = await Run("journal", "inspect", Journal);

        Assert.Equal(0, code);
        Assert.Contains("records    10, sequences 0..9", output, StringComparison.Ordinal);
        Assert.Contains("integrity  OK", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_Unkeyed_SaysUnauthenticated()
    {
        var (code, output, _) = await Run("journal", "verify", "--dir", Journal);

        Assert.Equal(0, code);
        Assert.Contains("verified 10 records, chain ok, unauthenticated", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WithAKeyFile_AuthenticatesCheckpoints_AndFindsAnEditedRecord()
    {
        var keyed = Path.Combine(directory, "keyed");
        var keyFile = Path.Combine(directory, "journal.key");
        File.WriteAllText(keyFile, "a test key\n");
        using (var writer = JournalWriter.Open(new JournalOptions { Directory = keyed, HmacKey = "a test key"u8.ToArray(), ChainCheckpointEvery = 4 }))
        {
            for (var i = 0; i < 10; i++)
            {
                var evt = default(InputEvent);
                evt.SetTrade(new InstrumentId(0), Start + i, Price.Parse("100"), Quantity.Parse("1"));
                writer.Append(i, Start + i, in evt);
            }
        }

        var (code, output, _) = await Run("journal", "verify", "--dir", keyed, "--key-file", keyFile);
        Assert.Equal(0, code);
        Assert.Contains("verified 10 records, chain ok, 4 checkpoints authenticated", output, StringComparison.Ordinal); // link, 3, 7, close at 9

        (code, output, _) = await Run("journal", "verify", keyed, "--key", "a wrong key");
        Assert.Equal(1, code);
        Assert.Contains("FAILED at sequence 0", output, StringComparison.Ordinal);

        var segment = Directory.GetFiles(keyed, "*.journal").Single();
        var bytes = File.ReadAllBytes(segment);
        bytes[JournalSegmentHeader.ChainedHeaderSize + (5 * 96) + JournalRecordHeader.TotalSize + 20] ^= 0x01; // sequence 5
        File.WriteAllBytes(segment, bytes);
        (code, output, _) = await Run("journal", "verify", "--dir", keyed, "--key-file", keyFile);
        Assert.Equal(1, code);
        Assert.Contains("FAILED at sequence 5", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_WhenARecordIsCorrupt_ReportsItAndExitsOne()
    {
        var segment = Directory.GetFiles(Journal, "*.journal").Single();
        var bytes = File.ReadAllBytes(segment);
        bytes[JournalSegmentHeader.ChainedHeaderSize + JournalRecordHeader.TotalSize + 3] ^= 0x10; // a bit in the first payload
        File.WriteAllBytes(segment, bytes);

        var (code, output, _) = await Run("journal", "inspect", Journal);

        Assert.Equal(1, code);
        Assert.DoesNotContain("integrity  OK", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_WhenTheLastSegmentIsDeleted_ReportsTheLossAndExitsOne()
    {
        File.Delete(Directory.GetFiles(Journal, "*.journal").Single());

        var (code, output, _) = await Run("journal", "inspect", Journal);

        Assert.Equal(1, code);
        Assert.Contains("integrity  CORRUPT", output, StringComparison.Ordinal);
        Assert.Contains("is missing: records from 0 to at least 9 (acknowledged) are lost", output, StringComparison.Ordinal);
        Assert.Contains("what to do Restore 00000000000000000000.journal from a backup, or run 'maectl journal repair", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_WhenAStrayFileIsPresent_ExitsOne()
    {
        File.WriteAllBytes(Path.Combine(Journal, "00000000000000000000.journal.old"), new byte[64]);

        var (code, output, _) = await Run("journal", "inspect", Journal);

        Assert.Equal(1, code);
        Assert.Contains("stray file", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prune_ThenInspect_SaysThePrunedHistoryIsFine()
    {
        var small = Path.Combine(directory, "small");
        using (var writer = JournalWriter.Open(new JournalOptions { Directory = small, SegmentSize = JournalOptions.MinimumSegmentSize, Durability = JournalDurability.Async, CompressClosedSegments = false }))
        {
            for (var i = 0; i < 1500; i++)
            {
                var evt = default(InputEvent);
                evt.SetQuote(new InstrumentId(0), Start + i, Price.Parse("100.25"), Price.Parse("100.50"), Quantity.Parse("1"), Quantity.Parse("2"));
                writer.Append(i, Start + i, in evt);
            }
        }

        var (pruneCode, pruneOutput, _) = await Run("journal", "prune", small, "--before", "1000");
        var (code, output, _) = await Run("journal", "inspect", small);

        Assert.Equal(0, pruneCode);
        Assert.Contains("pruned before sequence 681: 1 file(s) deleted", pruneOutput, StringComparison.Ordinal);
        Assert.Equal(0, code);
        Assert.Contains("integrity  OK", output, StringComparison.Ordinal);
        Assert.Contains("history before sequence 681 was pruned", output, StringComparison.Ordinal);
        Assert.Contains("records    819, sequences 681..1499", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repair_AfterTheLastSegmentIsDeleted_AcceptsTheLoss()
    {
        File.Delete(Directory.GetFiles(Journal, "*.journal").Single());

        var (repairCode, _, _) = await Run("journal", "repair", Journal);
        var (code, output, _) = await Run("journal", "inspect", Journal);

        Assert.Equal(0, repairCode);
        Assert.Equal(0, code);
        Assert.Contains("records    0", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_JsonLines_FilteredBySymbolAndSequence()
    {
        var (code, output, _) = await Run("journal", "export", Journal, "--instruments", instruments, "--instrument", "ETHUSD", "--from-seq", "2", "--to-seq", "5");

        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length); // 2 (quote), 3 (trade) and 5 (trade); 4 is a BTCUSD quote
        Assert.All(lines, l => Assert.Contains("\"instrument\":\"ETHUSD\"", l, StringComparison.Ordinal));
        Assert.StartsWith("{\"sequence\":5,", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_Csv_ByTimeRange_HasHeaderAndRows()
    {
        var (code, output, _) = await Run(
            "journal", "export", Journal, "--format", "csv", "--instruments", instruments,
            "--from", "2026-03-02T14:30:03Z", "--to", "2026-03-02T14:30:05Z");

        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("sequence,timestamp,type,kind,instrument", lines[0], StringComparison.Ordinal);
        Assert.Equal(["3", "4"], lines.Skip(1).Select(l => l.Split(',')[0]));
    }

    [Fact]
    public async Task Export_ToFile_ReportsCount()
    {
        var target = Path.Combine(directory, "out.jsonl");
        var (code, _, error) = await Run("journal", "export", Journal, "-o", target);

        Assert.Equal(0, code);
        Assert.Contains($"exported 10 records to {target}", error, StringComparison.Ordinal);
        Assert.Equal(10, File.ReadAllLines(target).Length);
    }

    [Theory]
    [InlineData("--from", "yesterday", "--from: invalid time 'yesterday'")]
    [InlineData("--type", "Gossip", "unknown record type 'Gossip'")]
    public async Task Export_WithBadValue_ExitsTwoNamingIt(string option, string value, string message)
    {
        var (code, _, error) = await Run("journal", "export", Journal, option, value);

        Assert.Equal(MaectlApp.UsageError, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_SymbolFilterWithoutCatalogue_ExitsTwo()
    {
        var (code, _, error) = await Run("journal", "export", Journal, "--instrument", "BTCUSD");

        Assert.Equal(MaectlApp.UsageError, code);
        Assert.Contains("--instrument needs an instrument catalogue", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingDirectory_ExitsTwo()
    {
        var (code, _, error) = await Run("journal", "inspect", Path.Combine(directory, "nope"));

        Assert.Equal(MaectlApp.UsageError, code);
        Assert.Contains("journal directory not found", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
