using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MultiAsset.Host.Control.Rest;

/// <summary>
/// <c>GET /health</c>, open without a key (like gRPC health): <c>{ "status": "recovering" | "ready" | "stopping" }</c>,
/// 200 when ready and 503 with <c>Retry-After</c> otherwise, so a load balancer or <c>curl --fail</c> can wait on it.
/// It says nothing about accounts or strategies.
/// </summary>
internal static class HealthEndpoint
{
    public const string Path = "/health";

    public static void Map(IEndpointRouteBuilder app, EngineReadiness readiness)
        => app.MapGet(Path, (HttpContext context) => WriteAsync(context, readiness)).AllowAnonymous();

    private static Task WriteAsync(HttpContext context, EngineReadiness readiness)
    {
        context.Response.StatusCode = readiness.IsReady ? 200 : 503;
        if (!readiness.IsReady)
        {
            context.Response.Headers.RetryAfter = EngineReadiness.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync($"{{\"status\":\"{readiness.Name}\"}}", context.RequestAborted);
    }
}
