using System.Diagnostics;

namespace MultiAsset.Host.Tests;

/// <summary>Starts the real host binary (built beside the tests) with redirected output, as <c>./run.sh</c> runs it.</summary>
internal static class HostProcess
{
    public static Process Start(params string[] args) => StartIn(null, args);

    /// <summary>
    /// Starts the host in <paramref name="workingDirectory"/> (null: the test's): on its defaults the host journals into
    /// <c>data/journal</c> under the working directory, so each default run gets a folder of its own.
    /// </summary>
    public static Process StartIn(string? workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null)
        {
            info.WorkingDirectory = workingDirectory;
        }

        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MultiAsset.Host.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }
}
