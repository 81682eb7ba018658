using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline.Commands;

namespace MultiAsset.Host.Control.Application;

/// <summary><see cref="IEngineCommands"/> over the engine's <see cref="CommandClient"/>, with one timeout for every command.</summary>
/// <param name="client">The engine's command client.</param>
/// <param name="timeout">How long to wait for a reply.</param>
public sealed class EngineCommands(CommandClient client, TimeSpan timeout) : IEngineCommands
{
    /// <inheritdoc/>
    public Task<CommandReply> SendAsync(CommandKind kind, string body, CancellationToken cancellationToken)
        => client.SendAsync(kind, body, timeout, cancellationToken);
}
