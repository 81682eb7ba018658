using MultiAsset.Engine.Coordination.Config;
using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Coordination;

/// <summary>
/// Detects and resolves conflicts inside one (account, instrument) group of a flush — the changes the account's
/// strategies asked for in the batch — by marking changes dropped or held, or scaling them, and records each conflict.
/// Allocates nothing.
/// </summary>
/// <remarks>
/// <para><b>OpposingIntents</b>: some strategies buy while others sell. Prioritize keeps the side of the best-ranked
/// change and drops the other side; Average keeps both (they are netted); Cancel drops both; Defer holds the later side (see
/// <see cref="Lateness"/>): a held change that meets opposition again is held again, until its retries run out.</para>
/// <para><b>ExposureOverlap</b> (only with a configured <c>maxNotional</c>): at least two strategies would hold the
/// instrument and the account's net position would grow beyond the limit (or beyond what it already was, if more).
/// Only the changes that grow it are touched: Prioritize drops them lowest rank first and trims the last one to fit;
/// Average scales them pro rata; Cancel drops them; Defer holds them latest first until the rest fits.</para>
/// <para>Rank: reason priority, then the strategy's rank under the rule (its place in the rule's <c>strategies</c>
/// list, or its execution priority), then arrival (earlier wins). A change held more than the rule's <c>retries</c>
/// times, or beyond the account's <c>maxIntentsDeferred</c>, is cancelled instead.</para>
/// </remarks>
internal sealed class ConflictResolver
{
    /// <summary>Bits of a flush sort key that hold the pending index.</summary>
    public const int IndexBits = 23;

    /// <summary>Mask of the pending index in a flush sort key.</summary>
    public const long IndexMask = (1L << IndexBits) - 1;

    private readonly PendingBatch pending;
    private readonly StrategyTable strategies;
    private readonly AccountPositions positions;
    private readonly ConflictRuleTable rules;
    private readonly ExecutionPriorities priorities;
    private readonly ConflictLog log;
    private readonly CoordinationCounters counters;
    private readonly IntentSizer sizer;
    private readonly int maxDeferred;
    private readonly int[] deferred;

    public ConflictResolver(
        PendingBatch pending,
        StrategyTable strategies,
        AccountPositions positions,
        ConflictRuleTable rules,
        ExecutionPriorities priorities,
        ConflictLog log,
        CoordinationCounters counters,
        IntentSizer sizer,
        int maxDeferred)
    {
        this.pending = pending;
        this.strategies = strategies;
        this.positions = positions;
        this.rules = rules;
        this.priorities = priorities;
        this.log = log;
        this.counters = counters;
        this.sizer = sizer;
        this.maxDeferred = maxDeferred;
        deferred = new int[strategies.AccountCount];
    }

    /// <summary>Starts a flush: every held change is re-examined, so the per-account hold counts start from zero.</summary>
    public void BeginFlush() => Array.Clear(deferred);

    /// <summary>Resolves the group whose sort keys are <paramref name="group"/> (all of one account and instrument).</summary>
    public void Resolve(ReadOnlySpan<long> group)
    {
        ref var first = ref pending[(int)(group[0] & IndexMask)];
        var account = first.Account;
        var instrument = first.Instrument;
        var assetClass = (int)sizer.ClassOf[instrument];
        if (group.Length > 1)
        {
            Opposing(group, account, instrument, assetClass);
        }

        if (positions.Holders(account, instrument) > 0)
        {
            Standing(group, account, instrument, assetClass);
        }

        Exposure(group, account, instrument, assetClass);
    }

