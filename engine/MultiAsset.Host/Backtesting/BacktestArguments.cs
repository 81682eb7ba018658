using System.Globalization;
using MultiAsset.Engine.Journal;
using MultiAsset.Engine.MarketData.Replay;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Host.Backtesting;

/// <summary>
/// The command line of <c>backtest SPEC.json</c> and <c>backtest sweep SWEEP.json</c>: <c>FILE [-o DIR] [--quiet]</c>,
/// plus <c>[--workers N]</c> for sweeps; and how their failures become exit codes.
/// </summary>
/// <param name="SpecPath">The spec file.</param>
/// <param name="Output">The results folder given with <c>-o</c>, or null.</param>
/// <param name="Quiet">No progress display, warnings only.</param>
/// <param name="Workers">Sweeps: how many runs at once, or null for the spec's.</param>
internal sealed record BacktestArguments(string SpecPath, string? Output, bool Quiet, int? Workers)
{
    /// <summary>
    /// Parses <paramref name="args"/>: the arguments, or null with the exit code (0 after <c>--help</c>, 2 for bad
    /// usage) once the reason and <paramref name="usage"/> are written.
    /// </summary>
    public static async Task<(BacktestArguments? Arguments, int ExitCode)> ParseAsync(IReadOnlyList<string> args, string usage, string what, bool workers, TextWriter output, TextWriter error)
    {
        string? spec = null;
        string? folder = null;
        int? count = null;
        var quiet = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "-o" or "--output" when i + 1 < args.Count:
                    folder = args[++i];
                    break;
                case "--workers" when workers && i + 1 < args.Count:
                    if (!int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
                    {
                        await error.WriteLineAsync($"error: --workers wants a positive whole number, not '{args[i]}'{Environment.NewLine}{usage}").ConfigureAwait(false);
                        return (null, 2);
                    }

                    count = n;
                    break;
                case "--quiet":
                    quiet = true;
                    break;
                case "-h" or "--help":
                    await output.WriteLineAsync(usage).ConfigureAwait(false);
                    return (null, 0);
                default:
                    if (args[i].StartsWith('-') || spec is not null)
                    {
                        await error.WriteLineAsync($"error: unexpected argument '{args[i]}'{Environment.NewLine}{usage}").ConfigureAwait(false);
                        return (null, 2);
                    }

                    spec = args[i];
                    break;
            }
        }

        if (spec is null)
        {
            await error.WriteLineAsync($"error: name the {what}{Environment.NewLine}{usage}").ConfigureAwait(false);
            return (null, 2);
        }

        return (new BacktestArguments(spec, folder, quiet, count), 0);
    }

    /// <summary>
    /// The exit code of a failure, after writing its message with <paramref name="prefix"/>: 2 a bad spec, data or
    /// strategy; 3 a file that cannot be read or written; 1 the engine did not finish cleanly; null for anything else
    /// (a bug: let it surface).
    /// </summary>
    public static int? Failure(Exception exception, string prefix, TextWriter error)
    {
        int? code = exception switch
        {
            ConfigurationException or ReplayFormatException => 2,
            IOException or UnauthorizedAccessException or JournalException => 3,
            InvalidOperationException => 1,
            _ => null,
        };
        if (code is not null)
        {
            error.WriteLine($"{prefix}: {exception.Message}");
        }

        return code;
    }
}
