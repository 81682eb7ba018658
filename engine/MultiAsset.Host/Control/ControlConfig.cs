using System.Net;
using System.Text.Json;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Host.Control.Security;

namespace MultiAsset.Host.Control;

/// <summary>
/// The <c>"control"</c> section of <c>config/engine.json</c>: where the control sidecar listens and which API keys it
/// accepts. <c>{ "enabled": true, "listen": "127.0.0.1:5080", "grpcListen": "127.0.0.1:5081", "commandTimeoutMs": 5000,
/// "apiKeys": [ { "name": "dev-admin", "sha256": "HEX", "role": "admin", "accounts": ["A"]? } ],
/// "rateLimit": { "requestsPerSecond": 2000, "burst": 4000 }?, "tls": { "certificate": "PATH", "key": "PATH"?, "password": "…"? }?,
/// "allowInsecureRemote": false?, "webRoot": "PATH"? }</c>.
/// </summary>
/// <remarks>
/// REST is served over HTTP/1.1 on <see cref="Listen"/>; gRPC needs HTTP/2, which Kestrel serves without TLS only on an
/// HTTP/2-only endpoint, hence the second address <see cref="GrpcListen"/>. Both bind loopback by default.
/// </remarks>
/// <param name="Enabled">Whether the sidecar runs.</param>
/// <param name="Listen">REST endpoint (HTTP/1.1).</param>
/// <param name="GrpcListen">gRPC endpoint (HTTP/2 cleartext).</param>
/// <param name="CommandTimeout">How long a request waits for the engine's reply before answering 504.</param>
/// <param name="ApiKeys">The accepted keys, hashed.</param>
public sealed record ControlConfig(bool Enabled, IPEndPoint Listen, IPEndPoint GrpcListen, TimeSpan CommandTimeout, IReadOnlyList<ApiKeyEntry> ApiKeys)
{
    /// <summary>The per-key request budget (<see cref="ControlRateLimit.Default"/> unless configured).</summary>
    public ControlRateLimit RateLimit { get; init; } = ControlRateLimit.Default;

    /// <summary>The certificate both listeners serve; null = plain HTTP (loopback only, see <see cref="AllowInsecureRemote"/>).</summary>
    public ControlTls? Tls { get; init; }

    /// <summary>
    /// Lets a listener bind a non-loopback address without TLS (API keys and account figures then cross the network in
    /// clear text; for a trusted network or a TLS-terminating proxy only). False by default.
    /// </summary>
    public bool AllowInsecureRemote { get; init; }

    /// <summary>
    /// The folder the browser UI is served from (<c>"webRoot"</c>, relative to the config file's folder); null = the
    /// first <c>engine/MultiAsset.Web/dist</c> with an <c>index.html</c> walking up from the binary (see <c>WebUi</c>).
    /// </summary>
    public string? WebRoot { get; init; }

    /// <summary>
    /// The reason this configuration must not start: a listener on a non-loopback address without TLS and without
    /// <see cref="AllowInsecureRemote"/>; null when it may.
    /// </summary>
    public string? InsecureRemoteProblem()
    {
        if (Tls is not null || AllowInsecureRemote)
        {
            return null;
        }

        var remote = new[] { ("listen", Listen), ("grpcListen", GrpcListen) }.FirstOrDefault(l => !IPAddress.IsLoopback(l.Item2.Address));
        return remote.Item2 is null ? null
            : $"{remote.Item1} {remote.Item2} is not a loopback address and there is no control.tls: API keys and account figures would cross the network in clear text; configure control.tls (a certificate) or set \"allowInsecureRemote\": true";
    }

    /// <summary>Default REST address.</summary>
    public static readonly IPEndPoint DefaultListen = new(IPAddress.Loopback, 5080);

    /// <summary>Default gRPC address.</summary>
    public static readonly IPEndPoint DefaultGrpcListen = new(IPAddress.Loopback, 5081);

    /// <summary>Largest request body accepted (bigger ones get 413).</summary>
    public const int MaxRequestBodyBytes = 256 * 1024;

    /// <summary>The sidecar switched off (a configuration without a <c>control</c> section).</summary>
    public static ControlConfig Disabled { get; } = new(false, DefaultListen, DefaultGrpcListen, TimeSpan.FromSeconds(5), []);

    /// <summary>
    /// Reads the control section of the configuration <see cref="HostConfig.Load"/> reads for <paramref name="path"/>
    /// (the file, <c>config/engine.json</c> beside the binary, or the embedded defaults).
    /// </summary>
    /// <exception cref="ConfigurationException">The section is invalid (every problem named).</exception>
    public static ControlConfig Load(string? path)
    {
        var besideBinary = Path.Combine(AppContext.BaseDirectory, "config", "engine.json");
        if (path is null && File.Exists(besideBinary))
        {
            path = besideBinary;
        }

        if (path is null)
        {
            return Parse(ConfigFiles.Embedded.Read("engine.json"), ConfigFiles.Embedded.Describe("engine.json"));
        }

        return File.Exists(path)
            ? Parse(File.ReadAllText(path), path, Path.GetDirectoryName(Path.GetFullPath(path)))
            : throw new ConfigurationException($"{path}: file not found");
    }

    /// <summary>
    /// Parses the <c>control</c> section of engine.json text; <see cref="Disabled"/> when there is none. Relative
    /// certificate paths are resolved against <paramref name="baseDirectory"/> (the config file's folder; else the
    /// working directory).
    /// </summary>
    /// <exception cref="ConfigurationException">The text is not JSON or the section is invalid.</exception>
    public static ControlConfig Parse(string json, string source, string? baseDirectory = null)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new ConfigurationException($"{source}: not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("control", out var section))
            {
                return Disabled;
            }

            var reader = new JsonSectionReader(source);
            var config = ControlConfigReader.Read(section, reader, baseDirectory ?? Directory.GetCurrentDirectory());
            reader.ThrowIfAny();
            return config!;
        }
    }
}
