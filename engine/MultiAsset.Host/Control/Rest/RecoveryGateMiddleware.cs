using Microsoft.AspNetCore.Http;
using MultiAsset.Host.Control.Application;

namespace MultiAsset.Host.Control.Rest;

/// <summary>
/// Answers every API and metrics request with 503 and <c>Retry-After</c> while the engine is not ready (replaying its
/// journal, or stopping), so nothing is acknowledged that the journal does not hold and nothing half-rebuilt is read.
/// <c>GET /health</c> is always answered: <c>{ "status": "recovering" | "ready" | "stopping" }</c>, 200 when ready and
/// 503 otherwise (so a load balancer or <c>curl --fail</c> can wait on it). Runs after authentication.
/// </summary>
internal sealed class RecoveryGateMiddleware(RequestDelegate next, EngineReadiness readiness)
{
    /// <summary>The health path (anonymous).</summary>
    public const string HealthPath = "/health";

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.Equals(HealthPath, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = readiness.IsReady ? 200 : 503;
            if (!readiness.IsReady)
            {
                context.Response.Headers.RetryAfter = EngineReadiness.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($"{{\"status\":\"{readiness.Name}\"}}", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (!readiness.IsReady && (path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(ApiKeyMiddleware.MetricsPath, StringComparison.OrdinalIgnoreCase)))
        {
            await ProblemWriter.WriteAsync(context, new ControlProblem(503, ControlProblem.TitleOf(503), $"The engine is {readiness.Name}; retry in {EngineReadiness.RetryAfterSeconds} s.", null)).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }
}
