using System.Net;
using MultiAsset.Host.Control;

namespace MultiAsset.Host.Tests.Control;

/// <summary>
/// The browser UI's files at <c>/</c>: served without a key, with the right cache headers and the SPA fallback, while
/// every API spelling stays behind the key gate; and the "not built" page when there is no web root.
/// </summary>
public sealed class WebUiTests : IAsyncLifetime, IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("mae-webui-").FullName;
    private ControlTestServer built = null!;
    private ControlTestServer missing = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(root, "assets"));
        File.WriteAllText(Path.Combine(root, "index.html"), "<!doctype html><title>MultiAsset</title><div id=root></div>");
        File.WriteAllText(Path.Combine(root, "assets", "index-3f2a9c.js"), "console.log('ui');");
        built = await ControlTestServer.StartWithFakeAsync(new FakeEngineCommands(), ControlTestServer.Config() with { WebRoot = root });
        missing = await ControlTestServer.StartWithFakeAsync(new FakeEngineCommands(), ControlTestServer.Config() with { WebRoot = Path.Combine(root, "no-such-dist") });
    }

    public async Task DisposeAsync()
    {
        await built.DisposeAsync();
        await missing.DisposeAsync();
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Theory]
    [InlineData("/")]
    [InlineData("/monitor")]
    [InlineData("/builder")]
    [InlineData("/risk/limits")]
    public async Task SpaRoutes_GetIndexHtml_WithoutAKey_NotCached(string path)
    {
        using var response = await built.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Contains("<div id=root>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assets_AreImmutable_AndHeadWorks()
    {
        using var response = await built.Http.GetAsync("/assets/index-3f2a9c.js");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Equal("console.log('ui');", await response.Content.ReadAsStringAsync());

        using var head = await built.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task MissingFileWithAnExtension_Is404_NotTheIndex()
    {
        using var response = await built.Http.GetAsync("/assets/gone-1234.js");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("<div id=root>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/multi-asset/status")]
    [InlineData("/API/multi-asset/status")]
    [InlineData("/Api/multi-asset/status")]
    [InlineData("/API/MULTI-ASSET/STATUS")]
    [InlineData("/api/multi-asset/nothing")]
    [InlineData("/Api/other")]
    [InlineData("/apix")]
    [InlineData("/api/multi-asset/x.js")]
    [InlineData("/metrics")]
    [InlineData("/METRICS")]
    [InlineData("/metricsx")]
    [InlineData("/multiasset.control.v1.Control/GetStatus")]
    public async Task ApiAndMetrics_InAnySpelling_StayBehindTheKey(string path)
    {
        foreach (var server in new[] { built, missing })
        {
            using var response = await server.Http.GetAsync(path);

            await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task OtherVerbs_OnUiPaths_GoToTheGate()
    {
        using var response = await built.Http.PostAsync("/monitor", new StringContent("x"));

        await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task WithoutAWebRoot_Root_Is503_PlainHtml_SayingHowToBuild()
    {
        using var response = await missing.Http.GetAsync("/");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("The web UI is not built: run ./run.sh (it runs npm ci &amp;&amp; npm run build in engine/MultiAsset.Web)", page, StringComparison.Ordinal);
        Assert.False(missing.Server.WebUiBuilt);
        Assert.True(built.Server.WebUiBuilt);
        Assert.Equal(root, built.Server.WebRoot);
    }

    [Fact]
    public void Discovery_WalksUpToTheFirstBuiltDist()
    {
        var repo = Directory.CreateTempSubdirectory("mae-webui-repo-").FullName;
        try
        {
            var dist = Path.Combine(repo, "engine", "MultiAsset.Web", "dist");
            var binary = Path.Combine(repo, "engine", "MultiAsset.Host", "bin", "Release", "net10.0");
            Directory.CreateDirectory(binary);
            Assert.Null(MultiAsset.Host.Control.Web.WebUi.Resolve(null, binary));

            Directory.CreateDirectory(dist);
            File.WriteAllText(Path.Combine(dist, "index.html"), "<html></html>");
            Assert.Equal(dist, MultiAsset.Host.Control.Web.WebUi.Resolve(null, binary));
            Assert.Equal(Path.Combine(repo, "elsewhere"), MultiAsset.Host.Control.Web.WebUi.Resolve(Path.Combine(repo, "elsewhere"), binary));
        }
        finally
        {
            Directory.Delete(repo, recursive: true);
        }
    }

    [Fact]
    public void Config_WebRoot_IsRelativeToTheConfigFile()
    {
        var config = ControlConfig.Parse("""{ "control": { "webRoot": "../web/dist" } }""", "engine.json", "/opt/mae/config");

        Assert.Equal("/opt/mae/web/dist", config.WebRoot);
        Assert.Null(ControlConfig.Parse("""{ "control": { } }""", "engine.json", "/opt/mae/config").WebRoot);
    }
}
