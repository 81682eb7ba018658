namespace MultiAsset.Cli.Tests;

/// <summary>maectl data import|inspect, run in-process against files written here.</summary>
public sealed class DataCommandsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("maectl-data-").FullName;
    private readonly string instruments;

    public DataCommandsTests()
    {
        instruments = Path.Combine(directory, "instruments.json");
        File.WriteAllText(instruments, """
            { "calendars": { "CRYPTO": { "type": "always" }, "NYSE": { "type": "exchange", "timeZone": "America/New_York", "open": "09:30", "close": "16:00", "holidays": [] } },
              "instruments": [
                { "symbol": "BTCUSD", "name": "Bitcoin", "assetClass": "CRYPTO", "baseCurrency": "BTC", "quoteCurrency": "USD", "tickSize": 0.01, "lotSize": 0.00001, "minNotional": 10, "sector": "Digital Assets", "country": "Global", "calendar": "CRYPTO" },
                { "symbol": "AAPL", "name": "Apple", "assetClass": "STOCK", "quoteCurrency": "USD", "tickSize": 0.01, "lotSize": 1, "minNotional": 1, "sector": "IT", "country": "US", "calendar": "NYSE" } ] }
            """);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    private static Task<(int Code, string Output, string Error)> Run(params string[] args) => MaectlRunner.RunAsync(args);

    [Fact]
    public async Task Import_WithFlags_PrintsTheTableAndWritesTheCache()
    {
        var file = Write("aapl.csv", "timestamp,symbol,open,high,low,close,volume",
            "2024-01-02 09:30:00,AAPL,187.15,187.5,187.0,187.255,1000",
            "2024-01-02 09:31:00,AAPL,187.25,187.5,187.0,187.40,1000");
        var output = Path.Combine(directory, "cache");

        var (code, text, error) = await Run("data", "import", file, "--kind", "bars", "--interval", "1m", "--label", "start", "--tz", "America/New_York",
            "--instruments", instruments, "-o", output);

        Assert.True(code == 0, error);
        Assert.Matches(@"AAPL +2 +2 +1 +0 +0 +0 +0  2024-01-02T14:31:00Z  2024-01-02T14:32:00Z", text);
        Assert.True(File.Exists(Path.Combine(output, "import.maecache")));

        var (inspectCode, inspect, _) = await Run("data", "inspect", output, "--verify");
        Assert.Equal(0, inspectCode);
        Assert.Contains("events     2 (2 bars, 0 quotes, 0 trades)", inspect, StringComparison.Ordinal);
        Assert.Contains("time       2024-01-02T14:31:00Z .. 2024-01-02T14:32:00Z", inspect, StringComparison.Ordinal);
        Assert.Contains("verify     ok", inspect, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_WithSpec_UsesItsRelativeFiles()
    {
        Write("btc.csv", "ts,open,high,low,close,volume", "1704067200,42000,42001,41999,42000.5,0.5");
        var spec = Write("spec.json", """{ "name": "btc", "files": ["btc.csv"], "symbol": "BTCUSD", "kind": "bars", "timestampFormat": "epoch-s", "barInterval": "1m" }""");

        var (code, text, error) = await Run("data", "import", "--spec", spec, "--instruments", instruments, "-o", Path.Combine(directory, "out"));

        Assert.True(code == 0, error);
        Assert.Contains("2024-01-01T00:01:00Z", text, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(directory, "out", "btc.maecache")));
    }

    [Fact]
    public async Task Import_SpecWithoutFilesPlusFileArgument_ImportsTheFile()
    {
        var file = Write("btc.csv", "timestamp,symbol,open,high,low,close,volume", "2024-01-01T00:00:00Z,BTCUSD,1,1,1,1,1");
        var spec = Write("bars.json", """{ "kind": "bars", "barInterval": "1m", "barLabel": "end" }""");

        var (code, text, error) = await Run("data", "import", file, "--spec", spec, "--instruments", instruments);

        Assert.True(code == 0, error);
        Assert.Contains("rows       1 read, 1 accepted", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_BadSpecValue_IsAUsageErrorNamingTheSpec()
    {
        var file = Write("btc.csv", "timestamp,symbol,open,high,low,close,volume", "2024-01-01T00:00:00Z,BTCUSD,1,1,1,1,1");
        var spec = Write("bad.json", """{ "kind": "bars", "barInterval": "1m", "rounding": "bankers" }""");

        var (code, _, error) = await Run("data", "import", file, "--spec", spec, "--instruments", instruments);

        Assert.Equal(2, code);
        Assert.Contains("bad.json: rounding: 'bankers' is not one of round, floor, ceil, reject", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_UnexpectedHeader_IsAUsageErrorNamingFileAndColumnsWithoutStackTrace()
    {
        var file = Write("wrong.csv", "Date,Ticker,Px", "2024-01-02,AAPL,1");

        var (code, text, error) = await Run("data", "import", file, "--kind", "bars", "--interval", "1m", "--instruments", instruments);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, text);
        Assert.Contains("wrong.csv:1: unexpected header", error, StringComparison.Ordinal);
        Assert.Contains("no column for 'open'", error, StringComparison.Ordinal);
        Assert.Contains("found Date,Ticker,Px", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_TooManyRejectedRows_ExitsOneAndListsThem()
    {
        var file = Write("btc.csv", "timestamp,symbol,open,high,low,close,volume",
            "2024-01-01T00:00:00Z,BTCUSD,1,1,1,1,1",
            "2024-01-01T00:01:00Z,DOGE,1,1,1,1,1");

        var (code, text, error) = await Run("data", "import", file, "--kind", "bars", "--interval", "1m", "--instruments", instruments);

        Assert.Equal(1, code);
        Assert.Contains("btc.csv:3: unknown-symbol: symbol 'DOGE' is not in the instrument catalogue", text, StringComparison.Ordinal);
        Assert.Contains("1 of 2 rows rejected (50%), more than --max-rejected 1%", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_NoFilesNoSpec_IsAUsageError()
    {
        var (code, _, error) = await Run("data", "import", "--instruments", instruments);

        Assert.Equal(2, code);
        Assert.Contains("give --spec FILE.json or one or more files", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_NotACache_IsAUsageError()
    {
        var file = Write("x.maecache", "nope");

        var (code, _, error) = await Run("data", "inspect", file);

        Assert.Equal(2, code);
        Assert.Contains("not an event cache", error, StringComparison.Ordinal);
    }
}
