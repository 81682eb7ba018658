using System.Net;
using Grpc.Core;
using MultiAsset.Host.Control.Security;

namespace MultiAsset.Host.Tests.Control;

public class RateLimitTests
{
    [Fact]
    public async Task OverTheBurst_Is429ProblemWithRetryAfter_AndOtherKeysAreUnaffected()
    {
        var config = ControlTestServer.Config() with { RateLimit = new ControlRateLimit(1, 5) };
        await using var server = await ControlTestServer.StartWithFakeAsync(new FakeEngineCommands(), config);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 12; i++)
        {
            var response = await server.SendAsync(HttpMethod.Get, "/status", ControlTestServer.ViewerKey);
            statuses.Add(response.StatusCode);
            limited ??= response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.All(statuses.Take(5), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.NotNull(limited);
        var problem = await ProblemAssert.IsProblem(limited, HttpStatusCode.TooManyRequests);
        Assert.Contains("viewer", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {limited.Headers.RetryAfter}");
        // Each key has its own bucket.
        await ProblemAssert.IsJson(await server.SendAsync(HttpMethod.Get, "/status", ControlTestServer.TraderKey), HttpStatusCode.OK);
    }

    [Fact]
    public async Task RequestsWithoutAValidKey_ShareTheAddressBucket_SoGuessingKeysIsLimitedToo()
    {
        var config = ControlTestServer.Config() with { RateLimit = new ControlRateLimit(1, 4) };
        await using var server = await ControlTestServer.StartWithFakeAsync(new FakeEngineCommands(), config);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            statuses.Add((await server.SendAsync(HttpMethod.Get, "/status", key: i % 2 == 0 ? null : $"guess-{i}")).StatusCode);
        }

        Assert.All(statuses.Take(4), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, s.ToString()));
        // A valid key is not in the address's bucket.
        await ProblemAssert.IsJson(await server.SendAsync(HttpMethod.Get, "/status", ControlTestServer.ViewerKey), HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheBucketIsPerKey_AcrossRestAndGrpc_AndGrpcGetsResourceExhausted()
    {
        var config = ControlTestServer.Config() with { RateLimit = new ControlRateLimit(1, 3) };
        await using var server = await ControlTestServer.StartWithFakeAsync(new FakeEngineCommands(), config);
        for (var i = 0; i < 3; i++)
        {
            await server.SendAsync(HttpMethod.Get, "/status", ControlTestServer.AdminKey);
        }

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                await server.Grpc.GetStatusAsync(new MultiAsset.Control.V1.Empty(), ControlTestServer.Key(ControlTestServer.AdminKey));
            }
        });

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal("429", error.Trailers.GetValue("problem-status"));
    }

    [Fact]
    public async Task DefaultLimit_Allows1500QuickReadsFromOneKey()
    {
        await using var server = await ControlTestServer.StartWithFakeAsync(new FakeEngineCommands());

        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        await Parallel.ForAsync(0, 1500, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, token) =>
        {
            using var response = await server.Http.SendAsync(ControlTestServer.Request(HttpMethod.Get, "/status", ControlTestServer.ViewerKey), token);
            statuses.Add(response.StatusCode);
        });

        Assert.Equal(1500, statuses.Count(s => s == HttpStatusCode.OK));
    }
}
