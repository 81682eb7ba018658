using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Risk;

/// <summary>The global kill switch and one per account. An account is halted when either is on.</summary>
internal sealed class KillSwitches
{
    private readonly bool[] accounts;

    /// <summary>Creates the switches, all off.</summary>
    public KillSwitches(int accountCount) => accounts = new bool[accountCount];

    /// <summary>Whether the global switch is on.</summary>
    public bool Global { get; private set; }

    /// <summary>Whether <paramref name="account"/> may not trade.</summary>
    public bool IsHalted(int account) => Global || accounts[account];

    /// <summary>Turns the global switch (null) or one account's switch on or off.</summary>
    public void Set(AccountId? account, bool on)
    {
        if (account is not { } id)
        {
            Global = on;
            return;
        }

        ArgumentOutOfRangeException.ThrowIfNegative(id.Value, nameof(account));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(id.Value, accounts.Length, nameof(account));
        accounts[id.Value] = on;
    }

    /// <summary>Writes the ids of the halted accounts into <paramref name="destination"/>; returns how many there are.</summary>
    public int Halted(Span<AccountId> destination)
    {
        int count = 0;
        for (int a = 0; a < accounts.Length; a++)
        {
            if (Global || accounts[a])
            {
                if (count < destination.Length)
                {
                    destination[count] = new AccountId(a);
                }

                count++;
            }
        }

        return count;
    }

    /// <summary>Adds the switches.</summary>
    public void AppendDigest(StateDigestBuilder builder)
    {
        builder.Add(Global).Add(accounts.Length);
        foreach (bool on in accounts)
        {
            builder.Add(on);
        }
    }
}
