using System.CommandLine;
using MultiAsset.Cli.Control;
using MultiAsset.Cli.Data;
using MultiAsset.Cli.Journal;
using MultiAsset.Cli.Keys;
using MultiAsset.Cli.Replay;

namespace MultiAsset.Cli;

/// <summary>
/// maectl's command tree. Output goes to the writers given, so tests run commands in-process and read what an
/// operator would see. Exit codes: 0 ok; 1 the server said no (a 4xx), the journal has a problem (inspect) or an
/// import rejected more rows than allowed (data import);
/// 2 bad usage or input; 3 cannot connect, server error (5xx) or journal error.
/// </summary>
public static class MaectlApp
{
    /// <summary>Exit code when the server refused the request (4xx).</summary>
    public const int Refused = 1;

    /// <summary>Exit code for bad usage or input.</summary>
    public const int UsageError = 2;

    /// <summary>Exit code when a journal cannot be read.</summary>
    public const int JournalError = 3;

    /// <summary>Exit code when the control server cannot be reached or failed (5xx).</summary>
    public const int Unreachable = 3;

    /// <summary>Parses <paramref name="args"/> and runs the command.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellation = default)
    {
        var root = new RootCommand("maectl — operator CLI for MultiAsset.Engine");
        var options = new ControlOptions();
        options.AddTo(root);
        root.Subcommands.Add(JournalCommands.Create(output, error));
        root.Subcommands.Add(AuditCommands.Create(output, error));
        root.Subcommands.Add(Reports.ReportCommands.Create(output, error));
        root.Subcommands.Add(DataCommands.Create(output, error));
        foreach (var command in ControlCommands.Create(options, output, error))
        {
            root.Subcommands.Add(command);
        }

        root.Subcommands.Add(KeysCommands.Create(output));
        root.Subcommands.Add(ReplayCommands.Create(options, output, error));
        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var parseError in result.Errors)
            {
                await error.WriteLineAsync($"maectl: {parseError.Message}").ConfigureAwait(false);
            }

            return UsageError;
        }

        return await result.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellation).ConfigureAwait(false);
    }
}
