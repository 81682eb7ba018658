using Microsoft.Extensions.Hosting;
using MultiAsset.Host.Control.Application;

namespace MultiAsset.Host.Control.Alerts;

/// <summary>
/// Looks at the risk state once a second for the <see cref="AlertMonitor"/> (one risk query; the same read path as
/// <c>GET /risk/analysis</c>, never journalled) while the control server runs.
/// </summary>
internal sealed class AlertLoop(ControlService service) : BackgroundService
{
    /// <summary>How often the state is looked at.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        try
        {
            do
            {
                // A look that fails (the engine recovering or stopping) is simply skipped: the next one compares.
                await service.ObserveAlertsAsync(stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
