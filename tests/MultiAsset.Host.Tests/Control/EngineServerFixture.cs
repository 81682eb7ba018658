namespace MultiAsset.Host.Tests.Control;

/// <summary>One engine + control server shared by a test class (tests use distinct strategy ids).</summary>
public sealed class EngineServerFixture : IAsyncLifetime
{
    public ControlTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ControlTestServer.StartWithEngineAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>An engine + control server with metrics (GET /metrics) and a Monday-afternoon clock, shared by a test class.</summary>
public sealed class MetricsServerFixture : IAsyncLifetime
{
    public ControlTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ControlTestServer.StartWithEngineAsync(metrics: true);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
