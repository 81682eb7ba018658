namespace MultiAsset.Host.Tests.Control;

/// <summary>One engine + control server shared by a test class (tests use distinct strategy ids).</summary>
public sealed class EngineServerFixture : IAsyncLifetime
{
    public ControlTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ControlTestServer.StartWithEngineAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