    /// <summary>
    /// Conflicts across time: a change that moves its strategy toward a position on one side while another strategy of
    /// the account holds an ordered position (filled + working) on the other side — whenever that position was ordered.
    /// The OpposingIntents rule decides: Prioritize lets the change go only if its strategy ranks at least as high as the
    /// standing one (the standing position is never touched); Average lets it go (the account nets); Cancel drops it;
    /// Defer holds it (its retries, then cancel). Logged once per (strategy, instrument, target): repeats are counted.
    /// </summary>
    private void Standing(ReadOnlySpan<long> group, int account, int instrument, int assetClass)
    {
        var ruleIndex = rules.For(ConflictCondition.OpposingIntents, account, assetClass);
        var rule = rules.Rules[ruleIndex];
        var books = strategies.OfAccount(account);
        foreach (var key in group)
        {
            var index = (int)(key & IndexMask);
            ref var e = ref pending[index];
            if (e.State != PendingState.Live || e.Delta == 0)
            {
                continue;
            }

            var book = strategies[e.Strategy]!;
            var ordered = book.Ordered[instrument];
            var target = ordered + e.Delta;
            if (target == 0 || Math.Sign(target) != Math.Sign(e.Delta) || positions.Holders(account, instrument) - (ordered != 0 ? 1 : 0) <= 0)
            {
                // Closing or reducing opposes nobody; and nobody else holds the instrument.
                continue;
            }

            StrategyBook? other = null;
            for (var b = 0; b < books.Count; b++)
            {
                var candidate = books[b];
                var held = candidate.Ordered[instrument];
                if (candidate == book || held == 0 || Math.Sign(held) == Math.Sign(target) || HasLiveChange(candidate, instrument))
                {
                    continue;
                }

                if (other is null || candidate.RuleRanks[ruleIndex] > other.RuleRanks[ruleIndex])
                {
                    other = candidate;
                }
            }

            if (other is null)
            {
                continue;
            }

            var requested = e.Delta;
            var resolution = rule.Resolution;
            var attempt = e.Attempts;
            switch (resolution)
            {
                case ConflictResolution.Prioritize:
                    if (other.RuleRanks[ruleIndex] > book.RuleRanks[ruleIndex])
                    {
                        e.State = PendingState.Dropped;
                    }

                    break;
                case ConflictResolution.Cancel:
                    e.State = PendingState.Dropped;
                    break;
                case ConflictResolution.Defer:
                    if (!Hold(ref e, rule.Retries))
                    {
                        resolution = ConflictResolution.Cancel;
                    }

                    break;
            }

            if (book.ConflictTarget[instrument] == target)
            {
                counters.StandingRepeats++;
                continue;
            }

            book.ConflictTarget[instrument] = target;
            counters.StandingConflicts++;
            var kept = e.State == PendingState.Live;
            var net = positions.Net(account, instrument);
            log.Add(new ConflictRecord
            {
                Timestamp = e.Timestamp,
                SourceSequence = e.SourceSequence,
                Account = new AccountId(account),
                Instrument = new InstrumentId(instrument),
                AssetClass = (AssetClass)assetClass,
                Condition = ConflictCondition.OpposingIntents,
                Resolution = resolution,
                Attempt = attempt,
                StrategyCount = 2,
                Strategy = book.Id,
                Other = other.Id,
                StrategyBefore = Quantity.FromRaw(requested),
                StrategyAfter = Quantity.FromRaw(kept ? e.Delta : 0),
                OtherBefore = Quantity.FromRaw(other.Ordered[instrument]),
                OtherAfter = Quantity.FromRaw(other.Ordered[instrument]),
                NetBefore = Quantity.FromRaw(net),
                NetAfter = Quantity.FromRaw(net + (kept ? e.Delta : 0)),
                WeightRequested = double.NaN,
                WeightApplied = double.NaN,
                Standing = true,
                Kept = kept,
            });
        }
    }

    private bool HasLiveChange(StrategyBook book, int instrument)
    {
        var slot = book.PendingSlot[instrument];
        return slot != 0 && pending[slot - 1].State == PendingState.Live && pending[slot - 1].Delta != 0;
    }

