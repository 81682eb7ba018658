using System.Diagnostics;

namespace MultiAsset.Host.Tests;

/// <summary>Runs the real host binary: the way <c>./run.sh</c> does.</summary>
public class HostProcessTests
{
    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MultiAsset.Host.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }

    [Fact]
    public void Host_WithDuration_StopsByItselfAfterDrainingEverything()
    {
        using var process = Start("--duration", "1500ms");
        var output = process.StandardOutput.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)));

        Assert.Equal(0, process.ExitCode);
        Assert.Contains("events/s", output.Result, StringComparison.Ordinal);
        Assert.Contains("drained True", output.Result, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_OnSigint_StopsCleanly()
    {
        using var process = Start();
        var sawStatus = new TaskCompletionSource();
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lines.Enqueue(e.Data);
            if (e.Data.Contains("events/s", StringComparison.Ordinal))
            {
                sawStatus.TrySetResult();
            }
        };
        process.BeginOutputReadLine();
        Assert.True(sawStatus.Task.Wait(TimeSpan.FromSeconds(60)), "no status line within 60 s");

        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "host did not exit after SIGINT");
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        Assert.Contains(lines, l => l.Contains("Engine stopped", StringComparison.Ordinal) && l.Contains("drained True", StringComparison.Ordinal));
    }

    [Fact]
    public void Host_WithBadConfig_ExitsWithCode2NamingField()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mae-bad-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "pipeline": { "rings": [ { "name": "input", "size": 1000 } ], "threads": [ { "name": "e", "stages": ["validate"], "waitStrategy": "Nap" } ] } }""");
        try
        {
            using var process = Start("--config", path);
            var error = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)));

            Assert.Equal(2, process.ExitCode);
            Assert.Contains($"{path}: pipeline.rings[0].size: 1000 is not a power of two", error.Result, StringComparison.Ordinal);
            Assert.Contains($"{path}: pipeline.threads[0].waitStrategy: unknown value 'Nap'", error.Result, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
