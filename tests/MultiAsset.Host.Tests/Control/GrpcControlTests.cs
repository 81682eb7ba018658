using System.Text.Json;
using Grpc.Core;
using Grpc.Health.V1;
using MultiAsset.Control.V1;

namespace MultiAsset.Host.Tests.Control;

public class GrpcControlTests(EngineServerFixture fixture) : IClassFixture<EngineServerFixture>
{
    private ControlTestServer S => fixture.Server;

    private static Metadata Admin => ControlTestServer.Key(ControlTestServer.AdminKey);

    [Fact]
    public async Task StrategyLifecycle_OverGrpc()
    {
        var created = await S.Grpc.CreateStrategyAsync(new JsonRequest { Json = SeedExamples.InAccount("grpc-one", "default") }, Admin);
        Assert.Equal(201, created.Status);
        Assert.Equal("grpc-one", JsonDocument.Parse(created.Json).RootElement.GetProperty("id").GetString());

        var deployed = await S.Grpc.DeployStrategyAsync(new StrategyId { Id = "grpc-one" }, Admin);
        Assert.Equal("Deployed", JsonDocument.Parse(deployed.Json).RootElement.GetProperty("status").GetString());

        var list = await S.Grpc.ListStrategiesAsync(new Empty(), ControlTestServer.Key(ControlTestServer.ViewerKey));
        Assert.Contains(JsonDocument.Parse(list.Json).RootElement.EnumerateArray(), s => s.GetProperty("id").GetString() == "grpc-one");

        await S.Grpc.StopStrategyAsync(new StopStrategyRequest { Id = "grpc-one", Flatten = true }, Admin);
        await S.Grpc.DeleteStrategyAsync(new StopStrategyRequest { Id = "grpc-one" }, Admin);
        var missing = await Assert.ThrowsAsync<RpcException>(async () => await S.Grpc.GetStrategyAsync(new StrategyId { Id = "grpc-one" }, Admin));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Equal("404", missing.Trailers.GetValue("problem-status"));
    }

    [Fact]
    public async Task Optimize_Preview_KillSwitch_OverGrpc()
    {
        var optimized = await S.Grpc.OptimizeAsync(new JsonRequest { Json = SeedExamples.Optimize }, Admin);
        Assert.True(JsonDocument.Parse(optimized.Json).RootElement.GetProperty("weights").TryGetProperty("SPY", out _));

        var preview = await S.Grpc.PreviewExecutionAsync(new JsonRequest { Json = SeedExamples.Preview }, Admin);
        Assert.Equal(4, JsonDocument.Parse(preview.Json).RootElement.GetProperty("children").GetArrayLength());

        var kill = await S.Grpc.SetKillSwitchAsync(new KillSwitchRequest { Account = "default", On = false }, Admin);
        Assert.Equal(200, kill.Status);
    }

    [Fact]
    public async Task Errors_MapToGrpcStatuses()
    {
        var none = await Assert.ThrowsAsync<RpcException>(async () => await S.Grpc.ListStrategiesAsync(new Empty()));
        Assert.Equal(StatusCode.Unauthenticated, none.StatusCode);

        var bearer = new Metadata { { "authorization", "Bearer " + ControlTestServer.ViewerKey } };
        var forbidden = await Assert.ThrowsAsync<RpcException>(async () => await S.Grpc.SetKillSwitchAsync(new KillSwitchRequest { On = true }, bearer));
        Assert.Equal(StatusCode.PermissionDenied, forbidden.StatusCode);

        var bad = await Assert.ThrowsAsync<RpcException>(async () => await S.Grpc.OptimizeAsync(new JsonRequest { Json = "{ nope" }, Admin));
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
    }

    [Fact]
    public async Task HealthCheck_IsServing()
    {
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(S.Server.GrpcAddress);
        var health = new Health.HealthClient(channel);

        var reply = await health.CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }
}
