using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MultiAsset.Host.Control.Application;
using MultiAsset.Host.Control.Metrics;

namespace MultiAsset.Host.Control;

/// <summary>
/// Runs the <see cref="ControlServer"/> for the lifetime of the host, beside the <see cref="EngineService"/>; with
/// <paramref name="metrics"/> it also serves <c>GET /metrics</c>.
/// </summary>
public sealed partial class ControlHostedService(ControlConfig config, ControlService service, ILoggerFactory logs, ILogger<ControlHostedService> logger, EngineReadiness readiness, EngineMetrics? metrics = null) : IHostedService, IAsyncDisposable
{
    private ControlServer? server;

    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Not cancelled by the host's start token: a run that ends while Kestrel starts (a short replay) must still get
        // a server it can stop normally, not an exception in the middle of start-up.
        _ = cancellationToken;
        server = await ControlServer.StartAsync(config, service, metrics, logs, readiness, CancellationToken.None).ConfigureAwait(false);
        var rest = server.RestAddress.ToString().TrimEnd('/') + "/api/multi-asset";
        LogListening(logger, rest, server.GrpcAddress, config.ApiKeys.Count);
        if (server.WebUiBuilt)
        {
            LogWebUi(logger, server.RestAddress, server.WebRoot!);
        }
        else
        {
            LogNoWebUi(logger, server.WebRoot ?? "no engine/MultiAsset.Web/dist found above " + AppContext.BaseDirectory);
        }
    }

    /// <inheritdoc/>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (server is not null)
        {
            await server.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Control API listening: REST {Rest}, gRPC {Grpc} ({Keys} API keys)")]
    private static partial void LogListening(ILogger logger, string rest, Uri grpc, int keys);

    [LoggerMessage(Level = LogLevel.Information, Message = "Web UI at {Address} from {WebRoot}")]
    private static partial void LogWebUi(ILogger logger, Uri address, string webRoot);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Web UI not built ({WebRoot}): / answers 503; run ./run.sh (npm ci && npm run build in engine/MultiAsset.Web)")]
    private static partial void LogNoWebUi(ILogger logger, string webRoot);
}
