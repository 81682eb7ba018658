using System.CommandLine;
using Grpc.Core;
using MultiAsset.Cli.Journal;
using MultiAsset.Control.V1;
using Spectre.Console;

namespace MultiAsset.Cli.Control;

/// <summary>
/// <c>--watch</c>: opens a live-view stream (WatchPositions, WatchRisk, WatchFills) and renders each update as a table —
/// in place with Spectre.Console Live on an interactive terminal, one table after another otherwise (pipes, tests).
/// Ctrl-C (or the end of the stream) ends it with exit code 0.
/// </summary>
internal sealed class WatchRunner(ControlOptions options, TextWriter output, TextWriter error)
{
    public delegate AsyncServerStreamingCall<WatchUpdate> Call(MultiAsset.Control.V1.Control.ControlClient client, CallOptions options);

    /// <summary>Streams and renders until cancelled or the stream ends; with <paramref name="once"/>, only the first update.</summary>
    public async Task<int> RunAsync(ParseResult parse, Call call, Func<string, Spectre.Console.Rendering.IRenderable> render, bool once, CancellationToken cancellationToken)
    {
        try
        {
            using var session = new ControlSession(options.ServerOf(parse), options.KeyOf(parse));
            using var stream = call(session.Client, session.StreamOptions(cancellationToken));
            var json = parse.GetValue(options.Json);
            var console = WatchTables.Console(output);
            if (!once && !json && ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected)
            {
                await AnsiConsole.Live(new Text("waiting for the first update…")).StartAsync(async live =>
                {
                    while (await stream.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
                    {
                        live.UpdateTarget(render(stream.ResponseStream.Current.Json));
                    }
                }).ConfigureAwait(false);
                return ControlExitCodes.Ok;
            }

            while (await stream.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                var update = stream.ResponseStream.Current;
                if (json)
                {
                    await output.WriteLineAsync(update.Json).ConfigureAwait(false);
                }
                else if (once)
                {
                    console.Write(render(update.Json));
                }
                else
                {
                    console.WriteLine($"#{update.Sequence} at {DateTimeOffset.FromUnixTimeMilliseconds(update.PolledUnixMs):HH:mm:ss.fff}{(update.Dropped > 0 ? $" ({update.Dropped} updates dropped)" : string.Empty)}");
                    console.Write(render(update.Json));
                }

                await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                if (once)
                {
                    break;
                }
            }

            return ControlExitCodes.Ok;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ControlExitCodes.Ok;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            return ControlExitCodes.Ok;
        }
        catch (UsageException ex)
        {
            await error.WriteLineAsync($"maectl: {ex.Message}").ConfigureAwait(false);
            return ControlExitCodes.Usage;
        }
        catch (RpcException ex)
        {
            var field = ex.Trailers.GetValue("problem-field");
            var detail = ex.StatusCode is StatusCode.Unavailable ? $"cannot reach the control server: {ex.Status.Detail}" : ex.Status.Detail;
            await error.WriteLineAsync($"maectl: {detail}{(field is null ? string.Empty : $" (field: {field})")}").ConfigureAwait(false);
            return ControlExitCodes.Of(ex);
        }
    }
}
