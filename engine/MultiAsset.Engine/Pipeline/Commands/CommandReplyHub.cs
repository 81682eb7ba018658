using System.Collections.Concurrent;

namespace MultiAsset.Engine.Pipeline.Commands;

/// <summary>
/// Where senders wait for the owning stage's reply to a command. The sender registers a correlation id before
/// publishing; the stage completes it on its thread. Replies to ids nobody waits for (journal replay, startup
/// commands) are dropped. Completion runs continuations asynchronously so a stage never runs control-plane code.
/// </summary>
public sealed class CommandReplyHub
{
    private readonly ConcurrentDictionary<long, TaskCompletionSource<CommandReply>> pending = new();
    private long nextId = Environment.TickCount64 << 20;

    /// <summary>Replies waiting.</summary>
    public int Pending => pending.Count;

    /// <summary>Registers a new correlation id and returns it with the task that completes with the reply.</summary>
    public (long CorrelationId, Task<CommandReply> Reply) Register()
    {
        // Ids start from the clock so they do not repeat those of an earlier process that sit in a replayed journal.
        var id = Interlocked.Increment(ref nextId);
        var source = new TaskCompletionSource<CommandReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = source;
        return (id, source.Task);
    }

    /// <summary>Completes the wait for <paramref name="correlationId"/> (no-op when nobody waits).</summary>
    public void Complete(long correlationId, CommandReply reply)
    {
        if (correlationId != 0 && pending.TryRemove(correlationId, out var source))
        {
            source.TrySetResult(reply);
        }
    }

    /// <summary>Stops waiting for <paramref name="correlationId"/> (the sender gave up).</summary>
    public void Abandon(long correlationId) => pending.TryRemove(correlationId, out _);
}
