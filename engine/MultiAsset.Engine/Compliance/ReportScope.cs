namespace MultiAsset.Engine.Compliance;

/// <summary>
/// What a compliance report covers: a half-open window of engine time [<see cref="From"/>, <see cref="To"/>) in Unix
/// nanoseconds (null = open end), and the accounts (null = the firm: every account).
/// </summary>
/// <remarks>
/// The positions report is a point-in-time report: it takes every fill with a time before <see cref="To"/> (the "as of"
/// instant; null = the end of the trail) and ignores <see cref="From"/>.
/// </remarks>
public sealed record ReportScope
{
    /// <summary>First event time, inclusive; null = from the first record.</summary>
    public long? From { get; init; }

    /// <summary>End of the window, exclusive; for positions the "as of" instant. Null = to the last record.</summary>
    public long? To { get; init; }

    /// <summary>Account ids to report; null = every account (the firm).</summary>
    public IReadOnlySet<int>? Accounts { get; init; }

    /// <summary>The whole trail for every account.</summary>
    public static ReportScope Firm { get; } = new();

    /// <summary>Whether an event at <paramref name="time"/> is inside the window.</summary>
    public bool InWindow(long time) => (From is not { } f || time >= f) && (To is not { } t || time < t);

    /// <summary>Whether <paramref name="account"/> is reported (an event without account is reported only for the firm).</summary>
    public bool Covers(int account) => Accounts is null || Accounts.Contains(account);
}
