using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Risk;

/// <summary>
/// Sliding-window order-rate limit per account: at most N accepted orders in any window of length W. Keeps, per
/// account, a ring of the send times of its last N accepted orders; a new order fits when the oldest of them is at
/// least W old. Preallocated; never allocates after construction.
/// </summary>
internal sealed class OrderThrottle
{
    private readonly int[] offsets;
    private readonly int[] sizes;
    private readonly int[] heads;
    private readonly long[] windows;
    private readonly long[] times;

    /// <summary>Sizes the rings from each account's <see cref="AccountRiskLimits.MaxOrdersPerWindow"/>.</summary>
    public OrderThrottle(RiskConfig config)
    {
        int accounts = config.AccountCount;
        offsets = new int[accounts];
        sizes = new int[accounts];
        heads = new int[accounts];
        windows = new long[accounts];
        int total = 0;
        for (int a = 0; a < accounts; a++)
        {
            var limits = config.AccountTable[a];
            offsets[a] = total;
            sizes[a] = limits.MaxOrdersPerWindow;
            windows[a] = limits.OrderRateWindowNanos;
            total += limits.MaxOrdersPerWindow;
        }

        times = new long[total];
        // "Never sent" must be older than any window, whatever the clock's epoch.
        times.AsSpan().Fill(long.MinValue);
    }

    /// <summary>Whether one more order from <paramref name="account"/> at <paramref name="now"/> stays within its rate.</summary>
    public bool Allows(int account, long now)
    {
        int size = sizes[account];
        if (size == 0)
        {
            return true;
        }

        // The slot at the head holds the oldest of the last N send times; the order fits once that one has left
        // the window (now − W, now]. "Never sent" is tested apart because now − long.MinValue would overflow.
        long oldest = times[offsets[account] + heads[account]];
        return oldest == long.MinValue || now - oldest >= windows[account];
    }

    /// <summary>Records an accepted order of <paramref name="account"/> sent at <paramref name="now"/>.</summary>
    public void Record(int account, long now)
    {
        int size = sizes[account];
        if (size == 0)
        {
            return;
        }

        int head = heads[account];
        times[offsets[account] + head] = now;
        heads[account] = head + 1 == size ? 0 : head + 1;
    }

    /// <summary>Adds the rings and their heads.</summary>
    public void AppendDigest(StateDigestBuilder builder)
    {
        builder.Add(times);
        foreach (int head in heads)
        {
            builder.Add(head);
        }
    }
}
