using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Grpc.Core;
using MultiAsset.Cli.Journal;
using MultiAsset.Control.V1;

namespace MultiAsset.Cli.Control;

/// <summary>
/// <c>maectl backtest run -f SPEC.json | list | show ID | cancel ID</c>: backtests as jobs of a running host (each its
/// own engine beside the live desk). <c>run</c> sends a self-contained spec (<see cref="BacktestSpecPaths"/>), shows
/// progress, and prints the same summary as <c>./run.sh backtest</c>; Ctrl-C cancels the job.
/// </summary>
internal static class BacktestCommands
{
    private static readonly string[] JobColumns = ["id", "name", "status", "progress", "createdAt", "finishedAt", "output"];

    public static Command Create(ControlOptions options, ControlRunner runner, TextWriter output, TextWriter error)
    {
        var backtest = new Command("backtest", "Run backtests on the host (jobs beside the live desk); ./run.sh backtest runs one locally");
        var file = new Option<string>("--file", "-f") { Description = "The backtest spec (docs/backtest.md)", Required = true };
        var noWait = new Option<bool>("--no-wait") { Description = "Print the queued job and return (follow it with 'backtest show ID')" };
        var run = new Command("run", "Run a backtest spec as a job and wait for its result") { file, noWait };
        run.SetAction((parse, cancellation) => RunAsync(options, parse, parse.GetValue(file)!, parse.GetValue(noWait), output, error, cancellation));
        backtest.Subcommands.Add(run);
        var list = new Command("list", "Every backtest job of the host");
        runner.Bind(list, _ => (c, o) => c.ListBacktestsAsync(new Empty(), o), JobColumns);
        backtest.Subcommands.Add(list);
        backtest.Subcommands.Add(IdCommand(runner, "show", "One job, with its result once finished", (c, id, o) => c.GetBacktestAsync(new StrategyId { Id = id }, o)));
        backtest.Subcommands.Add(IdCommand(runner, "cancel", "Cancel a queued or running job", (c, id, o) => c.CancelBacktestAsync(new StrategyId { Id = id }, o)));
        backtest.Subcommands.Add(Report(output, error));
        return backtest;
    }

    /// <summary><c>backtest report DIR</c>: (re)writes report.html from a results folder, offline (no server).</summary>
    private static Command Report(TextWriter output, TextWriter error)
    {
        var folder = new Argument<string>("dir") { Description = "A backtest's results folder (result.json, equity.csv, ...)" };
        var command = new Command("report", "Write the HTML report (report.html, charts/) of a results folder") { folder };
        command.SetAction(async (parse, cancellation) =>
        {
            try
            {
                var path = MultiAsset.Reports.BacktestReport.Write(parse.GetValue(folder)!);
                await output.WriteLineAsync(path).ConfigureAwait(false);
                return ControlExitCodes.Ok;
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException)
            {
                await error.WriteLineAsync($"maectl: {ex.Message}").ConfigureAwait(false);
                return ControlExitCodes.Usage;
            }
        });
        return command;
    }

    private static Command IdCommand(ControlRunner runner, string name, string description, Func<MultiAsset.Control.V1.Control.ControlClient, string, CallOptions, AsyncUnaryCall<JsonReply>> call)
    {
        var id = new Argument<string>("id") { Description = "The job id (bt-N)" };
        var command = new Command(name, description) { id };
        runner.Bind(command, parse => (c, o) => call(c, parse.GetValue(id)!, o));
        return command;
    }

    private static async Task<int> RunAsync(ControlOptions options, ParseResult parse, string path, bool noWait, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        string? id = null;
        try
        {
            var spec = BacktestSpecPaths.Resolve(path, error);
            using var session = new ControlSession(options.ServerOf(parse), options.KeyOf(parse));
            var submitted = await session.Client.SubmitBacktestAsync(new JsonRequest { Json = spec }, session.Options(CancellationToken.None)).ResponseAsync.ConfigureAwait(false);
            var job = JsonNode.Parse(submitted.Json)!;
            id = job["id"]!.GetValue<string>();
            if (noWait)
            {
                await output.WriteLineAsync(submitted.Json).ConfigureAwait(false);
                return ControlExitCodes.Ok;
            }

            var shown = -1;
            while (true)
            {
                await Task.Delay(250, cancellation).ConfigureAwait(false);
                var reply = await session.Client.GetBacktestAsync(new StrategyId { Id = id }, session.Options(CancellationToken.None)).ResponseAsync.ConfigureAwait(false);
                job = JsonNode.Parse(reply.Json)!;
                var status = job["status"]!.GetValue<string>();
                var percent = (int)(job["progress"]!.GetValue<double>() * 100);
                if (percent != shown && status is "running" or "queued")
                {
                    shown = percent;
                    await error.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"\r{id} {status} {percent,3}%")).ConfigureAwait(false);
                }

                if (status is "running" or "queued")
                {
                    continue;
                }

                if (shown >= 0)
                {
                    await error.WriteLineAsync().ConfigureAwait(false);
                }

                if (parse.GetValue(options.Json))
                {
                    await output.WriteLineAsync(reply.Json).ConfigureAwait(false);
                }
                else if (status == "succeeded")
                {
                    await output.WriteAsync(job["summary"]?.GetValue<string>() ?? string.Empty).ConfigureAwait(false);
                }

                if (status == "succeeded")
                {
                    return ControlExitCodes.Ok;
                }

                await error.WriteLineAsync($"maectl: backtest {id} {status}{(job["error"] is { } reason ? ": " + reason.GetValue<string>() : string.Empty)}").ConfigureAwait(false);
                return ControlExitCodes.Refused;
            }
        }
        catch (OperationCanceledException) when (id is not null)
        {
            // Ctrl-C while waiting: the job is the caller's, so cancel it rather than leave it running unseen.
            using var session = new ControlSession(options.ServerOf(parse), options.KeyOf(parse));
            await session.Client.CancelBacktestAsync(new StrategyId { Id = id }, session.Options(CancellationToken.None)).ResponseAsync.ConfigureAwait(false);
            await error.WriteLineAsync($"{Environment.NewLine}maectl: backtest {id} cancelled").ConfigureAwait(false);
            return ControlExitCodes.Refused;
        }
        catch (UsageException ex)
        {
            await error.WriteLineAsync($"maectl: {ex.Message}").ConfigureAwait(false);
            return ControlExitCodes.Usage;
        }
        catch (RpcException ex)
        {
            var field = ex.Trailers.GetValue("problem-field");
            var detail = ex.StatusCode is StatusCode.Unavailable
                ? $"cannot reach the control server ({ex.Status.Detail}); start the engine with ./run.sh, or run the backtest locally with ./run.sh backtest {path}"
                : ex.Status.Detail;
            await error.WriteLineAsync($"maectl: {detail}{(field is null ? string.Empty : $" (field: {field})")}").ConfigureAwait(false);
            return ControlExitCodes.Of(ex);
        }
    }
}
