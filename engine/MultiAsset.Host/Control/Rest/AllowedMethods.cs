using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.DependencyInjection;

namespace MultiAsset.Host.Control.Rest;

/// <summary>
/// Which HTTP methods the app's endpoints accept for a path, from the app's <see cref="EndpointDataSource"/> (the same
/// route table routing uses, matched case-insensitively like routing). The fallbacks use it to answer a known path
/// with the wrong verb 405 with an <c>Allow</c> header instead of 404.
/// </summary>
internal static class AllowedMethods
{
    // One matcher per route pattern; the table is fixed once the app has started.
    private static readonly ConditionalWeakTable<RouteEndpoint, TemplateMatcher> Matchers = new();

    /// <summary>The methods accepted for <paramref name="path"/>, sorted; empty when no endpoint has that path.</summary>
    public static IReadOnlyList<string> For(HttpContext context, PathString path)
    {
        var source = context.RequestServices.GetRequiredService<EndpointDataSource>();
        var methods = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is not { HttpMethods.Count: > 0 } verbs || endpoint.Metadata.GetMetadata<FallbackMarker>() is not null)
            {
                continue;
            }

            var matcher = Matchers.GetValue(endpoint, static e => new TemplateMatcher(new RouteTemplate(e.RoutePattern), new RouteValueDictionary()));
            if (matcher.TryMatch(path, new RouteValueDictionary()))
            {
                methods.UnionWith(verbs.HttpMethods);
            }
        }

        return [.. methods];
    }

    /// <summary>Metadata that marks this app's own fallback endpoints (never counted as accepting a method).</summary>
    internal sealed class FallbackMarker;
}