    private void Opposing(ReadOnlySpan<long> group, int account, int instrument, int assetClass)
    {
        var ruleIndex = rules.For(ConflictCondition.OpposingIntents, account, assetClass);
        int bestBuy = -1, bestSell = -1, count = 0;
        long rankBuy = long.MinValue, rankSell = long.MinValue, netBefore = 0, lateBuy = long.MinValue, lateSell = long.MinValue;
        foreach (var key in group)
        {
            var index = (int)(key & IndexMask);
            ref var e = ref pending[index];
            if (e.Delta == 0 || e.State != PendingState.Live)
            {
                continue;
            }

            count++;
            netBefore += e.Delta;
            var rank = Rank(ref e, index, ruleIndex);
            if (e.Delta > 0)
            {
                lateBuy = Math.Max(lateBuy, Lateness(ref e, index));
                if (rank > rankBuy)
                {
                    (rankBuy, bestBuy) = (rank, index);
                }
            }
            else
            {
                lateSell = Math.Max(lateSell, Lateness(ref e, index));
                if (rank > rankSell)
                {
                    (rankSell, bestSell) = (rank, index);
                }
            }
        }

        if (bestBuy < 0 || bestSell < 0)
        {
            return;
        }

        var rule = rules.Rules[ruleIndex];
        var resolution = rule.Resolution;
        int kept = bestBuy, other = bestSell, attempt = 0;
        long keptBefore = pending[kept].Delta, otherBefore = pending[other].Delta;
        switch (resolution)
        {
            case ConflictResolution.Prioritize:
                var buyWins = rankBuy > rankSell;
                (kept, other) = buyWins ? (bestBuy, bestSell) : (bestSell, bestBuy);
                (keptBefore, otherBefore) = (pending[kept].Delta, pending[other].Delta);
                DropSide(group, buy: !buyWins);
                break;
            case ConflictResolution.Cancel:
                DropSide(group, buy: true);
                DropSide(group, buy: false);
                break;
            case ConflictResolution.Defer:
                var buyLater = lateBuy > lateSell;
                (kept, other) = buyLater ? (bestSell, bestBuy) : (bestBuy, bestSell);
                (keptBefore, otherBefore) = (pending[kept].Delta, pending[other].Delta);
                attempt = MaxAttempts(group, buy: buyLater);
                if (!HoldSide(group, buy: buyLater, rule.Retries))
                {
                    resolution = ConflictResolution.Cancel;
                }

                break;
        }

        Record(group, ConflictCondition.OpposingIntents, resolution, account, instrument, assetClass, count, kept, keptBefore, other, otherBefore, netBefore, attempt);
    }

    private void Exposure(ReadOnlySpan<long> group, int account, int instrument, int assetClass)
    {
        var ruleIndex = rules.For(ConflictCondition.ExposureOverlap, account, assetClass);
        var rule = rules.Rules[ruleIndex];
        if (rule.MaxNotional <= 0)
        {
            return;
        }

        long price = 0, change = 0;
        var holders = positions.Holders(account, instrument);
        foreach (var key in group)
        {
            ref var e = ref pending[(int)(key & IndexMask)];
            if (e.State != PendingState.Live || e.Delta == 0)
            {
                continue;
            }

            // The latest reference price in the group (entries are in arrival order).
            price = e.Price > 0 ? e.Price : price;
            change += e.Delta;
            var ordered = strategies[e.Strategy]!.Ordered[instrument];
            holders += (ordered + e.Delta != 0 ? 1 : 0) - (ordered != 0 ? 1 : 0);
        }

        price = price > 0 ? price : sizer.LastPrice(account, instrument);
        var netBefore = positions.Net(account, instrument);
        var netAfter = netBefore + change;
        if (holders < 2 || price <= 0 || change == 0)
        {
            return;
        }

        // A position already beyond the limit (capital moved, the limit was lowered) may stay, but not grow; a position
        // on the other side is no allowance for this one.
        var sign = Math.Sign(netAfter);
        var limit = LotMath.RoundDown(rule.MaxNotional / Price.FromRaw(price).ToDouble(), sizer.Lot[instrument]);
        var allowed = Math.Max(limit, Math.Sign(netBefore) == sign ? Math.Abs(netBefore) : 0);
        var excess = Math.Abs(netAfter) - allowed;
        if (excess <= 0)
        {
            return;
        }

        // Only the changes in the direction of the overshoot are in question (there is at least one: the net grew that way).
        int top = -1, bottom = -1, count = 0;
        long topRank = long.MinValue, bottomRank = long.MaxValue, growing = 0;
        foreach (var key in group)
        {
            var index = (int)(key & IndexMask);
            ref var e = ref pending[index];
            if (e.State != PendingState.Live || Math.Sign(e.Delta) != sign)
            {
                continue;
            }

            count++;
            growing += Math.Abs(e.Delta);
            var rank = Rank(ref e, index, ruleIndex);
            if (rank > topRank)
            {
                (topRank, top) = (rank, index);
            }

            if (rank < bottomRank)
            {
                (bottomRank, bottom) = (rank, index);
            }
        }

        long topBefore = pending[top].Delta, bottomBefore = pending[bottom].Delta;
        var resolution = rule.Resolution;
        var attempt = 0;
        switch (resolution)
        {
            case ConflictResolution.Prioritize:
                ShedLowestRanked(group, sign, excess, ruleIndex);
                break;
            case ConflictResolution.Average:
                ScaleDown(group, sign, growing, growing - excess, sizer.Lot[instrument]);
                break;
            case ConflictResolution.Cancel:
                DropSide(group, buy: sign > 0);
                break;
            case ConflictResolution.Defer:
                attempt = MaxAttempts(group, buy: sign > 0);
                if (!HoldLatest(group, sign, excess, rule.Retries))
                {
                    resolution = ConflictResolution.Cancel;
                }

                break;
        }

        var other = count > 1 ? bottom : -1;
        Record(group, ConflictCondition.ExposureOverlap, resolution, account, instrument, assetClass, count, top, topBefore, other, bottomBefore, change, attempt);
    }

