using System.Collections.Concurrent;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.Pipeline.Commands;

/// <summary>
/// Where read-only queries wait for the engine thread. A query is not input: it must not be journalled, must not take
/// an input sequence, and must not wait behind a full input ring (at full speed the ring is always full, and a reader
/// blocked in a claim would hold a thread-pool thread for as long as the ring takes to drain). So the control plane
/// puts the query here, and the engine's query server answers everything waiting between two input events — it looks
/// after every input event (one field read), and an idle engine is woken by a <see cref="InputEventKind.Query"/> slot
/// published only when the ring has room (a ring with no room is busy, so its engine will look within one event).
/// </summary>
public sealed class QueryInbox
{
    private readonly ConcurrentQueue<PendingQuery> waiting = new();
    private readonly ValueRingBuffer<InputEvent> ring;
    private readonly IClock clock;
    private readonly Lock gate = new();
    private int pending;
    private volatile bool closed;

    /// <summary>Creates an inbox that wakes the engine through <paramref name="ring"/>.</summary>
    public QueryInbox(ValueRingBuffer<InputEvent> ring, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(clock);
        this.ring = ring;
        this.clock = clock;
    }

    /// <summary>True when queries wait (the engine thread's check after each input event).</summary>
    public bool HasPending => Volatile.Read(ref pending) != 0;

    /// <summary>Queries answered so far.</summary>
    public long Answered => Interlocked.Read(ref answered);

    private long answered;

    /// <summary>Wake-up slots published so far (the rest found the engine busy).</summary>
    public long WakeUps => Interlocked.Read(ref wakeUps);

    private long wakeUps;

    /// <summary>Queues a query and waits up to <paramref name="timeout"/> for the engine's answer.</summary>
    public async Task<CommandReply> AskAsync(CommandKind kind, string body, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (closed)
        {
            return CommandReply.Fail(CommandStatus.Unavailable, "The engine is stopping and answers no more queries.");
        }

        var query = new PendingQuery(kind, body);
        lock (gate)
        {
            // Under the gate so Close() cannot slip between the check and the wake-up: once Close() returns, nothing
            // is queued and no wake-up slot is published (the host counts every slot it published).
            if (closed)
            {
                return CommandReply.Fail(CommandStatus.Unavailable, "The engine is stopping and answers no more queries.");
            }

            waiting.Enqueue(query);
            Interlocked.Increment(ref pending);
            Wake();
        }

        try
        {
            return await query.Reply.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return CommandReply.Fail(CommandStatus.Timeout, $"The engine did not answer the {kind} query within {timeout.TotalSeconds:0.#} s.");
        }
    }

    /// <summary>
    /// Answers every query waiting now with <paramref name="answer"/>, on the engine thread, between two input events
    /// (queries that arrive meanwhile wait for the next call).
    /// </summary>
    public void Serve(Func<CommandKind, string, CommandReply> answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        for (var n = Volatile.Read(ref pending); n > 0 && waiting.TryDequeue(out var query); n--)
        {
            Interlocked.Decrement(ref pending);
            CommandReply reply;
            try
            {
                reply = answer(query.Kind, query.Body);
            }
#pragma warning disable CA1031 // A query that fails must answer its caller, never stop the engine thread.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                reply = CommandReply.Fail(CommandStatus.Conflict, $"The {query.Kind} query failed: {ex.Message}");
            }

            query.Reply.TrySetResult(reply);
            Interlocked.Increment(ref answered);
        }
    }

    /// <summary>Answers no more queries: those waiting and those asked later get <see cref="CommandStatus.Unavailable"/>.</summary>
    public void Close()
    {
        lock (gate)
        {
            closed = true;
        }

        while (waiting.TryDequeue(out var query))
        {
            Interlocked.Decrement(ref pending);
            query.Reply.TrySetResult(CommandReply.Fail(CommandStatus.Unavailable, "The engine stopped before answering."));
        }
    }

    // Publish a wake-up only if the ring has room now: never wait for a slot (see the class remarks).
    private void Wake()
    {
        if (!ring.TryNext(out var sequence))
        {
            return;
        }

        ring[sequence].SetQueryWake(clock.NowNanoseconds);
        ring.Publish(sequence);
        Interlocked.Increment(ref wakeUps);
    }

    private sealed class PendingQuery(CommandKind kind, string body)
    {
        public CommandKind Kind { get; } = kind;

        public string Body { get; } = body;

        public TaskCompletionSource<CommandReply> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
