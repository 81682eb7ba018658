using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using MultiAsset.Engine.Pipeline.Commands;
using MultiAsset.Host.Control.Application;
using MultiAsset.Host.Control.Security;

namespace MultiAsset.Host.Control.Rest;

/// <summary>
/// The control server's one authentication gate, for every request on every listener (REST, <c>/metrics</c>, gRPC).
/// It runs after routing, so it decides on the endpoint routing chose (routing matches paths case-insensitively; the
/// gate never compares paths itself, so no spelling of a path can reach an endpoint past it):
/// <list type="number">
/// <item>An endpoint marked <see cref="IAllowAnonymous"/> (only gRPC health, on purpose) passes without a key.</item>
/// <item>Otherwise the request needs a valid key (<see cref="ControlIdentity"/>): 401 when missing or unknown.</item>
/// <item>No endpoint matched: 404 (after the key check, so unknown paths reveal nothing to an anonymous caller).</item>
/// <item>An endpoint marked <see cref="CrossAccountEndpoint"/>: 403 for a key scoped to accounts.</item>
/// </list>
/// Roles and per-account scope are then enforced by <see cref="ControlService"/>, which REST and gRPC both call. Refusals
/// are problem+json, or a gRPC status for a gRPC call (<see cref="DenialWriter"/>).
/// </summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next)
{
    /// <summary>The Prometheus scrape path: any role, but an unscoped key (the metrics span every account).</summary>
    public const string MetricsPath = "/metrics";

    private const string Scheme = "ApiKey header=\"X-Api-Key\"";

    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var identity = ControlIdentity.Of(context);
        if (identity.Caller is not { } caller)
        {
            context.Response.Headers.WWWAuthenticate = Scheme;
            var detail = identity.KeyPresented ? "The API key is not valid." : "An API key is required: send it in the X-Api-Key header (gRPC: metadata x-api-key).";
            await DenialWriter.WriteAsync(context, new ControlProblem(401, ControlProblem.TitleOf(401), detail, "X-Api-Key")).ConfigureAwait(false);
            return;
        }

        if (endpoint is null)
        {
            await DenialWriter.WriteAsync(context, new ControlProblem(404, ControlProblem.TitleOf(404), $"There is no endpoint {context.Request.Method} {context.Request.Path}.", null)).ConfigureAwait(false);
            return;
        }

        if (caller.Scoped && endpoint.Metadata.GetMetadata<CrossAccountEndpoint>() is { } crossAccount)
        {
            var detail = $"Key '{caller.Name}' is limited to accounts; {crossAccount.What} span every account and need an unscoped key.";
            await DenialWriter.WriteAsync(context, new ControlProblem(403, ControlProblem.TitleOf(403), detail, "X-Api-Key")).ConfigureAwait(false);
            return;
        }

        // Commands this request sends are journalled with the caller's id (flows with the request's async context).
        CommandCaller.Current = caller.Id;
        await next(context).ConfigureAwait(false);
    }

    /// <summary>The authenticated caller of a request that passed the gate.</summary>
    /// <exception cref="InvalidOperationException">The request did not pass the gate (an anonymous endpoint asked).</exception>
    public static ControlCaller CallerOf(HttpContext context)
        => ControlIdentity.Of(context).Caller ?? throw new InvalidOperationException("The request was not authenticated.");
}
