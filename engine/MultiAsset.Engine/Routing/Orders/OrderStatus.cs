namespace MultiAsset.Engine.Routing.Orders;

/// <summary>
/// Where a parent order is in its life, as the order ledger shows it (docs/orders.md). Open: <see cref="New"/>,
/// <see cref="Accepted"/>, <see cref="Working"/>, <see cref="PartiallyFilled"/>, <see cref="HeldUntilOpen"/>; done:
/// <see cref="Refused"/>, <see cref="Filled"/>, <see cref="Cancelled"/>, <see cref="Expired"/>. Reported by name: never renumber.
/// </summary>
public enum OrderStatus : byte
{
    /// <summary>Decided by coordination, not yet seen by the router (an order the ledger does not know yet).</summary>
    New = 0,

    /// <summary>The risk gate accepted it and the router took it on; no venue has acknowledged a child yet.</summary>
    Accepted = 1,

    /// <summary>The risk gate (or the router, with no free slot) refused it; <see cref="LedgerOrder.Verdict"/> says why.</summary>
    Refused = 2,

    /// <summary>A venue acknowledged a child: the order is at the market, nothing filled yet.</summary>
    Working = 3,

    /// <summary>Some of it filled and the rest is still worked.</summary>
    PartiallyFilled = 4,

    /// <summary>All of it filled.</summary>
    Filled = 5,

    /// <summary>Stopped before it filled (kill switch, or the unfilled rest of an immediate-or-cancel order); fills before count.</summary>
    Cancelled = 6,

    /// <summary>The market is closed and the account's policy is Hold: the gate checks it again at the instrument's next open.</summary>
    HeldUntilOpen = 7,

    /// <summary>A day order whose session closed before it filled; fills before count.</summary>
    Expired = 8,
}

/// <summary>Why an order ended other than by filling. Reported by name: never renumber.</summary>
public enum OrderEndReason : byte
{
    /// <summary>Not ended, or filled.</summary>
    None = 0,

    /// <summary>The risk gate refused it (the verdict says why).</summary>
    RiskRefused = 1,

    /// <summary>The router had no free slot for another working parent.</summary>
    RouterFull = 2,

    /// <summary>A kill switch stopped it.</summary>
    KillSwitch = 3,

    /// <summary>A day order reached the close of its session.</summary>
    DayExpired = 4,

    /// <summary>Immediate or cancel: what did not fill at once was cancelled.</summary>
    ImmediateOrCancel = 5,

    /// <summary>Venues refused the rest for a size or price they will never take (below the minimum notional, off the lot grid): handed back, not retried.</summary>
    Unplaceable = 6,

    /// <summary>A stage failed while handling it (an exception): refused with the verdict <c>StageFault</c>, its quantity handed back.</summary>
    StageFault = 7,
}

/// <summary>The names the API shows for statuses and reasons (camelCase), and which statuses are open.</summary>
public static class OrderStatusNames
{
    private static readonly string[] Statuses = ["new", "accepted", "refused", "working", "partiallyFilled", "filled", "cancelled", "heldUntilOpen", "expired"];
    private static readonly string[] EndReasons = ["none", "riskRefused", "routerFull", "killSwitch", "dayExpired", "immediateOrCancel", "unplaceable", "stageFault"];

    /// <summary>Every status name, in enum order.</summary>
    public static IReadOnlyList<string> All => Statuses;

    /// <summary>The API name of <paramref name="status"/>.</summary>
    public static string Name(OrderStatus status) => (int)status < Statuses.Length ? Statuses[(int)status] : status.ToString();

    /// <summary>The API name of <paramref name="reason"/>.</summary>
    public static string Name(OrderEndReason reason) => (int)reason < EndReasons.Length ? EndReasons[(int)reason] : reason.ToString();

    /// <summary>Parses an API status name (exact, case-insensitive).</summary>
    public static bool TryParse(string text, out OrderStatus status)
    {
        for (var i = 0; i < Statuses.Length; i++)
        {
            if (string.Equals(Statuses[i], text, StringComparison.OrdinalIgnoreCase))
            {
                status = (OrderStatus)i;
                return true;
            }
        }

        status = default;
        return false;
    }

    /// <summary>True while the order may still trade (new, accepted, working, partially filled, held until open).</summary>
    public static bool IsOpen(OrderStatus status)
        => status is OrderStatus.New or OrderStatus.Accepted or OrderStatus.Working or OrderStatus.PartiallyFilled or OrderStatus.HeldUntilOpen;
}
