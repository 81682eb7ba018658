using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using MultiAsset.Host.Control.Application;
using MultiAsset.Host.Control.Grpc;
using MultiAsset.Host.Control.Metrics;
using MultiAsset.Host.Control.Streaming;
using MultiAsset.Host.Control.Rest;
using MultiAsset.Host.Control.Security;

namespace MultiAsset.Host.Control;

/// <summary>
/// The control sidecar: a Kestrel server beside the engine (its own thread pool work, never on a stage thread) with
/// the REST endpoints on <see cref="ControlConfig.Listen"/> (HTTP/1.1) and the gRPC service, health checks and
/// reflection on <see cref="ControlConfig.GrpcListen"/> (HTTP/2).
/// </summary>
public sealed class ControlServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private ControlServer(WebApplication app, Uri rest, Uri grpc)
    {
        this.app = app;
        RestAddress = rest;
        GrpcAddress = grpc;
    }

    /// <summary>The REST base address actually bound (e.g. <c>http://127.0.0.1:5080</c>).</summary>
    public Uri RestAddress { get; }

    /// <summary>The gRPC address actually bound.</summary>
    public Uri GrpcAddress { get; }

    /// <summary>The server's services (e.g. its <c>EndpointDataSource</c>, the route table tests enumerate).</summary>
    public IServiceProvider Services => app.Services;

    /// <summary>Builds and starts the server; ports 0 in <paramref name="config"/> pick free ports (see the addresses).</summary>
    public static Task<ControlServer> StartAsync(ControlConfig config, ControlService service, ILoggerFactory? logs = null, CancellationToken cancellationToken = default)
        => StartAsync(config, service, null, logs, cancellationToken);

    /// <summary>
    /// Builds and starts the server; with <paramref name="metrics"/>, also <c>GET /metrics</c> (Prometheus text, needs an
    /// unscoped key of any role) on the REST endpoint.
    /// </summary>
    public static async Task<ControlServer> StartAsync(ControlConfig config, ControlService service, EngineMetrics? metrics, ILoggerFactory? logs = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(service);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Services.AddSingleton(logs);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = ControlConfig.MaxRequestBodyBytes;
            kestrel.Listen(config.Listen, o => o.Protocols = HttpProtocols.Http1);
            kestrel.Listen(config.GrpcListen, o => o.Protocols = HttpProtocols.Http2);
        });
        var authenticator = new ApiKeyAuthenticator(config.ApiKeys);
        builder.Services.AddSingleton(service);
        builder.Services.AddSingleton(authenticator);
        builder.Services.AddGrpc(o => o.MaxReceiveMessageSize = ControlConfig.MaxRequestBodyBytes);
        builder.Services.AddGrpcHealthChecks().AddCheck("engine", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy());
        builder.Services.AddGrpcReflection();
        builder.Services.AddSingleton(new LiveViews(service));
        if (metrics is not null)
        {
            builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(metrics.MeterName).AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        }

        var app = builder.Build();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteUnexpected });
        app.UseMiddleware<ApiKeyMiddleware>();
        ControlEndpoints.Map(app, service);
        if (metrics is not null)
        {
            app.MapPrometheusScrapingEndpoint(ApiKeyMiddleware.MetricsPath).WithMetadata(new HttpMethodMetadata(["GET"]));
        }

        app.MapGrpcService<ControlGrpcService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        return new ControlServer(app, Resolve(config.Listen, addresses, 0), Resolve(config.GrpcListen, addresses, 1));
    }

    /// <summary>Stops the server (requests in flight get a short grace period).</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default) => await app.StopAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await app.DisposeAsync().ConfigureAwait(false);

    private static Uri Resolve(IPEndPoint configured, List<Uri> bound, int index)
    {
        if (configured.Port != 0)
        {
            return new Uri($"http://{new IPEndPoint(configured.Address, configured.Port)}");
        }

        // Kestrel lists the addresses in the order the endpoints were configured (REST first, then gRPC).
        return bound.Count > index ? bound[index] : throw new InvalidOperationException("Kestrel did not report the bound addresses.");
    }

    private static Task WriteUnexpected(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var status = error is Microsoft.AspNetCore.Http.BadHttpRequestException bad ? bad.StatusCode : 500;
        var detail = status == 500 ? "The control server failed to answer; see its log." : error!.Message;
        return ProblemWriter.WriteAsync(context, new ControlProblem(status, ControlProblem.TitleOf(status), detail, null));
    }
}
