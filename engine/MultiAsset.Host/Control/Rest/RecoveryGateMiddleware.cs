using Microsoft.AspNetCore.Http;
using MultiAsset.Host.Control.Application;

namespace MultiAsset.Host.Control.Rest;

/// <summary>
/// Answers every API and metrics request with 503 and <c>Retry-After</c> while the engine is not ready (replaying its
/// journal, or stopping), so nothing is acknowledged that the journal does not hold and nothing half-rebuilt is read.
/// Runs after the authentication gate (an anonymous caller learns nothing). gRPC calls are refused the same way one step
/// later, by the application layer (<c>UNAVAILABLE</c>); <c>GET /health</c> (<see cref="HealthEndpoint"/>) says which state.
/// </summary>
internal sealed class RecoveryGateMiddleware(RequestDelegate next, EngineReadiness readiness)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (!readiness.IsReady && (path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(ApiKeyMiddleware.MetricsPath, StringComparison.OrdinalIgnoreCase)))
        {
            await ProblemWriter.WriteAsync(context, new ControlProblem(503, ControlProblem.TitleOf(503), $"The engine is {readiness.Name}; retry in {EngineReadiness.RetryAfterSeconds} s.", null)).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }
}
