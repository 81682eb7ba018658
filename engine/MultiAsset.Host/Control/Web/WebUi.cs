using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace MultiAsset.Host.Control.Web;

/// <summary>
/// Serves the browser UI (<c>engine/MultiAsset.Web/dist</c>, built by <c>./run.sh</c>) at <c>/</c> on the REST
/// listener, without an API key: the files hold no data, every figure they show comes from <c>/api</c> with the key.
/// </summary>
/// <remarks>
/// <para>Only requests that routing matched to no endpoint are considered (routing matches paths case-insensitively, so
/// <c>/API/multi-asset/…</c> reaches its endpoint and the key gate, never this), and of those only GET and HEAD on a path
/// outside the reserved prefixes (<c>/api</c>, <c>/metrics</c>, <c>/health</c>, any spelling, including <c>/apix</c>) and
/// not a gRPC path (a first segment with a dot, e.g. <c>/multiasset.control.v1.Control</c>, or HTTP/2). Everything else
/// goes on to the gate as before.</para>
/// <para>A file that exists is sent (<c>/assets/*</c>: <c>Cache-Control: public, max-age=31536000, immutable</c>, as Vite
/// names them by content hash; anything else <c>no-cache</c>); a path without an extension is an SPA route and gets
/// <c>index.html</c> (<c>no-cache</c>); a missing file with an extension is a plain 404.
/// Without a web root, SPA routes answer 503 with a plain HTML page saying how to build the UI.</para>
/// </remarks>
internal static class WebUi
{
    /// <summary>What <c>/</c> says when there is no built UI.</summary>
    public const string NotBuiltMessage = "The web UI is not built: run ./run.sh (it runs npm ci &amp;&amp; npm run build in engine/MultiAsset.Web)";

    private const string IndexFile = "index.html";
    private static readonly string[] Reserved = ["api", "metrics", "health"];

    /// <summary>
    /// The web root to serve: <paramref name="configured"/> when set (it may not exist: then the "not built" page), else
    /// the first <c>engine/MultiAsset.Web/dist</c> holding an <c>index.html</c> walking up from <paramref name="start"/>
    /// (the binary's folder); null when there is none.
    /// </summary>
    public static string? Resolve(string? configured, string start)
    {
        if (configured is not null)
        {
            return Path.GetFullPath(configured);
        }

        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "engine", "MultiAsset.Web", "dist");
            if (File.Exists(Path.Combine(candidate, IndexFile)))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="root"/> holds a built UI.</summary>
    public static bool IsBuilt(string? root) => root is not null && File.Exists(Path.Combine(root, IndexFile));

    /// <summary>Adds the UI branch to the pipeline (after routing, before the key gate).</summary>
    public static void Use(IApplicationBuilder app, string? root)
    {
        var built = IsBuilt(root);
        app.MapWhen(Handles, branch =>
        {
            if (built)
            {
                var files = new PhysicalFileProvider(root!);
                branch.UseStaticFiles(new StaticFileOptions
                {
                    FileProvider = files,
                    ContentTypeProvider = new FileExtensionContentTypeProvider(),
                    OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = CacheControl(c.Context.Request.Path),
                });
                branch.Run(c => SpaRoute(c, files));
            }
            else
            {
                branch.Run(NotBuilt);
            }
        });
    }

    /// <summary>Whether a request is one for the UI (see the remarks).</summary>
    internal static bool Handles(HttpContext context)
    {
        var request = context.Request;
        if (context.GetEndpoint() is not null || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || HttpProtocol.IsHttp2(request.Protocol))
        {
            return false;
        }

        var path = request.Path.Value ?? "/";
        var segments = path.TrimStart('/').Split('/', 2);
        var first = segments[0];
        var grpc = segments.Length > 1 && first.Contains('.', StringComparison.Ordinal);
        return !grpc && !Reserved.Any(r => first.StartsWith(r, StringComparison.OrdinalIgnoreCase));
    }

    private static string CacheControl(PathString path)
        => path.StartsWithSegments("/assets", StringComparison.Ordinal) ? "public, max-age=31536000, immutable" : "no-cache";

    private static async Task SpaRoute(HttpContext context, PhysicalFileProvider files)
    {
        if (Path.HasExtension(context.Request.Path.Value))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "text/plain; charset=utf-8";
            context.Response.Headers.CacheControl = "no-cache";
            await context.Response.WriteAsync($"No file {context.Request.Path}.\n").ConfigureAwait(false);
            return;
        }

        var index = files.GetFileInfo(IndexFile);
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.ContentLength = index.Length;
        if (HttpMethods.IsGet(context.Request.Method))
        {
            await context.Response.SendFileAsync(index).ConfigureAwait(false);
        }
    }

    private static async Task NotBuilt(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        var page = $"<!doctype html><html><head><meta charset=\"utf-8\"><title>MultiAsset Engine</title></head><body><h1>MultiAsset Engine</h1><p>{NotBuiltMessage}.</p><p>The control API is at /api/multi-asset (X-Api-Key header).</p></body></html>\n";
        if (HttpMethods.IsGet(context.Request.Method))
        {
            await context.Response.WriteAsync(page).ConfigureAwait(false);
        }
    }
}
