namespace MultiAsset.Host.ReplayDiff;

/// <summary>
/// <c>MultiAsset.Host replay-diff ...</c> (<c>./run.sh replay-diff</c>, <c>maectl replay diff</c>): runs the diff and
/// prints the report or its JSON. Exit codes: 0 identical, 1 different, 2 bad input (one line on stderr, no stack trace).
/// </summary>
public static class ReplayDiffCommand
{
    /// <summary>Exit code when both sides produced the same orders, verdicts, fills and final state.</summary>
    public const int Identical = 0;

    /// <summary>Exit code when they differ.</summary>
    public const int Different = 1;

    /// <summary>Exit code for bad usage or input.</summary>
    public const int BadInput = 2;

    /// <summary>Runs <paramref name="args"/> (the arguments after the verb).</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var (arguments, problem, help) = ReplayDiffArguments.Parse(args);
        if (help)
        {
            await output.WriteLineAsync(ReplayDiffArguments.Usage).ConfigureAwait(false);
            return Identical;
        }

        if (arguments is null)
        {
            await error.WriteLineAsync($"replay diff: {problem}{Environment.NewLine}{ReplayDiffArguments.Usage}").ConfigureAwait(false);
            return BadInput;
        }

        ReplayDiffResult result;
        try
        {
            result = ReplayDiffRunner.Run(arguments.Request);
        }
        catch (ReplayDiffInputException ex)
        {
            await error.WriteLineAsync($"replay diff: {ex.Message}").ConfigureAwait(false);
            return BadInput;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file that is there but cannot be read (permissions, a directory given as a file): bad input too.
            await error.WriteLineAsync($"replay diff: {ex.Message}").ConfigureAwait(false);
            return BadInput;
        }

        await output.WriteAsync(arguments.Json ? ReplayDiffReport.Json(result) + Environment.NewLine : ReplayDiffReport.Text(result, arguments.Rows)).ConfigureAwait(false);
        return result.Identical ? Identical : Different;
    }
}
