using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Risk;

/// <summary>
/// Duplicate-order memory per account: the last <see cref="RiskConfig.DuplicateMemory"/> accepted orders (instrument,
/// side, quantity, time). An order is a duplicate when one of them matches it and was accepted less than the account's
/// duplicate window ago. Preallocated; never allocates after construction.
/// </summary>
/// <remarks>
/// The memory is a ring, so an account that sends more than <see cref="RiskConfig.DuplicateMemory"/> orders inside one
/// window can forget the oldest: size the memory at least to the throttle's order count when both are set.
/// </remarks>
internal sealed class DuplicateOrderFilter
{
    private readonly int memory;
    private readonly long[] windows;
    private readonly int[] heads;
    private readonly int[] instruments;
    private readonly byte[] sides;
    private readonly long[] quantities;
    private readonly long[] times;

    /// <summary>Sizes the memory from the configuration.</summary>
    public DuplicateOrderFilter(RiskConfig config)
    {
        int accounts = config.AccountCount;
        memory = config.DuplicateMemory;
        windows = new long[accounts];
        for (int a = 0; a < accounts; a++)
        {
            windows[a] = config.AccountTable[a].DuplicateWindowNanos;
        }

        heads = new int[accounts];
        instruments = new int[accounts * memory];
        instruments.AsSpan().Fill(InstrumentId.None.Value);
        sides = new byte[accounts * memory];
        quantities = new long[accounts * memory];
        times = new long[accounts * memory];
    }

    /// <summary>Whether the order equals one the account had accepted within its window before <paramref name="now"/>.</summary>
    public bool IsDuplicate(int account, int instrument, OrderSide side, long quantityRaw, long now)
    {
        long window = windows[account];
        if (window == 0)
        {
            return false;
        }

        int start = account * memory;
        for (int k = start; k < start + memory; k++)
        {
            if (instruments[k] == instrument && quantities[k] == quantityRaw && sides[k] == (byte)side && now - times[k] < window)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Remembers an accepted order (overwriting the oldest remembered one).</summary>
    public void Record(int account, int instrument, OrderSide side, long quantityRaw, long now)
    {
        if (windows[account] == 0)
        {
            return;
        }

        int head = heads[account];
        int k = (account * memory) + head;
        instruments[k] = instrument;
        sides[k] = (byte)side;
        quantities[k] = quantityRaw;
        times[k] = now;
        heads[account] = head + 1 == memory ? 0 : head + 1;
    }

    /// <summary>Adds the remembered orders and ring heads.</summary>
    public void AppendDigest(StateDigestBuilder builder)
    {
        builder.Add(memory);
        for (int k = 0; k < instruments.Length; k++)
        {
            builder.Add(instruments[k]).Add((int)sides[k]).Add(quantities[k]).Add(times[k]);
        }

        foreach (int head in heads)
        {
            builder.Add(head);
        }
    }
}
