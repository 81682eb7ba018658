using Microsoft.AspNetCore.Http;
using MultiAsset.Host.Control.Application;
using MultiAsset.Host.Control.Security;

namespace MultiAsset.Host.Control.Rest;

/// <summary>
/// Authenticates REST requests under <c>/api/</c> and the Prometheus scrape at <c>/metrics</c>: header <c>X-Api-Key: KEY</c> (or <c>Authorization: Bearer KEY</c>);
/// 401 problem when missing or unknown. The caller goes into <see cref="HttpContext.Items"/> for the endpoints.
/// </summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeyAuthenticator authenticator)
{
    /// <summary>The Prometheus scrape path: any role, but an unscoped key (the metrics span every account).</summary>
    public const string MetricsPath = "/metrics";

    private const string CallerKey = "mae.caller";

    public async Task InvokeAsync(HttpContext context)
    {
        var metrics = context.Request.Path.StartsWithSegments(MetricsPath, StringComparison.Ordinal);
        if (!metrics && !context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var key = KeyOf(context.Request.Headers["X-Api-Key"].ToString(), context.Request.Headers.Authorization.ToString());
        if (key is null)
        {
            context.Response.Headers.WWWAuthenticate = "ApiKey header=\"X-Api-Key\"";
            await ProblemWriter.WriteAsync(context, new ControlProblem(401, ControlProblem.TitleOf(401), "An API key is required: send it in the X-Api-Key header.", "X-Api-Key")).ConfigureAwait(false);
            return;
        }

        if (authenticator.Authenticate(key) is not { } caller)
        {
            context.Response.Headers.WWWAuthenticate = "ApiKey header=\"X-Api-Key\"";
            await ProblemWriter.WriteAsync(context, new ControlProblem(401, ControlProblem.TitleOf(401), "The API key is not valid.", "X-Api-Key")).ConfigureAwait(false);
            return;
        }

        if (metrics && caller.Scoped)
        {
            await ProblemWriter.WriteAsync(context, new ControlProblem(403, ControlProblem.TitleOf(403), $"Key '{caller.Name}' is limited to accounts; the metrics span every account and need an unscoped key.", "X-Api-Key")).ConfigureAwait(false);
            return;
        }

        context.Items[CallerKey] = caller;
        await next(context).ConfigureAwait(false);
    }

    /// <summary>The authenticated caller of a request that passed this middleware.</summary>
    public static ControlCaller CallerOf(HttpContext context)
        => context.Items[CallerKey] as ControlCaller ?? throw new InvalidOperationException("The request was not authenticated.");

    /// <summary>The key in an <c>X-Api-Key</c> value or an <c>Authorization: Bearer</c> value; null when neither has one.</summary>
    public static string? KeyOf(string? apiKeyHeader, string? authorization)
    {
        if (!string.IsNullOrWhiteSpace(apiKeyHeader))
        {
            return apiKeyHeader.Trim();
        }

        const string Bearer = "Bearer ";
        return authorization is not null && authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) && authorization.Length > Bearer.Length
            ? authorization[Bearer.Length..].Trim()
            : null;
    }
}
