using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline.Commands;

namespace MultiAsset.Host.Control.Application;

/// <summary>
/// <see cref="IEngineCommands"/> over the engine's <see cref="CommandClient"/>, with one timeout for every command. While
/// the engine is not <see cref="EngineReadiness.IsReady">ready</see> (recovering its journal, or stopping) nothing is
/// published and the answer is <see cref="CommandStatus.Unavailable"/>: a command sent during a replay would otherwise
/// be acknowledged and then lost, and a read would see a half-rebuilt state.
/// </summary>
/// <param name="client">The engine's command client.</param>
/// <param name="timeout">How long to wait for a reply.</param>
/// <param name="readiness">Whether the engine takes requests (null: always).</param>
public sealed class EngineCommands(CommandClient client, TimeSpan timeout, EngineReadiness? readiness = null) : IEngineCommands
{
    /// <inheritdoc/>
    public Task<CommandReply> SendAsync(CommandKind kind, string body, CancellationToken cancellationToken)
        => readiness is { IsReady: false }
            ? Task.FromResult(CommandReply.Fail(CommandStatus.Unavailable, $"The engine is {readiness.Name}; retry in {EngineReadiness.RetryAfterSeconds} s."))
            : client.SendAsync(kind, body, timeout, cancellationToken);
}
