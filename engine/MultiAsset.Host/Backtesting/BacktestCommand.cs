using System.Globalization;
using Microsoft.Extensions.Logging;
using MultiAsset.Engine.Journal;
using MultiAsset.Engine.MarketData.Replay;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Host.Backtesting;

/// <summary>
/// <c>MultiAsset.Host backtest SPEC.json [-o DIR] [--quiet]</c> (what <c>./run.sh backtest</c> runs): runs the spec, shows
/// progress on stderr, prints a summary and writes the results folder. Exit codes: 0 done, 1 the engine failed,
/// 2 a bad spec, data or strategy (the message says which), 3 a file could not be read or written.
/// </summary>
public static class BacktestCommand
{
    /// <summary>Usage text.</summary>
    public const string Usage = "usage: backtest SPEC.json [-o OUTPUT-DIR] [--quiet]   (the spec's format: docs/backtest.md)\n"
        + "       " + Sweeps.SweepCommand.Usage;

    /// <summary>Runs the command with <paramref name="args"/> (after the word <c>backtest</c>).</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count > 0 && args[0] == "sweep")
        {
            return await Sweeps.SweepCommand.RunAsync(args.Skip(1).ToList(), output, error, cancellationToken).ConfigureAwait(false);
        }

        var (arguments, exit) = await BacktestArguments.ParseAsync(args, Usage, "backtest spec", workers: false, output, error).ConfigureAwait(false);
        if (arguments is null)
        {
            return exit;
        }

        using var logs = LoggerFactory.Create(b => b.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        }).SetMinimumLevel(arguments.Quiet ? LogLevel.Warning : LogLevel.Information));
        try
        {
            var spec = BacktestSpecReader.Load(arguments.SpecPath, arguments.Output);
            var progress = arguments.Quiet ? null : new ConsoleProgress(error);
            var result = await BacktestRunner.RunAsync(spec, progress, logs.CreateLogger("MultiAsset.Backtest"), cancellationToken).ConfigureAwait(false);
            progress?.Done();
            await output.WriteAsync(BacktestSummary.Format(result)).ConfigureAwait(false);
            return 0;
        }
        catch (Exception ex) when (BacktestArguments.Failure(ex, "backtest", error) is { } code)
        {
            return code;
        }
    }

    /// <summary>A one-line progress display on stderr, redrawn when the share moves by a percent.</summary>
    private sealed class ConsoleProgress(TextWriter error) : IProgress<double>
    {
        private int shown = -1;

        public void Report(double value)
        {
            var percent = (int)(value * 100);
            if (percent != Interlocked.Exchange(ref shown, percent))
            {
                error.Write(string.Create(CultureInfo.InvariantCulture, $"\rreplaying {percent,3}%"));
            }
        }

        public void Done() => error.WriteLine();
    }
}