    /// <summary>Drops growing changes from the lowest rank up; the last one standing is trimmed to what fits.</summary>
    private void ShedLowestRanked(ReadOnlySpan<long> group, int sign, long excess, int ruleIndex)
    {
        while (excess > 0)
        {
            int lowest = -1, remaining = 0;
            var lowestRank = long.MaxValue;
            foreach (var key in group)
            {
                var index = (int)(key & IndexMask);
                ref var e = ref pending[index];
                if (e.State == PendingState.Live && Math.Sign(e.Delta) == sign)
                {
                    remaining++;
                    var rank = Rank(ref e, index, ruleIndex);
                    if (rank < lowestRank)
                    {
                        (lowestRank, lowest) = (rank, index);
                    }
                }
            }

            if (lowest < 0)
            {
                return;
            }

            ref var shed = ref pending[lowest];
            var size = Math.Abs(shed.Delta);
            if (remaining == 1 && size > excess)
            {
                // Both are whole lots (the limit is rounded to lots), so the trimmed change is too.
                shed.Delta = sign * (size - excess);
                return;
            }

            shed.State = PendingState.Dropped;
            excess -= size;
        }
    }

    /// <summary>Scales every growing change by <paramref name="target"/>/<paramref name="total"/>, each rounded down to whole lots.</summary>
    private void ScaleDown(ReadOnlySpan<long> group, int sign, long total, long target, long lot)
    {
        foreach (var key in group)
        {
            ref var e = ref pending[(int)(key & IndexMask)];
            if (e.State == PendingState.Live && Math.Sign(e.Delta) == sign)
            {
                var scaled = (long)((Int128)e.Delta * Math.Max(0, target) / total);
                e.Delta = scaled / lot * lot;
            }
        }
    }

    /// <summary>Holds growing changes, latest first (see <see cref="Lateness"/>), until the rest fits; false when none could be held.</summary>
    private bool HoldLatest(ReadOnlySpan<long> group, int sign, long excess, int retries)
    {
        var held = false;
        while (excess > 0)
        {
            var latest = -1;
            var latestValue = long.MinValue;
            foreach (var key in group)
            {
                var index = (int)(key & IndexMask);
                ref var e = ref pending[index];
                if (e.State == PendingState.Live && Math.Sign(e.Delta) == sign && Lateness(ref e, index) > latestValue)
                {
                    (latestValue, latest) = (Lateness(ref e, index), index);
                }
            }

            if (latest < 0)
            {
                break;
            }

            ref var chosen = ref pending[latest];
            excess -= Math.Abs(chosen.Delta);
            held |= Hold(ref chosen, retries);
        }

        return held;
    }

