using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.Pipeline.Commands;

/// <summary>
/// The control plane's way into the engine: publishes a command on the input ring and waits for the owning stage's
/// reply. Never touches engine state.
/// </summary>
public sealed class CommandClient
{
    private readonly ValueRingBuffer<InputEvent> ring;
    private readonly CommandReplyHub replies;
    private readonly IClock clock;

    /// <summary>Creates a client publishing into <paramref name="ring"/>.</summary>
    public CommandClient(ValueRingBuffer<InputEvent> ring, CommandReplyHub replies, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(replies);
        ArgumentNullException.ThrowIfNull(clock);
        this.ring = ring;
        this.replies = replies;
        this.clock = clock;
    }

    /// <summary>Sends a command with a UTF-8 text body and waits up to <paramref name="timeout"/> for the reply.</summary>
    public Task<CommandReply> SendAsync(CommandKind kind, string body, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        return SendAsync(kind, System.Text.Encoding.UTF8.GetBytes(body), timeout, cancellationToken);
    }

    /// <summary>Sends a command and waits up to <paramref name="timeout"/> for the reply (<see cref="CommandStatus.Timeout"/> after that).</summary>
    public async Task<CommandReply> SendAsync(CommandKind kind, byte[] body, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var (id, reply) = replies.Register();
        try
        {
            CommandPublisher.Publish(ring, kind, body, id, clock.NowNanoseconds);
        }
        catch
        {
            replies.Abandon(id);
            throw;
        }

        try
        {
            return await reply.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            replies.Abandon(id);
            return CommandReply.Fail(CommandStatus.Timeout, $"The engine did not answer the {kind} command within {timeout.TotalSeconds:0.#} s.");
        }
    }

    /// <summary>Publishes a command nobody waits for (startup deployment); returns the header's sequence.</summary>
    public long Post(CommandKind kind, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return CommandPublisher.Publish(ring, kind, System.Text.Encoding.UTF8.GetBytes(body), 0, clock.NowNanoseconds);
    }
}
