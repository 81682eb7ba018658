using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Coordination;

/// <summary>
/// Decides whether a strategy's change on an instrument may become an order now: the back-off after a risk refusal,
/// and the one-clip-at-a-time rule for targets larger than one order may carry. Per intent; allocates nothing.
/// </summary>
/// <remarks>
/// <para><b>Back-off.</b> When the gate refuses an order (the router's parent-level cancel with
/// <see cref="VenueRejectReason.RiskRefused"/>), every strategy that contributed to it is blocked on the instrument for
/// an interval of engine time: <see cref="Config.CoordinationConfig.BackoffInitial"/> (1 simulated minute) doubling with
/// each further refusal up to <see cref="Config.CoordinationConfig.BackoffMax"/> (1 h); a MarketClosed / HeldUntilOpen
/// refusal blocks at least until the instrument's next session opens. The reason is logged once, in the
/// <see cref="RefusalLog"/>. While blocked, intents are counted as suppressed and send nothing. The block lifts when
/// (a) the interval passes (the stage then resends the rest of the target on the next heartbeat or report),
/// (b) a fill changes the strategy's position on the instrument (the level also starts again),
/// (c) the strategy asks for something else — a different target (a new weight, sign, or class weight) — but not sooner
/// than <see cref="Config.CoordinationConfig.BackoffMinRetry"/> (10 s) after the refusal, or
/// (d) at once, for a change in the other direction from the refused order (it can only reduce).
/// So a strategy re-sends into a limit at most once per <c>BackoffMinRetry</c> of engine time, whatever its intents do
/// (6 times per simulated minute with the defaults), plus once per fill it gets.</para>
/// <para><b>Working over time.</b> When the flush clipped a strategy's change to fit a limit, the order carrying the clip
/// is remembered; until it is filled or handed back, further changes in the same direction wait (the target is kept)
/// and the next clip is sent when it finishes.</para>
/// </remarks>
internal sealed class OrderGate(OrderContributors contributors, CoordinationCounters counters, long backoffInitial, long backoffMax, long minRetry)
{
    /// <summary>Earliest engine time at which some block expires (<see cref="long.MaxValue"/> when none may).</summary>
    public long NextExpiry { get; private set; } = long.MaxValue;

    /// <summary>Whether the change <paramref name="delta"/> towards <paramref name="target"/> may be ordered at <paramref name="now"/>.</summary>
    public bool MayOrder(StrategyBook book, int instrument, long target, long delta, long now)
    {
        var until = book.BlockedUntil[instrument];
        if (until != 0 && delta != 0)
        {
            var refusedSide = book.BlockedTarget[instrument] - book.Ordered[instrument] >= 0 ? 1 : -1;
            if (now >= until
                || Math.Sign(delta) != refusedSide
                || (target != book.BlockedTarget[instrument] && now - book.RefusedAt[instrument] >= minRetry))
            {
                book.BlockedUntil[instrument] = 0;
                counters.Unblocked++;
            }
            else
            {
                counters.SuppressedIntents++;
                return false;
            }
        }

        var working = book.WorkingOrder[instrument];
        if (working != 0)
        {
            if (!contributors.IsWorking(working))
            {
                book.WorkingOrder[instrument] = 0;
            }
            else if (delta != 0 && Math.Sign(delta) == book.WorkingSign[instrument])
            {
                counters.WaitingForClip++;
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Blocks <paramref name="book"/> on <paramref name="instrument"/> after a refusal at <paramref name="now"/>; returns
    /// the engine time the block lasts until. <paramref name="notBefore"/>: an earliest end (the next session's open).
    /// </summary>
    public long Block(StrategyBook book, int instrument, long now, long notBefore)
    {
        var level = Math.Min(book.BackoffLevel[instrument] + 1, 30);
        book.BackoffLevel[instrument] = level;
        var interval = backoffInitial;
        for (var k = 1; k < level && interval < backoffMax; k++)
        {
            interval *= 2;
        }

        interval = Math.Min(interval, backoffMax);
        var until = Math.Max(now + interval, notBefore);
        book.BlockedUntil[instrument] = until;
        book.BlockedTarget[instrument] = book.Target[instrument];
        book.RefusedAt[instrument] = now;
        NextExpiry = Math.Min(NextExpiry, until);
        return until;
    }

    /// <summary>A fill moved the strategy's position: the block lifts and the back-off starts again from its first interval.</summary>
    public void OnFill(StrategyBook book, int instrument)
    {
        if (book.BlockedUntil[instrument] != 0)
        {
            counters.Unblocked++;
        }

        book.BlockedUntil[instrument] = 0;
        book.BackoffLevel[instrument] = 0;
        book.NotedTarget[instrument] = long.MinValue;
    }

    /// <summary>Sets the next expiry after the stage swept the blocks (the earliest block still in force).</summary>
    public void Swept(long next) => NextExpiry = next;

    public void AppendDigest(StateDigestBuilder digest) => digest.Add(NextExpiry);
}
