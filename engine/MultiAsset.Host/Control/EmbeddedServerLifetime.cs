using Microsoft.Extensions.Hosting;

namespace MultiAsset.Host.Control;

/// <summary>
/// The control server's host lifetime: none of its own. The control server is a part of the engine host, started and
/// stopped by <see cref="ControlHostedService"/>; with ASP.NET Core's default console lifetime it would also register
/// for SIGINT/SIGTERM beside the engine host — two registrations racing for the same signal, one of which only stops
/// Kestrel (a SIGINT sent while the control server was starting was seen to stop nothing).
/// </summary>
internal sealed class EmbeddedServerLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
