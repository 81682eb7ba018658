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
using MultiAsset.Engine.Pipeline;
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
/// reflection on <see cref="ControlConfig.GrpcListen"/> (HTTP/2), both over TLS when <see cref="ControlConfig.Tls"/> is set.
/// </summary>
/// <remarks>
/// Request pipeline, for both listeners (endpoint routing is not per listener, so each is guarded the same way):
/// exception handler → routing → the browser UI's static files (anonymous; only requests no endpoint matched, see
/// <see cref="Web.WebUi"/>) → per-key rate limiter (429) → the gate <see cref="ApiKeyMiddleware"/> (401/403/404)
/// → the endpoint. Only gRPC health is anonymous (<c>AllowAnonymous</c>), so probes need no key.
/// </remarks>
public sealed class ControlServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private ControlServer(WebApplication app, Uri rest, Uri grpc, string? webRoot)
    {
        this.app = app;
        WebRoot = webRoot;
        RestAddress = rest;
        GrpcAddress = grpc;
    }

    /// <summary>The REST base address actually bound (e.g. <c>http://127.0.0.1:5080</c>).</summary>
    public Uri RestAddress { get; }

    /// <summary>The folder the browser UI is served from (null: none found; see <see cref="WebUiBuilt"/>).</summary>
    public string? WebRoot { get; }

    /// <summary>Whether <see cref="WebRoot"/> holds a built UI (else <c>/</c> answers 503 saying how to build it).</summary>
    public bool WebUiBuilt => Web.WebUi.IsBuilt(WebRoot);

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
    public static Task<ControlServer> StartAsync(ControlConfig config, ControlService service, EngineMetrics? metrics, ILoggerFactory? logs = null, CancellationToken cancellationToken = default)
        => StartAsync(config, service, metrics, logs, null, cancellationToken);

    /// <summary>
    /// Builds and starts the server; while <paramref name="readiness"/> is not ready (the engine recovering its journal,
    /// or stopping) every API and metrics request answers 503 with <c>Retry-After</c>, <c>GET /health</c> says which, and
    /// the gRPC health check reports not serving (null: always ready).
    /// </summary>
    public static async Task<ControlServer> StartAsync(ControlConfig config, ControlService service, EngineMetrics? metrics, ILoggerFactory? logs, EngineReadiness? readiness, CancellationToken cancellationToken = default)
    {
        var ready = readiness ?? new EngineReadiness(ready: true);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(service);
        if (config.InsecureRemoteProblem() is { } insecure)
        {
            throw new ConfigurationException($"control: {insecure}");
        }

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
            kestrel.Listen(config.Listen, o => Listen(o, HttpProtocols.Http1, config.Tls));
            kestrel.Listen(config.GrpcListen, o => Listen(o, HttpProtocols.Http2, config.Tls));
        });
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, EmbeddedServerLifetime>();
        builder.Services.AddSingleton(service);
        builder.Services.AddSingleton(new ApiKeyAuthenticator(config.ApiKeys));
        builder.Services.AddControlRateLimiter(config.RateLimit);
        builder.Services.AddGrpc(o => o.MaxReceiveMessageSize = ControlConfig.MaxRequestBodyBytes);
        builder.Services.AddSingleton(ready);
        builder.Services.AddGrpcHealthChecks().AddCheck("engine", () => ready.IsReady
            ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy()
            : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy($"the engine is {ready.Name}"));
        builder.Services.AddGrpcReflection();
        builder.Services.AddSingleton(new LiveViews(service));
        if (service.Alerts is not null)
        {
            builder.Services.AddHostedService(_ => new Alerts.AlertLoop(service));
        }
        if (metrics is not null)
        {
            builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(metrics.MeterName).AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 100));
        }

        var app = builder.Build();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteUnexpected });
        app.UseRouting();
        var webRoot = Web.WebUi.Resolve(config.WebRoot, AppContext.BaseDirectory);
        Web.WebUi.Use(app, webRoot);
        app.UseRateLimiter();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.UseMiddleware<RecoveryGateMiddleware>();
        ControlEndpoints.Map(app, service);
        HealthEndpoint.Map(app, ready);
        if (metrics is not null)
        {
            app.MapPrometheusScrapingEndpoint(ApiKeyMiddleware.MetricsPath, meterProvider: null, configureBranchedPipeline: AllowOnlyGet, optionsName: null)
                .WithMetadata(new CrossAccountEndpoint { What = "the metrics" });
        }

        app.MapGrpcService<ControlGrpcService>();
        app.MapGrpcHealthChecksService().AllowAnonymous();
        app.MapGrpcReflectionService();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        var scheme = config.Tls is null ? "http" : "https";
        return new ControlServer(app, Resolve(config.Listen, addresses, 0, scheme), Resolve(config.GrpcListen, addresses, 1, scheme), webRoot);
    }

    /// <summary>Stops the server (requests in flight get a short grace period).</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default) => await app.StopAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await app.DisposeAsync().ConfigureAwait(false);

    private static void Listen(ListenOptions listen, HttpProtocols protocols, ControlTls? tls)
    {
        listen.Protocols = protocols;
        if (tls is not null)
        {
            listen.UseHttps(tls.Certificate);
        }
    }

    /// <summary>The scrape answers GET and HEAD only (the exporter itself answers any verb).</summary>
    private static void AllowOnlyGet(IApplicationBuilder branch) => branch.Use(async (context, next) =>
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        context.Response.Headers.Allow = "GET, HEAD";
        await ProblemWriter.WriteAsync(context, new ControlProblem(405, ControlProblem.TitleOf(405), $"{ApiKeyMiddleware.MetricsPath} answers GET only, not {context.Request.Method}.", null)).ConfigureAwait(false);
    });

    private static Uri Resolve(IPEndPoint configured, List<Uri> bound, int index, string scheme)
    {
        if (configured.Port != 0)
        {
            return new Uri($"{scheme}://{new IPEndPoint(configured.Address, configured.Port)}");
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