    /// <summary>
    /// Which change is "the later one" for Defer: one already held is later than any fresh one (it is the contested
    /// change, retried while the conflict lasts), then the more often held, then the later arrival.
    /// </summary>
    private static long Lateness(ref PendingDelta e, int index) => ((long)e.Attempts << 32) | (uint)index;

    private int MaxAttempts(ReadOnlySpan<long> group, bool buy)
    {
        var attempts = 0;
        foreach (var key in group)
        {
            ref var e = ref pending[(int)(key & IndexMask)];
            if (e.State == PendingState.Live && e.Delta != 0 && (e.Delta > 0) == buy)
            {
                attempts = Math.Max(attempts, e.Attempts);
            }
        }

        return attempts;
    }

    private bool HoldSide(ReadOnlySpan<long> group, bool buy, int retries)
    {
        var held = false;
        foreach (var key in group)
        {
            ref var e = ref pending[(int)(key & IndexMask)];
            if (e.State == PendingState.Live && e.Delta != 0 && (e.Delta > 0) == buy)
            {
                held |= Hold(ref e, retries);
            }
        }

        return held;
    }

    private bool Hold(ref PendingDelta e, int retries)
    {
        if (e.Attempts >= retries)
        {
            e.State = PendingState.Dropped;
            counters.DeferExpired++;
            return false;
        }

        if (deferred[e.Account] >= maxDeferred)
        {
            e.State = PendingState.Dropped;
            counters.DeferOverflow++;
            return false;
        }

        e.State = PendingState.Deferred;
        deferred[e.Account]++;
        counters.Deferred++;
        return true;
    }

    private void DropSide(ReadOnlySpan<long> group, bool buy)
    {
        foreach (var key in group)
        {
            ref var e = ref pending[(int)(key & IndexMask)];
            if (e.State == PendingState.Live && e.Delta != 0 && (e.Delta > 0) == buy)
            {
                e.State = PendingState.Dropped;
            }
        }
    }

    /// <summary>Reason priority, then the strategy's rank under the rule, then earlier arrival; higher wins.</summary>
    private long Rank(ref PendingDelta e, int index, int ruleIndex)
    {
        var reason = priorities.OfReason(e.Reason) - ExecutionPriorityRule.MinPriority;
        var strategy = strategies[e.Strategy]!.RuleRanks[ruleIndex] + (1 << 19);
        return ((long)reason << 44) | ((long)strategy << 24) | ((1L << 24) - 1 - index);
    }

    private void Record(
        ReadOnlySpan<long> group,
        ConflictCondition condition,
        ConflictResolution resolution,
        int account,
        int instrument,
        int assetClass,
        int count,
        int kept,
        long keptBefore,
        int other,
        long otherBefore,
        long netBefore,
        int attempt)
    {
        long netAfter = 0, time = long.MinValue;
        foreach (var key in group)
        {
            ref var e = ref pending[(int)(key & IndexMask)];
            netAfter += e.State == PendingState.Live ? e.Delta : 0;
            time = Math.Max(time, e.Timestamp);
        }

        ref var k = ref pending[kept];
        log.Add(new ConflictRecord
        {
            Timestamp = time,
            SourceSequence = k.SourceSequence,
            Account = new AccountId(account),
            Instrument = new InstrumentId(instrument),
            AssetClass = (AssetClass)assetClass,
            Condition = condition,
            Resolution = resolution,
            Attempt = attempt,
            StrategyCount = count,
            Strategy = new StrategyId(k.Strategy),
            Other = other < 0 ? StrategyId.None : new StrategyId(pending[other].Strategy),
            StrategyBefore = Quantity.FromRaw(keptBefore),
            StrategyAfter = Quantity.FromRaw(After(kept)),
            OtherBefore = Quantity.FromRaw(other < 0 ? 0 : otherBefore),
            OtherAfter = Quantity.FromRaw(other < 0 ? 0 : After(other)),
            NetBefore = Quantity.FromRaw(netBefore),
            NetAfter = Quantity.FromRaw(netAfter),
            WeightRequested = double.NaN,
            WeightApplied = double.NaN,
        });
    }

    private long After(int index)
    {
        ref var e = ref pending[index];
        return e.State == PendingState.Live ? e.Delta : 0;
    }
}
