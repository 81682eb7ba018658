using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Risk;

/// <summary>
/// Orders the gate held until the open (<see cref="RiskVerdict.HeldUntilOpen"/>: the market is closed and the account's
/// <c>closedMarket</c> policy is Hold). The risk stage keeps them, with the instrument's next open as their release time;
/// on the first heartbeat at or after it the gate checks each again, on event time, and the stage hands the order with
/// its new verdict to the router (<see cref="Released"/>), which works it if accepted and refuses it otherwise — or holds
/// it again when the market is still closed. A kill switch drops the account's held orders (the router cancels them).
/// </summary>
/// <remarks>
/// Preallocated (<see cref="Capacity"/> orders); no allocation per order or heartbeat. A hold beyond the capacity is
/// refused as <see cref="RiskVerdict.MarketClosed"/> and counted in <see cref="Overflow"/>. Released in the order they
/// were held. Part of the risk stage's digest and snapshot.
/// </remarks>
public sealed class HeldOrders
{
    /// <summary>Orders held at once.</summary>
    public const int Capacity = 1024;

    private readonly OrderEvent[] orders = new OrderEvent[Capacity];
    private readonly long[] releaseAt = new long[Capacity];
    private int count;
    private long nextDue = long.MaxValue;

    /// <summary>Orders released from a hold, with the gate's new verdict, waiting for the router (same heartbeat).</summary>
    public HandOffQueue<OrderEvent> Released { get; } = new(Capacity);

    /// <summary>Orders held now.</summary>
    public int Count => count;

    /// <summary>Holds refused because <see cref="Capacity"/> orders were held already.</summary>
    public long Overflow { get; private set; }

    /// <summary>The earliest release time, or <see cref="long.MaxValue"/> when nothing is held.</summary>
    public long NextDue => nextDue;

    /// <summary>Holds <paramref name="order"/> until <paramref name="releaseTime"/>; false when full.</summary>
    public bool TryHold(in OrderEvent order, long releaseTime)
    {
        if (count == Capacity)
        {
            Overflow++;
            return false;
        }

        orders[count] = order;
        releaseAt[count] = releaseTime;
        count++;
        nextDue = Math.Min(nextDue, releaseTime);
        return true;
    }

    /// <summary>
    /// Takes the first held order due at or before <paramref name="now"/> (held order first), or false when none is due.
    /// </summary>
    public bool TryTakeDue(long now, out OrderEvent order)
    {
        order = default;
        if (nextDue > now)
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            if (releaseAt[i] <= now)
            {
                order = orders[i];
                RemoveAt(i);
                return true;
            }
        }

        return false;
    }

    /// <summary>Drops the held orders of <paramref name="account"/> (<see cref="AccountId.None"/>: every account).</summary>
    public void Drop(AccountId account)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            if (!account.IsValid || orders[i].Account == account)
            {
                RemoveAt(i);
            }
        }
    }

    /// <summary>Adds the held orders to a digest.</summary>
    public void AppendDigest(StateDigestBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(count).Add(Overflow).Add(nextDue);
        for (var i = 0; i < count; i++)
        {
            builder.Add(orders[i].OrderId).Add(releaseAt[i]);
        }
    }

    private void RemoveAt(int i)
    {
        // Stable: later orders move up one, so release keeps the order of holding.
        Array.Copy(orders, i + 1, orders, i, count - i - 1);
        Array.Copy(releaseAt, i + 1, releaseAt, i, count - i - 1);
        count--;
        orders[count] = default;
        releaseAt[count] = 0;
        nextDue = long.MaxValue;
        for (var k = 0; k < count; k++)
        {
            nextDue = Math.Min(nextDue, releaseAt[k]);
        }
    }
}
