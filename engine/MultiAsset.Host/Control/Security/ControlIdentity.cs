using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MultiAsset.Host.Control.Security;

/// <summary>
/// Who a request says it is: the caller its API key resolves to, or none (no key, or a key that matches nothing).
/// Resolved once per request (the key is hashed once) and kept on the <see cref="HttpContext"/>, so the rate limiter
/// (which partitions by it) and the gate (which decides by it) agree.
/// </summary>
/// <param name="Caller">The authenticated caller; null when the request is anonymous or its key is unknown.</param>
/// <param name="KeyPresented">Whether the request carried a key at all (tells "missing" from "not valid").</param>
internal sealed record ControlIdentity(ControlCaller? Caller, bool KeyPresented)
{
    private static readonly object ItemKey = new();

    /// <summary>The identity of <paramref name="context"/>'s request (header <c>X-Api-Key</c> or <c>Authorization: Bearer</c>; gRPC metadata is the same headers).</summary>
    public static ControlIdentity Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(ItemKey, out var cached) && cached is ControlIdentity known)
        {
            return known;
        }

        var key = KeyOf(context.Request.Headers["X-Api-Key"].ToString(), context.Request.Headers.Authorization.ToString());
        var identity = new ControlIdentity(key is null ? null : context.RequestServices.GetRequiredService<ApiKeyAuthenticator>().Authenticate(key), key is not null);
        context.Items[ItemKey] = identity;
        return identity;
    }

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

    /// <summary>
    /// The rate-limit bucket of the request: its key's name when authenticated, else its remote address (so guessing
    /// keys is limited too).
    /// </summary>
    public string Partition(HttpContext context)
        => Caller is { } caller ? "key:" + caller.Name : "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}
