using System.CommandLine;
using MultiAsset.Cli.Journal;

namespace MultiAsset.Cli;

/// <summary>
/// maectl's command tree. Output goes to the writers given, so tests run commands in-process and read what an
/// operator would see. Exit codes: 0 ok, 1 the journal has a problem (inspect), 2 bad usage or input, 3 journal error.
/// </summary>
public static class MaectlApp
{
    /// <summary>Exit code for bad usage or input.</summary>
    public const int UsageError = 2;

    /// <summary>Exit code when a journal cannot be read.</summary>
    public const int JournalError = 3;

    /// <summary>Parses <paramref name="args"/> and runs the command.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellation = default)
    {
        var root = new RootCommand("maectl — operator CLI for MultiAsset.Engine");
        root.Subcommands.Add(JournalCommands.Create(output, error));
        var result = root.Parse(args);
        return await result.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellation).ConfigureAwait(false);
    }
}
