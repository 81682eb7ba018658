using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using MultiAsset.Host.Control.Application;
using MultiAsset.Host.RiskAnalysis;

namespace MultiAsset.Host.Control.Metrics;

/// <summary>
/// The engine's OpenTelemetry instruments (meter <see cref="DefaultMeterName"/>), exported by the control sidecar at
/// <c>GET /metrics</c> in the Prometheus text format. Everything is read off the hot path: observable instruments read
/// the pipeline snapshot and the stages' monotonic counters when scraped (the same cross-thread reads as the host's
/// status line), values that are not monotonic counters (P&amp;L, equity, risk verdicts) come from the
/// <c>QueryAccounts</c>/<c>QueryRisk</c> commands through <see cref="EngineStateCache"/> (refreshed at most once a
/// second), and tick → order latencies come from <see cref="TickToOrderRecorder"/> (drained every 250 ms into a
/// histogram). See <c>Control/README.md</c> for the list.
/// </summary>
public sealed class EngineMetrics : IAsyncDisposable
{
    /// <summary>The meter name the host uses.</summary>
    public const string DefaultMeterName = "MultiAsset.Engine";

    private static readonly TimeSpan DrainPeriod = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan RefreshPeriod = TimeSpan.FromSeconds(1);
    private static readonly double[] LatencyBuckets =
        [1e-6, 2.5e-6, 5e-6, 1e-5, 2.5e-5, 5e-5, 1e-4, 2.5e-4, 5e-4, 1e-3, 2.5e-3, 5e-3, 1e-2, 2.5e-2, 0.1, 0.5, 1, 10];

    private readonly Meter meter;
    private readonly TickToOrderRecorder? recorder;
    private readonly Histogram<double>? latency;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    /// <summary>
    /// Creates the instruments over <paramref name="runtime"/> and starts the background loop (drain + refresh).
    /// <paramref name="recorder"/> must be installed as the risk stage's <c>OrderObserved</c> hook (null: no latency histogram).
    /// </summary>
    public EngineMetrics(EngineRuntime runtime, IEngineCommands commands, TickToOrderRecorder? recorder, string meterName = DefaultMeterName, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentException.ThrowIfNullOrWhiteSpace(meterName);
        MeterName = meterName;
        State = new EngineStateCache(commands, new CorrelationWatch(logger));
        this.recorder = recorder;
        meter = new Meter(meterName);
        EngineInstruments.Register(meter, runtime, State);
        if (recorder is not null)
        {
            latency = meter.CreateHistogram(
                "mae.tick_to_order.latency",
                "s",
                "Time from the source event's timestamp (feed round or command publish) to the order reaching the risk gate.",
                advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
            meter.CreateObservableCounter("mae.tick_to_order.skipped", () => recorder.Skipped, null, "Orders not timed: source timestamp not live clock time, or input slot possibly reused.");
            meter.CreateObservableCounter("mae.tick_to_order.clamped", () => recorder.Clamped, null, "Latency samples above the histogram's top (10 s), recorded as 10 s.");
            meter.CreateObservableCounter("mae.tick_to_order.lost", () => recorder.Lost, null, "Latency samples overwritten before the metrics loop read them.");
        }

        loop = Task.Run(() => RunAsync(stop.Token));
    }

    /// <summary>The meter's name (what the exporter listens to).</summary>
    public string MeterName { get; }

    /// <summary>The cached command answers (accounts, risk).</summary>
    public EngineStateCache State { get; }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        meter.Dispose();
        stop.Dispose();
    }

    /// <summary>Drains latency samples now (tests; the loop does it every 250 ms).</summary>
    public void DrainLatencies()
    {
        if (recorder is not null && latency is not null)
        {
            var histogram = latency;
            recorder.Drain(nanos => histogram.Record(nanos / 1e9));
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(DrainPeriod);
        var lastRefresh = DateTime.MinValue;
        do
        {
            DrainLatencies();
            if (DateTime.UtcNow - lastRefresh >= RefreshPeriod)
            {
                lastRefresh = DateTime.UtcNow;
                try
                {
                    await State.RefreshAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A failed query leaves the previous answers; the next refresh tries again.
                }
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }
}
