using System.Globalization;
using Microsoft.Extensions.Logging;
using MultiAsset.Engine.Journal;
using MultiAsset.Engine.MarketData.Replay;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Host.Backtesting.Sweeps;

/// <summary>
/// <c>MultiAsset.Host backtest sweep SWEEP.json [-o DIR] [--workers N] [--quiet]</c>: runs a sweep with a progress bar
/// on stderr, then prints the top 10 and where the tables are. Exit codes as <see cref="BacktestCommand"/>'s, plus
/// 130 when interrupted (the finished runs stay; the same command resumes).
/// </summary>
public static class SweepCommand
{
    /// <summary>Usage text.</summary>
    public const string Usage = "usage: backtest sweep SWEEP.json [-o OUTPUT-DIR] [--workers N] [--quiet]   (the sweep's format: docs/backtest-sweeps.md)";

    /// <summary>Runs the command with <paramref name="args"/> (after the words <c>backtest sweep</c>).</summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
        => RunAsync(args, output, error, null, cancellationToken);

    /// <summary>
    /// Runs the command with <paramref name="args"/> (after the words <c>backtest sweep</c>); the runs are made by
    /// <paramref name="executor"/> (null: in this process).
    /// </summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, ISweepRunExecutor? executor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var (arguments, exit) = await BacktestArguments.ParseAsync(args, Usage, "sweep spec", workers: true, output, error).ConfigureAwait(false);
        if (arguments is null)
        {
            return exit;
        }

        using var logs = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        var logger = logs.CreateLogger("MultiAsset.Sweep");
        SweepSpec? spec = null;
        try
        {
            spec = SweepSpecReader.Load(arguments.SpecPath, arguments.Output, arguments.Workers);
            var started = System.Diagnostics.Stopwatch.StartNew();
            var current = spec;
            var outcome = arguments.Quiet
                ? await SweepRunner.RunAsync(spec, executor, null, logger, cancellationToken).ConfigureAwait(false)
                : await SweepConsole.WithProgressAsync(SweepConsole.Create(error), observer => SweepRunner.RunAsync(current, executor, observer, logger, cancellationToken)).ConfigureAwait(false);
            var console = SweepConsole.Create(output);
            console.Write(SweepConsole.Top(spec, outcome));
            var tables = outcome.Windows is null ? "sweep.csv, sweep.json" : "walkforward.csv, walkforward.json, walkforward-equity.csv, windows/";
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{outcome.Ran} runs made, {outcome.Resumed} resumed, {(executor is null ? $"{spec.Workers} workers" : "cluster workers")}, {started.Elapsed.TotalSeconds:0.0} s; {tables} in {spec.Output}")).ConfigureAwait(false);
            if (outcome.Stitched is { } stitched)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"walk-forward: {outcome.Windows!.Count} windows; stitched out-of-sample return {stitched.TotalReturn:0.####}, sharpe {Number(stitched.Sharpe)}, max drawdown {stitched.Drawdown.MaxDrawdown:0.####}")).ConfigureAwait(false);
            }

            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync($"sweep: interrupted; finished runs stay in {spec?.Output ?? "the sweep folder"} and the same command resumes").ConfigureAwait(false);
            return 130;
        }
        catch (Exception ex) when (BacktestArguments.Failure(ex, "sweep", error) is { } code)
        {
            return code;
        }
    }

    private static string Number(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "-";
}
