using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Routing.Algorithms;

/// <summary>
/// Liquidity seeking: sweep the displayed levels of every venue, best effective price first, up to a limit price.
/// Pure (the depth is an input) and allocation-free (the plan is written into a caller-provided span).
/// </summary>
/// <remarks>
/// <para>Levels are ranked by effective price, price + fee for a buy and price − fee for a sell; a level is eligible
/// when its displayed price is within the limit (≤ limit for a buy, ≥ limit for a sell: the venue enforces the limit on
/// its own price, not on ours after fees). Levels at the same effective price are taken in input order, so the caller
/// decides the tie-break (e.g. venues ordered by fill probability).</para>
/// <para>The depth is not sorted: each round takes the levels at the best remaining effective price and finds the next
/// price in the same scan, so the work is O(L · distinct prices taken), small for the tens of levels a sweep sees, and
/// no scratch memory is needed.</para>
/// </remarks>
public static class LiquiditySweepPlanner
{
    /// <summary>The "no limit" price for <paramref name="side"/>: the most extreme price, which every level satisfies.</summary>
    public static Price NoLimit(OrderSide side) => side == OrderSide.Sell ? Price.FromRaw(long.MinValue) : Price.FromRaw(long.MaxValue);

    /// <summary>
    /// Plans the sweep of <paramref name="lots"/> across <paramref name="levels"/>. Writes one allocation per level taken
    /// (in sweep order) and returns how many lots the plan fills (less than <paramref name="lots"/> when the eligible depth
    /// is thinner).
    /// </summary>
    /// <param name="side">Buy (sweeps asks upwards) or Sell (sweeps bids downwards).</param>
    /// <param name="lots">Quantity to fill, in lots (≥ 0).</param>
    /// <param name="limit">Worst acceptable displayed price; <see cref="NoLimit"/> for none.</param>
    /// <param name="levels">Displayed levels of all venues, any order.</param>
    /// <param name="allocations">Destination; at most one entry per level is written, so <c>levels.Length</c> entries always suffice.</param>
    /// <param name="count">How many allocations were written.</param>
    /// <exception cref="ArgumentOutOfRangeException">Negative lots or a side other than Buy/Sell.</exception>
    /// <exception cref="ArgumentException"><paramref name="allocations"/> filled up before the plan did.</exception>
    public static long Plan(OrderSide side, long lots, Price limit, ReadOnlySpan<DepthLevel> levels, Span<SweepAllocation> allocations, out int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lots);
        bool buy = side switch
        {
            OrderSide.Buy => true,
            OrderSide.Sell => false,
            _ => throw new ArgumentOutOfRangeException(nameof(side), side, "side must be Buy or Sell."),
        };

        count = 0;
        long remaining = lots;
        // Each round takes every level at the current best key and, in the same scan, finds the next key strictly
        // worse than it: one pass over the depth per distinct effective price.
        bool found = BestKey(levels, buy, limit, out Int128 best);
        while (found && remaining > 0)
        {
            bool foundNext = false;
            Int128 next = 0;
            for (int i = 0; i < levels.Length; i++)
            {
                ref readonly DepthLevel level = ref levels[i];
                if (!Eligible(level, buy, limit))
                {
                    continue;
                }

                Int128 key = Key(level, buy);
                if (key == best)
                {
                    if (remaining == 0)
                    {
                        continue;
                    }

                    if (count == allocations.Length)
                    {
                        throw new ArgumentException($"allocations has room for {allocations.Length} entries; pass at least levels.Length ({levels.Length}).", nameof(allocations));
                    }

                    long take = Math.Min(level.Lots, remaining);
                    allocations[count++] = new SweepAllocation(level.Venue, level.Price, take);
                    remaining -= take;
                }
                else if (key > best && (!foundNext || key < next))
                {
                    next = key;
                    foundNext = true;
                }
            }

            best = next;
            found = foundNext;
        }

        return lots - remaining;
    }

    // The smallest key of any eligible level: where the sweep starts.
    private static bool BestKey(ReadOnlySpan<DepthLevel> levels, bool buy, Price limit, out Int128 best)
    {
        bool found = false;
        best = 0;
        for (int i = 0; i < levels.Length; i++)
        {
            ref readonly DepthLevel level = ref levels[i];
            if (!Eligible(level, buy, limit))
            {
                continue;
            }

            Int128 key = Key(level, buy);
            if (!found || key < best)
            {
                best = key;
                found = true;
            }
        }

        return found;
    }

    private static bool Eligible(in DepthLevel level, bool buy, Price limit) =>
        level.Lots > 0 && (buy ? level.Price <= limit : level.Price >= limit);

    // Lower is better for both sides: the effective buy price, or the negated effective sell price. Int128 so that
    // price ± fee can never overflow, whatever the inputs.
    private static Int128 Key(in DepthLevel level, bool buy) =>
        buy ? (Int128)level.Price.Raw + level.FeePerUnit.Raw : -((Int128)level.Price.Raw - level.FeePerUnit.Raw);
}
