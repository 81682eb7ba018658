using System.Diagnostics;
using System.Globalization;

namespace MultiAsset.Host.Tests.Durability;

/// <summary>
/// Every way a run ends exits with the documented code and no stack trace: end of replay data while the control server
/// is still starting (0), SIGTERM (0), a configuration error (2), a journal that cannot be opened safely (3).
/// </summary>
public class CleanExitTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public void ShortReplay_WithTheControlApiOn_EndsWhileTheServerStarts_AndExitsZero()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(Path.Combine(directory.Path, "quotes.csv"), """
            timestamp,symbol,bid,ask,bid_size,ask_size
            2026-03-07T10:00:00Z,BTCUSD,65000.00,65000.50,0.5,0.7
            2026-03-07T10:00:01Z,ETHUSD,3200.00,3200.10,2,3
            """);
        var config = WriteReplayConfig(directory.Path, """["quotes.csv"]""");
        for (var run = 0; run < 6; run++)
        {
            var (code, output) = Run("--config", config);
            Assert.True(code == 0, $"run {run}: exit {code}\n{output}");
            AssertNoStackTrace(output);
            // Both market events went through; "published" also counts the query wake-ups of the status line's P&L
            // read when a report tick fell inside the run, so only its equality with "processed" is fixed.
            Assert.Matches(@"published (\d+), processed \1 \(recovered from the journal 0; accepted 2;", output);
        }
    }

    [Fact]
    public void RecoverOnly_WithTheControlApiOn_ExitsZero_WithoutAStackTrace()
    {
        using var directory = new TempDirectory();
        var config = ControlledHost.WriteConfig(directory.Path, "engine.json", Path.Combine(directory.Path, "journal"), control: true);
        Assert.Equal(0, Run("--config", config, "--duration", "1s").Code);
        for (var run = 0; run < 4; run++)
        {
            var (code, output) = Run("--config", config, "--recover-only");
            Assert.True(code == 0, $"run {run}: exit {code}\n{output}");
            AssertNoStackTrace(output);
        }
    }

    [Fact]
    public void ConfigurationError_ExitsTwo_NamingTheField()
    {
        using var directory = new TempDirectory();
        var config = Path.Combine(directory.Path, "engine.json");
        File.WriteAllText(config, """{ "pipeline": { "rings": [ { "name": "input", "size": 1000 } ], "threads": [ { "name": "e", "stages": ["engine"] } ] } }""");
        var (code, output) = Run("--config", config);
        Assert.Equal(2, code);
        Assert.Contains("pipeline.rings[0].size", output, StringComparison.Ordinal);
        AssertNoStackTrace(output);
    }

    [Fact]
    public void JournalThatCannotBeOpened_ExitsThree_SayingWhy()
    {
        using var directory = new TempDirectory();
        var journal = Path.Combine(directory.Path, "journal");
        var config = ControlledHost.WriteConfig(directory.Path, "engine.json", journal, control: true);
        Assert.Equal(0, Run("--config", config, "--duration", "1s").Code);

        // Corrupt a byte in the middle of the first segment: valid records follow, so this is not a torn tail.
        var segment = Directory.GetFiles(journal, "*.journal").Order(StringComparer.Ordinal).First();
        using (var file = File.Open(segment, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Position = 64 + 96 * 50 + 40;
            var b = file.ReadByte();
            file.Position--;
            file.WriteByte((byte)(b ^ 0xFF));
        }

        var (code, output) = Run("--config", config);
        Assert.True(code == 3, $"exit {code}\n{output}");
        Assert.Contains("journal error", output, StringComparison.Ordinal);
        AssertNoStackTrace(output);
    }

    [Fact]
    public void Sigterm_WhileRunning_ExitsZero_Drained()
    {
        using var directory = new TempDirectory();
        var config = ControlledHost.WriteConfig(directory.Path, "engine.json", Path.Combine(directory.Path, "journal"), control: true);
        using var host = ControlledHost.Start("--config", config);
        Assert.NotNull(host.WaitForApi(Timeout));
        for (var i = 0; i < 200 && host.LastAcknowledged() < 0; i++)
        {
            Thread.Sleep(50);
        }

        using (var kill = Process.Start("kill", ["-TERM", host.Process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        Assert.Equal(0, host.WaitForExit(Timeout));
        Assert.Contains("drained True", host.Output, StringComparison.Ordinal);
        AssertNoStackTrace(host.Output);
    }

    private static void AssertNoStackTrace(string output)
    {
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    private static string WriteReplayConfig(string directory, string files)
    {
        var path = Path.Combine(directory, "engine.json");
        File.WriteAllText(path, $$"""
            { "pipeline": { "rings": [ { "name": "input", "size": 1024 }, { "name": "intents", "size": 65536 }, { "name": "orders", "size": 65536 } ], "threads": [ { "name": "e", "stages": ["engine"] } ] },
              "marketData": { "instruments": "{{Path.Combine(AppContext.BaseDirectory, "config", "instruments.json")}}",
                              "feeds": [ { "type": "csv", "files": {{files}} } ] },
              "control": { "enabled": true, "listen": "127.0.0.1:0", "grpcListen": "127.0.0.1:0",
                           "apiKeys": [ { "name": "dev-admin", "role": "admin", "sha256": "1151ed2b21a1f4163f9ee78dbf5ccac22b8afb5399d694e13e38dd9f3970a345" } ] } }
            """);
        return path;
    }

    private static (int Code, string Output) Run(params string[] args)
    {
        using var process = HostProcess.Start(args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(Timeout), $"'{string.Join(' ', args)}' did not finish");
        process.WaitForExit();
        return (process.ExitCode, output.Result + "\n" + error.Result);
    }
}
