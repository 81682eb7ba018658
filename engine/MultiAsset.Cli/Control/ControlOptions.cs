using System.CommandLine;

namespace MultiAsset.Cli.Control;

/// <summary>The options every control command takes: <c>--server</c>, <c>--api-key</c> (or MAE_SERVER / MAE_API_KEY) and <c>--json</c>.</summary>
internal sealed class ControlOptions
{
    /// <summary>The gRPC address of the host's control sidecar when neither --server nor MAE_SERVER says otherwise.</summary>
    public const string DefaultServer = "http://127.0.0.1:5081";

    public Option<string?> Server { get; } = new("--server") { Description = $"Control gRPC address (default: $MAE_SERVER or {DefaultServer})", Recursive = true };

    public Option<string?> ApiKey { get; } = new("--api-key") { Description = "API key (default: $MAE_API_KEY)", Recursive = true };

    public Option<bool> Json { get; } = new("--json") { Description = "Print the server's JSON instead of tables (for scripts)", Recursive = true };

    /// <summary>Adds the options to the root command (they apply to every subcommand).</summary>
    public void AddTo(Command root)
    {
        root.Options.Add(Server);
        root.Options.Add(ApiKey);
        root.Options.Add(Json);
    }

    /// <summary>The server address for a parse: option, then environment, then the default.</summary>
    public string ServerOf(ParseResult parse)
        => parse.GetValue(Server) is { Length: > 0 } s ? s
            : Environment.GetEnvironmentVariable("MAE_SERVER") is { Length: > 0 } e ? e
            : DefaultServer;

    /// <summary>The API key for a parse: option, then environment; null when neither.</summary>
    public string? KeyOf(ParseResult parse)
        => parse.GetValue(ApiKey) is { Length: > 0 } k ? k
            : Environment.GetEnvironmentVariable("MAE_API_KEY") is { Length: > 0 } e ? e
            : null;
}
