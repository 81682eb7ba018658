using System.Security.Cryptography;
using System.Text;

namespace MultiAsset.Host.Control.Security;

/// <summary>Finds the configured key a request presents (compared by hash, in constant time per entry).</summary>
public sealed class ApiKeyAuthenticator
{
    private readonly IReadOnlyList<(byte[] Hash, ControlCaller Caller)> keys;

    /// <summary>Creates an authenticator over the configured keys.</summary>
    public ApiKeyAuthenticator(IEnumerable<ApiKeyEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        // The caller id is the key's position in the configured list (1-based): what the journal records per command.
        keys = [.. entries.Select((e, i) => (Convert.FromHexString(e.Sha256),
            new ControlCaller(e.Name, e.Role, e.Accounts is null ? null : new HashSet<string>(e.Accounts, StringComparer.Ordinal)) { Id = checked((ushort)(i + 1)) }))];
    }

    /// <summary>The caller holding <paramref name="key"/>, or null when the key is missing or unknown.</summary>
    public ControlCaller? Authenticate(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        ControlCaller? found = null;
        foreach (var (stored, caller) in keys)
        {
            if (CryptographicOperations.FixedTimeEquals(stored, hash))
            {
                found = caller;
            }
        }

        return found;
    }
}
