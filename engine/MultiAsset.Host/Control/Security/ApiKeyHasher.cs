using System.Security.Cryptography;
using System.Text;

namespace MultiAsset.Host.Control.Security;

/// <summary>How keys are stored in the configuration: the lower-case hex SHA-256 of the key's UTF-8 text.</summary>
public static class ApiKeyHasher
{
    /// <summary>The hash of <paramref name="key"/> as configured in <c>control.apiKeys[].sha256</c>.</summary>
    public static string Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    /// <summary>True when <paramref name="text"/> has the form of a stored hash (64 hex digits).</summary>
    public static bool IsHash(string text) => text is { Length: 64 } && text.All(char.IsAsciiHexDigit);
}
