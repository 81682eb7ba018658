using System.Diagnostics;

namespace MultiAsset.Host.Tests;

/// <summary>Starts the real host binary (built beside the tests) with redirected output, as <c>./run.sh</c> runs it.</summary>
internal static class HostProcess
{
    public static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MultiAsset.Host.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }
}
