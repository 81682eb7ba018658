using System.Globalization;
using System.Net;
using System.Text.Json;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Host.Control.Security;

namespace MultiAsset.Host.Control;

/// <summary>Reads and validates the <c>control</c> section, recording every problem with its path.</summary>
internal static class ControlConfigReader
{
    private const string Path = "control";

    public static ControlConfig? Read(JsonElement section, JsonSectionReader reader)
    {
        if (!reader.ExpectObject(section, Path))
        {
            return null;
        }

        reader.RejectUnknown(section, Path, "enabled", "listen", "grpcListen", "commandTimeoutMs", "apiKeys");
        var enabled = true;
        if (section.TryGetProperty("enabled", out var flag))
        {
            if (flag.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                enabled = flag.GetBoolean();
            }
            else
            {
                reader.Error($"{Path}.enabled", "expected true or false");
            }
        }

        var listen = Endpoint(section, reader, "listen", ControlConfig.DefaultListen);
        var grpcListen = Endpoint(section, reader, "grpcListen", ControlConfig.DefaultGrpcListen);
        if (listen.Port != 0 && listen.Equals(grpcListen))
        {
            reader.Error($"{Path}.grpcListen", "must differ from control.listen (gRPC needs its own HTTP/2 endpoint)");
        }

        var timeoutMs = reader.Integer(section, Path, "commandTimeoutMs", 5000, 100, 600_000);
        var keys = new List<ApiKeyEntry>();
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (item, itemPath) in reader.Array(section, Path, "apiKeys", required: false))
        {
            if (ReadKey(item, itemPath, reader) is { } key)
            {
                if (!hashes.Add(key.Sha256))
                {
                    reader.Error($"{itemPath}.sha256", "the same key is listed twice");
                }

                keys.Add(key);
            }
        }

        return new ControlConfig(enabled, listen, grpcListen, TimeSpan.FromMilliseconds(timeoutMs), keys);
    }

    private static ApiKeyEntry? ReadKey(JsonElement item, string path, JsonSectionReader reader)
    {
        if (!reader.ExpectObject(item, path))
        {
            return null;
        }

        reader.RejectUnknown(item, path, "name", "sha256", "role", "accounts");
        var name = reader.String(item, path, "name", required: true) ?? "?";
        var hash = reader.String(item, path, "sha256", required: true);
        if (hash is not null && !ApiKeyHasher.IsHash(hash))
        {
            reader.Error($"{path}.sha256", "expected the SHA-256 of the key as 64 hex digits (maectl keys hash KEY)");
            hash = null;
        }

        var role = reader.Enum(item, path, "role", ControlRole.Viewer, required: true);
        List<string>? accounts = null;
        if (item.TryGetProperty("accounts", out _))
        {
            accounts = [];
            foreach (var (account, accountPath) in reader.Array(item, path, "accounts", required: false))
            {
                if (account.ValueKind == JsonValueKind.String && account.GetString() is { Length: > 0 } text)
                {
                    accounts.Add(text);
                }
                else
                {
                    reader.Error(accountPath, "expected an account id");
                }
            }
        }

        return hash is null ? null : new ApiKeyEntry(name, hash.ToLowerInvariant(), role, accounts);
    }

    private static IPEndPoint Endpoint(JsonElement section, JsonSectionReader reader, string name, IPEndPoint fallback)
    {
        var text = reader.String(section, Path, name, required: false);
        if (text is null)
        {
            return fallback;
        }

        var colon = text.LastIndexOf(':');
        if (colon > 0 && IPAddress.TryParse(text.AsSpan(0, colon).Trim("[]"), out var address)
            && int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535)
        {
            return new IPEndPoint(address, port);
        }

        reader.Error($"{Path}.{name}", $"expected ADDRESS:PORT such as 127.0.0.1:5080 but found '{text}'");
        return fallback;
    }
}
