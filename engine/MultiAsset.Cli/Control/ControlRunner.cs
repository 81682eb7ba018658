using System.CommandLine;
using Grpc.Core;
using MultiAsset.Cli.Journal;
using MultiAsset.Control.V1;

namespace MultiAsset.Cli.Control;

/// <summary>Runs one control call: connects, calls, prints the answer (table or <c>--json</c>) and returns the exit code.</summary>
internal sealed class ControlRunner(ControlOptions options, TextWriter output, TextWriter error)
{
    public delegate AsyncUnaryCall<JsonReply> Call(MultiAsset.Control.V1.Control.ControlClient client, CallOptions options);

    /// <summary>
    /// Sets <paramref name="command"/>'s action to <paramref name="call"/> (built from the parse result); the answer is
    /// printed by <paramref name="render"/> when given, else as tables (<paramref name="columns"/>).
    /// </summary>
    public void Bind(Command command, Func<ParseResult, Call> call, IReadOnlyList<string>? columns = null, Action<TextWriter, string>? render = null)
        => command.SetAction((parse, cancellation) => RunAsync(parse, () => call(parse), columns, cancellation, render));

    public async Task<int> RunAsync(ParseResult parse, Func<Call> prepare, IReadOnlyList<string>? columns, CancellationToken cancellationToken, Action<TextWriter, string>? render = null)
    {
        try
        {
            var call = prepare();
            using var session = new ControlSession(options.ServerOf(parse), options.KeyOf(parse));
            var reply = await call(session.Client, session.Options(cancellationToken)).ResponseAsync.ConfigureAwait(false);
            if (parse.GetValue(options.Json))
            {
                await output.WriteLineAsync(reply.Json).ConfigureAwait(false);
            }
            else if (render is not null)
            {
                render(output, reply.Json);
            }
            else
            {
                JsonTableRenderer.Write(output, reply.Json, columns);
            }

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
            var status = ex.Trailers.GetValue("problem-status");
            var detail = ex.StatusCode is StatusCode.Unavailable ? $"cannot reach the control server: {ex.Status.Detail}" : ex.Status.Detail;
            await error.WriteLineAsync($"maectl: {detail}{(field is null ? string.Empty : $" (field: {field})")}{(status is null ? string.Empty : $" [{status}]")}").ConfigureAwait(false);
            return ControlExitCodes.Of(ex);
        }
    }

    /// <summary>The text of the file an <c>-f</c> option names (usage error when it cannot be read).</summary>
    public static string ReadFile(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            throw new UsageException("-f FILE is required");
        }

        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read {path}: {ex.Message}");
        }
    }
}
