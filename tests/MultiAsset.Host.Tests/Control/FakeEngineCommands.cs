using System.Collections.Concurrent;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline.Commands;
using MultiAsset.Host.Control.Application;

namespace MultiAsset.Host.Tests.Control;

/// <summary>Answers commands with canned replies and records what was sent (for the commands the engine does not answer yet).</summary>
internal sealed class FakeEngineCommands : IEngineCommands
{
    public ConcurrentQueue<(CommandKind Kind, string Body)> Sent { get; } = new();

    public Func<CommandKind, string, CommandReply> Answer { get; set; } = (kind, body) => CommandReply.Ok(new { kind = kind.ToString(), body });

    public Task<CommandReply> SendAsync(CommandKind kind, string body, CancellationToken cancellationToken)
    {
        Sent.Enqueue((kind, body));
        return Task.FromResult(Answer(kind, body));
    }
}
