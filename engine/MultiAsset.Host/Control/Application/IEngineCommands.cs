using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline.Commands;

namespace MultiAsset.Host.Control.Application;

/// <summary>
/// The control plane's only way into the engine: send a command, wait for the owning stage's reply. The engine
/// implementation is <see cref="EngineCommands"/> (over <see cref="CommandClient"/>); tests use fakes.
/// </summary>
public interface IEngineCommands
{
    /// <summary>Sends <paramref name="kind"/> with a UTF-8 text body and returns the reply (504 when the engine does not answer in time).</summary>
    Task<CommandReply> SendAsync(CommandKind kind, string body, CancellationToken cancellationToken);
}
