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

    public static ControlConfig? Read(JsonElement section, JsonSectionReader reader, string baseDirectory)
    {
        if (!reader.ExpectObject(section, Path))
        {
            return null;
        }

        reader.RejectUnknown(section, Path, "enabled", "listen", "grpcListen", "commandTimeoutMs", "apiKeys", "rateLimit", "tls", "allowInsecureRemote", "webRoot");
        var enabled = Flag(section, reader, "enabled", true);

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

        var config = new ControlConfig(enabled, listen, grpcListen, TimeSpan.FromMilliseconds(timeoutMs), keys)
        {
            RateLimit = RateLimit(section, reader),
            Tls = Tls(section, reader, baseDirectory),
            AllowInsecureRemote = Flag(section, reader, "allowInsecureRemote", false),
            WebRoot = reader.String(section, Path, "webRoot", required: false) is { } webRoot ? System.IO.Path.GetFullPath(webRoot, baseDirectory) : null,
        };
        if (enabled && config.InsecureRemoteProblem() is { } insecure)
        {
            reader.Error($"{Path}.{(IPAddress.IsLoopback(listen.Address) ? "grpcListen" : "listen")}", insecure);
        }

        return config;
    }

    private static bool Flag(JsonElement section, JsonSectionReader reader, string name, bool fallback)
    {
        if (!section.TryGetProperty(name, out var flag))
        {
            return fallback;
        }

        if (flag.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return flag.GetBoolean();
        }

        reader.Error($"{Path}.{name}", "expected true or false");
        return fallback;
    }

    private static ControlRateLimit RateLimit(JsonElement section, JsonSectionReader reader)
    {
        const string LimitPath = Path + ".rateLimit";
        if (!section.TryGetProperty("rateLimit", out var limit) || !reader.ExpectObject(limit, LimitPath))
        {
            return ControlRateLimit.Default;
        }

        reader.RejectUnknown(limit, LimitPath, "requestsPerSecond", "burst");
        var perSecond = (int)reader.Integer(limit, LimitPath, "requestsPerSecond", ControlRateLimit.Default.RequestsPerSecond, 1, ControlRateLimit.MaxValue);
        // Without a burst the bucket holds two seconds' worth (as the default does).
        var burst = (int)reader.Integer(limit, LimitPath, "burst", Math.Min(2L * perSecond, ControlRateLimit.MaxValue), 1, ControlRateLimit.MaxValue);
        return new ControlRateLimit(perSecond, burst);
    }

    private static ControlTls? Tls(JsonElement section, JsonSectionReader reader, string baseDirectory)
    {
        const string TlsPath = Path + ".tls";
        if (!section.TryGetProperty("tls", out var tls) || !reader.ExpectObject(tls, TlsPath))
        {
            return null;
        }

        reader.RejectUnknown(tls, TlsPath, "certificate", "key", "password");
        var certificate = reader.String(tls, TlsPath, "certificate", required: true);
        var key = reader.String(tls, TlsPath, "key", required: false);
        var password = tls.TryGetProperty("password", out var secret) && secret.ValueKind == JsonValueKind.String ? secret.GetString() : null;
        if (tls.TryGetProperty("password", out secret) && secret.ValueKind != JsonValueKind.String)
        {
            reader.Error($"{TlsPath}.password", "expected a string");
        }

        if (certificate is null)
        {
            return null;
        }

        var certificatePath = System.IO.Path.GetFullPath(certificate, baseDirectory);
        var keyPath = key is null ? null : System.IO.Path.GetFullPath(key, baseDirectory);
        foreach (var (file, field) in new[] { (certificatePath, "certificate"), (keyPath, "key") })
        {
            if (file is not null && !File.Exists(file))
            {
                reader.Error($"{TlsPath}.{field}", $"{file}: file not found");
                return null;
            }
        }

        try
        {
            return ControlTls.Load(certificatePath, keyPath, password);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            reader.Error($"{TlsPath}.certificate", $"{certificatePath}: cannot load the certificate{(keyPath is null ? " (PKCS#12; for PEM give \"key\" too)" : " and key (PEM)")}: {e.Message}");
            return null;
        }
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
