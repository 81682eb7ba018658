using System.CommandLine;
using System.Security.Cryptography;
using System.Text;

namespace MultiAsset.Cli.Keys;

/// <summary><c>maectl keys hash KEY</c>: the SHA-256 to put in <c>control.apiKeys[].sha256</c> of config/engine.json.</summary>
internal static class KeysCommands
{
    public static Command Create(TextWriter output)
    {
        var key = new Argument<string>("key") { Description = "The API key's plain text" };
        var hash = new Command("hash", "Print the SHA-256 (hex) to store in control.apiKeys[].sha256") { key };
        hash.SetAction(parse =>
        {
            output.WriteLine(Hash(parse.GetValue(key)!));
            return 0;
        });
        var keys = new Command("keys", "API key tools");
        keys.Subcommands.Add(hash);
        return keys;
    }

    /// <summary>Lower-case hex SHA-256 of the key's UTF-8 text (the host compares the same).</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
