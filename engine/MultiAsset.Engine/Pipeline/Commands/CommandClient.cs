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
    private readonly Lock gate = new();
    private bool closed;

    /// <summary>
    /// Creates a client publishing commands into <paramref name="ring"/>; read-only queries go to <paramref name="queries"/>
    /// (never into the ring as commands: they are not input). Without an inbox, queries are published as commands (a
    /// pipeline without a query server, e.g. the staged layout in tests).
    /// </summary>
    public CommandClient(ValueRingBuffer<InputEvent> ring, CommandReplyHub replies, IClock clock, QueryInbox? queries = null)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(replies);
        ArgumentNullException.ThrowIfNull(clock);
        this.ring = ring;
        this.replies = replies;
        this.clock = clock;
        Queries = queries;
    }

    /// <summary>Where read-only queries wait for the engine thread (null: they travel as commands).</summary>
    public QueryInbox? Queries { get; }

    /// <summary>Input-ring slots this client has published (command headers and chunks).</summary>
    public long SlotsPublished => Interlocked.Read(ref slotsPublished);

    private long slotsPublished;

    /// <summary>Sends a command with a UTF-8 text body and waits up to <paramref name="timeout"/> for the reply.</summary>
    public Task<CommandReply> SendAsync(CommandKind kind, string body, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Queries is not null && kind.IsQuery()
            ? Queries.AskAsync(kind, body, timeout, cancellationToken)
            : SendAsync(kind, System.Text.Encoding.UTF8.GetBytes(body), timeout, cancellationToken);
    }

    /// <summary>Sends a command and waits up to <paramref name="timeout"/> for the reply (<see cref="CommandStatus.Timeout"/> after that).</summary>
    public async Task<CommandReply> SendAsync(CommandKind kind, byte[] body, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (Queries is not null && kind.IsQuery())
        {
            return await Queries.AskAsync(kind, System.Text.Encoding.UTF8.GetString(body), timeout, cancellationToken).ConfigureAwait(false);
        }

        var (id, reply) = replies.Register();
        try
        {
            if (!TryPublish(kind, body, id))
            {
                replies.Abandon(id);
                return CommandReply.Fail(CommandStatus.Unavailable, "The engine is stopping and takes no more commands.");
            }
        }
        catch
        {
            replies.Abandon(id);
            throw;
        }

        try
        {
            var answer = await reply.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            // The command is applied: reads must not reuse answers taken before it.
            Queries?.Invalidate();
            return answer;
        }
        catch (TimeoutException)
        {
            replies.Abandon(id);
            Queries?.Invalidate(); // it may still be applied
            return CommandReply.Fail(CommandStatus.Timeout, $"The engine did not answer the {kind} command within {timeout.TotalSeconds:0.#} s.");
        }
    }

    /// <summary>Publishes a command nobody waits for (startup deployment); returns the header's sequence.</summary>
    public long Post(CommandKind kind, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var bytes = System.Text.Encoding.UTF8.GetBytes(body);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(closed, this);
            var sequence = CommandPublisher.Publish(ring, kind, bytes, 0, clock.NowNanoseconds);
            Interlocked.Add(ref slotsPublished, 1 + CommandData.ChunkCount(bytes.Length));
            return sequence;
        }
    }

    /// <summary>
    /// Stops publishing: every later send answers <see cref="CommandStatus.Unavailable"/>. When this returns no publish
    /// is in flight, so the host can stop the pipeline knowing every slot it counted was published before the stop.
    /// </summary>
    public void Close()
    {
        lock (gate)
        {
            closed = true;
        }

        Queries?.Close();
    }

    // Control path only: the lock makes Close() wait for a publish in flight (a command counted but published after the
    // pipeline stopped would make a clean stop look undrained).
    private bool TryPublish(CommandKind kind, byte[] body, long id)
    {
        lock (gate)
        {
            if (closed)
            {
                return false;
            }

            CommandPublisher.Publish(ring, kind, body, id, clock.NowNanoseconds, caller: CommandCaller.Current);
            Interlocked.Add(ref slotsPublished, 1 + CommandData.ChunkCount(body.Length));
            return true;
        }
    }
}
