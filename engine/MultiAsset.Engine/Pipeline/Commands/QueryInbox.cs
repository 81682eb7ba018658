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
/// <remarks>
/// <para><b>What reads cost the engine is bounded.</b> Answering copies state on the engine thread (0.2–2 ms for the
/// larger answers), so a thousand reads a second would take most of it. Identical queries (same kind and body) are
/// therefore answered once: a query asked while the same one waits shares its answer, and an answer is reused for
/// <see cref="MaxAge"/> (default 100 ms) — it is still the state at one point between two input events, at most that
/// old. A command changes what reads must show, so every command's reply (<see cref="Invalidate"/>) ends the reuse of
/// answers taken before it: a client that created a strategy and then lists the strategies sees it.</para>
/// </remarks>
public sealed class QueryInbox
{
    /// <summary>How long an answer is reused by default.</summary>
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromMilliseconds(100);

    private const int MaxCachedAnswers = 1024;
    private readonly Dictionary<(CommandKind Kind, string Body), PendingQuery> answers = [];
    private long epoch;
    private readonly ConcurrentQueue<PendingQuery> waiting = new();
    private readonly ValueRingBuffer<InputEvent> ring;
    private readonly IClock clock;
    private readonly Lock gate = new();
    private int pending;
    private volatile bool closed;

    /// <summary>
    /// Creates an inbox that wakes the engine through <paramref name="ring"/>; answers are reused for
    /// <paramref name="maxAge"/> (null: <see cref="DefaultMaxAge"/>; zero: never).
    /// </summary>
    public QueryInbox(ValueRingBuffer<InputEvent> ring, IClock clock, TimeSpan? maxAge = null)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(clock);
        this.ring = ring;
        this.clock = clock;
        MaxAge = maxAge ?? DefaultMaxAge;
    }

    /// <summary>How long an answer is reused for the same query (zero: every query goes to the engine).</summary>
    public TimeSpan MaxAge { get; }

    /// <summary>Queries answered from a shared or recent answer without going to the engine.</summary>
    public long Reused => Interlocked.Read(ref reused);

    private long reused;

    /// <summary>A command was answered: answers taken before it are not reused.</summary>
    public void Invalidate() => Interlocked.Increment(ref epoch);

    /// <summary>True when queries wait (the engine thread's check after each input event).</summary>
    public bool HasPending => Volatile.Read(ref pending) != 0;

    /// <summary>Queries answered so far.</summary>
    public long Answered => Interlocked.Read(ref answered);

    private long answered;

    /// <summary>Time the engine thread spent answering queries (what reads cost the engine).</summary>
    public TimeSpan EngineTime => TimeSpan.FromTicks((long)(Interlocked.Read(ref serveTicks) * ((double)TimeSpan.TicksPerSecond / System.Diagnostics.Stopwatch.Frequency)));

    private long serveTicks;

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

        PendingQuery query;
        lock (gate)
        {
            // Under the gate so Close() cannot slip between the check and the wake-up: once Close() returns, nothing
            // is queued and no wake-up slot is published (the host counts every slot it published).
            if (closed)
            {
                return CommandReply.Fail(CommandStatus.Unavailable, "The engine is stopping and answers no more queries.");
            }

            if (Reusable(kind, body) is { } shared)
            {
                query = shared;
                Interlocked.Increment(ref reused);
            }
            else
            {
                query = new PendingQuery(kind, body, Interlocked.Read(ref epoch));
                Remember(query);
                waiting.Enqueue(query);
                Interlocked.Increment(ref pending);
                Wake();
            }
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
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
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

            query.AnsweredAt = System.Diagnostics.Stopwatch.GetTimestamp();
            query.Reply.TrySetResult(reply);
            Interlocked.Increment(ref answered);
        }

        Interlocked.Add(ref serveTicks, System.Diagnostics.Stopwatch.GetTimestamp() - started);
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

    // Under the gate: the same query still waiting, or answered within MaxAge and after the last command.
    private PendingQuery? Reusable(CommandKind kind, string body)
    {
        if (MaxAge <= TimeSpan.Zero || !answers.TryGetValue((kind, body), out var known) || known.Epoch != Interlocked.Read(ref epoch))
        {
            return null;
        }

        var answeredAt = Volatile.Read(ref known.AnsweredAt);
        return answeredAt == 0 || System.Diagnostics.Stopwatch.GetElapsedTime(answeredAt) <= MaxAge ? known : null;
    }

    private void Remember(PendingQuery query)
    {
        if (MaxAge <= TimeSpan.Zero)
        {
            return;
        }

        if (answers.Count >= MaxCachedAnswers)
        {
            answers.Clear();
        }

        answers[(query.Kind, query.Body)] = query;
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

    private sealed class PendingQuery(CommandKind kind, string body, long epoch)
    {
        // Stopwatch timestamp of the answer (0 while waiting); written on the engine thread, read under the gate.
        public long AnsweredAt;

        public CommandKind Kind { get; } = kind;

        public string Body { get; } = body;

        public long Epoch { get; } = epoch;

        public TaskCompletionSource<CommandReply> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
