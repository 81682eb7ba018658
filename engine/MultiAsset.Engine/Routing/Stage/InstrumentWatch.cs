using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Routing.Stage;

/// <summary>
/// The instruments whose market the router watches on heartbeats — those with working limit parents (their venues'
/// books follow the feed, so resting children fill) or with parents waiting for a market (nothing would take their rest
/// when they last tried) — as a dense list, with each instrument's waiting parents in an intrusive list by slot. A
/// heartbeat visits the watched instruments (at most the catalogue, never the parents), refreshes the venues of those
/// whose market changed once each, and wakes their waiting parents. Preallocated; no allocation.
/// </summary>
internal sealed class InstrumentWatch
{
    private readonly int[] interest;      // by instrument: limit parents + waiting parents
    private readonly int[] watched;       // dense instruments with interest > 0
    private readonly int[] watchedAt;     // by instrument: index in watched + 1; 0 = not watched
    private readonly long[] seenUpdates;  // by instrument: the analytics' update count at the last look
    private readonly long[] seenBar;      // by instrument: end of the last input bar given to the venues
    private readonly int[] waitHead;      // by instrument: first waiting slot, -1
    private readonly int[] waitNext;      // by slot
    private readonly int[] waitPrevious;  // by slot
    private readonly int[] waitingOn;     // by slot: instrument + 1; 0 = not waiting
    private int watchedCount;

    /// <summary>Creates an empty watch for <paramref name="instruments"/> instruments and <paramref name="slots"/> parent slots.</summary>
    public InstrumentWatch(int instruments, int slots)
    {
        interest = new int[instruments];
        watched = new int[instruments];
        watchedAt = new int[instruments];
        seenUpdates = new long[instruments];
        seenBar = new long[instruments];
        waitHead = new int[instruments];
        Array.Fill(waitHead, -1);
        waitNext = new int[slots];
        waitPrevious = new int[slots];
        waitingOn = new int[slots];
    }

    /// <summary>Instruments watched now.</summary>
    public int Count => watchedCount;

    /// <summary>The watched instrument at <paramref name="k"/> (0 ≤ k &lt; <see cref="Count"/>).</summary>
    public int InstrumentAt(int k) => watched[k];

    /// <summary>Whether <paramref name="instrument"/> is watched.</summary>
    public bool IsWatched(int instrument) => watchedAt[instrument] != 0;

    /// <summary>Whether parent <paramref name="slot"/> waits for a market.</summary>
    public bool IsWaiting(int slot) => waitingOn[slot] != 0;

    /// <summary>First parent waiting on <paramref name="instrument"/>, or -1.</summary>
    public int FirstWaiting(int instrument) => waitHead[instrument];

    /// <summary>The parent after <paramref name="slot"/> in its instrument's waiting list, or -1.</summary>
    public int NextWaiting(int slot) => waitNext[slot];

    /// <summary>
    /// Whether the instrument's market changed since the last look (<paramref name="updates"/>: the analytics' count of
    /// accepted updates); remembers it.
    /// </summary>
    public bool Changed(int instrument, long updates)
    {
        if (seenUpdates[instrument] == updates)
        {
            return false;
        }

        seenUpdates[instrument] = updates;
        return true;
    }

    /// <summary>Whether the bar ending at <paramref name="barEnd"/> is new to the venues; remembers it.</summary>
    public bool NewBar(int instrument, long barEnd)
    {
        if (barEnd <= seenBar[instrument])
        {
            return false;
        }

        seenBar[instrument] = barEnd;
        return true;
    }

    /// <summary>Watches <paramref name="instrument"/> for one more parent; from its market as it is now (<paramref name="updates"/>).</summary>
    public void Add(int instrument, long updates)
    {
        if (interest[instrument]++ > 0)
        {
            return;
        }

        seenUpdates[instrument] = updates;
        watched[watchedCount++] = instrument;
        watchedAt[instrument] = watchedCount;
    }

    /// <summary>One parent less watches <paramref name="instrument"/>.</summary>
    public void Release(int instrument)
    {
        if (--interest[instrument] > 0)
        {
            return;
        }

        int k = watchedAt[instrument] - 1;
        int last = watched[--watchedCount];
        watched[k] = last;
        watchedAt[last] = k + 1;
        watchedAt[instrument] = 0;
        watched[watchedCount] = 0;
    }

    /// <summary>Parent <paramref name="slot"/> waits until <paramref name="instrument"/>'s market changes (nothing when it already waits).</summary>
    public void Wait(int slot, int instrument, long updates)
    {
        if (waitingOn[slot] != 0)
        {
            return;
        }

        Add(instrument, updates);
        waitingOn[slot] = instrument + 1;
        waitPrevious[slot] = -1;
        waitNext[slot] = waitHead[instrument];
        if (waitHead[instrument] >= 0)
        {
            waitPrevious[waitHead[instrument]] = slot;
        }

        waitHead[instrument] = slot;
    }

    /// <summary>Parent <paramref name="slot"/> stops waiting (nothing when it does not wait).</summary>
    public void Unwait(int slot)
    {
        int instrument = waitingOn[slot] - 1;
        if (instrument < 0)
        {
            return;
        }

        if (waitPrevious[slot] >= 0)
        {
            waitNext[waitPrevious[slot]] = waitNext[slot];
        }
        else
        {
            waitHead[instrument] = waitNext[slot];
        }

        if (waitNext[slot] >= 0)
        {
            waitPrevious[waitNext[slot]] = waitPrevious[slot];
        }

        waitingOn[slot] = 0;
        waitNext[slot] = 0;
        waitPrevious[slot] = 0;
        Release(instrument);
    }

    /// <summary>Adds the watch to a digest.</summary>
    public void AppendDigest(StateDigestBuilder builder)
    {
        builder.Add(watchedCount).Add(seenUpdates).Add(seenBar);
        for (int k = 0; k < watchedCount; k++)
        {
            int i = watched[k];
            builder.Add(i).Add(interest[i]);
            for (int s = waitHead[i]; s >= 0; s = waitNext[s])
            {
                builder.Add(s);
            }
        }
    }
}
