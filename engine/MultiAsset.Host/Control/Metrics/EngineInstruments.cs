using System.Diagnostics.Metrics;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Host.Control.Metrics;

/// <summary>The observable instruments of <see cref="EngineMetrics"/>: callbacks run on the scrape, never on a stage thread.</summary>
internal static class EngineInstruments
{
    private static readonly MarketDataRejectReason[] RejectReasons = [.. Enum.GetValues<MarketDataRejectReason>().Where(r => r != MarketDataRejectReason.None)];

    public static void Register(Meter meter, EngineRuntime runtime, EngineStateCache state)
    {
        var pipeline = runtime.Pipeline;
        meter.CreateObservableCounter("mae.pipeline.stage.events", () => pipeline.Snapshot().Stages.Select(s => Tagged(s.EventsProcessed, "stage", s.Name)), null, "Events handed to each stage's handler (rate() gives events/s per stage).");
        meter.CreateObservableGauge("mae.pipeline.stage.backlog", () => pipeline.Snapshot().Stages.Select(s => Tagged(s.Backlog, "stage", s.Name)), null, "Published events a stage has not finished yet.");
        meter.CreateObservableGauge("mae.pipeline.ring.occupancy", () => pipeline.Snapshot().Rings.Select(r => Tagged(r.Occupancy, "ring", r.Name)), null, "Slots claimed and not yet released by every consumer.");
        meter.CreateObservableGauge("mae.pipeline.ring.size", () => pipeline.Snapshot().Rings.Select(r => Tagged((long)r.Size, "ring", r.Name)), null, "Slots in each ring.");
        meter.CreateObservableCounter("mae.pipeline.ring.full_waits", () => pipeline.Snapshot().Rings.Select(r => Tagged(r.FullRingWaits, "ring", r.Name)), null, "Times a producer found the ring full.");

        var counters = runtime.MarketData.Counters;
        meter.CreateObservableCounter("mae.marketdata.accepted", () => counters.Accepted, null, "Market-data events accepted.");
        meter.CreateObservableCounter("mae.marketdata.rejects", () => RejectReasons.Select(r => Tagged(counters[r], "reason", r.ToString())), null, "Market-data events rejected, by reason.");

        var stages = runtime.Stages;
        meter.CreateObservableCounter("mae.signals.intents", () => stages.Signals.IntentsPublished, null, "Trade intents published by the strategies.");
        meter.CreateObservableCounter("mae.coordination.orders", () => stages.Coordination.LastOrderId, null, "Orders created by coordination (the last order id).");
        meter.CreateObservableCounter("mae.risk.checked", () => stages.Risk.Checked, null, "Orders checked by the pre-trade risk gate.");
        meter.CreateObservableCounter("mae.risk.accepted", () => stages.Risk.Accepted, null, "Orders the pre-trade risk gate accepted.");
        meter.CreateObservableCounter("mae.router.child_orders", () => stages.Router.Counters.Children, null, "Child orders sent to venues.");
        meter.CreateObservableCounter("mae.router.rejects", () => stages.Router.Counters.Rejects, null, "Venue rejects.");
        meter.CreateObservableCounter("mae.accounts.fills", () => stages.Accounts.Fills, null, "Fills applied to the accounts.");
        OrderInstruments.Register(meter, stages);

        meter.CreateObservableCounter("mae.risk.verdicts", () => Verdicts(state), null, "Risk verdicts by outcome (QueryRisk, refreshed at most once a second).");
        meter.CreateObservableGauge("mae.account.pnl", () => Pnl(state), null, "Account P&L in the base currency by kind: realised, unrealised, daily, fees (QueryAccounts, refreshed at most once a second).");
        meter.CreateObservableGauge("mae.account.equity", () => state.Accounts.Select(a => new Measurement<double>((double)a.Equity.ToDecimal(), Tags(a.Key, a.BaseCurrency))), null, "Account equity in the base currency (QueryAccounts).");
        meter.CreateObservableGauge("mae.risk.correlation_breaks", () => state.Correlation?.Breaks ?? 0, null, "Instrument pairs whose live EWMA correlation is beyond the threshold from its long-run value (GET /risk/correlation; refreshed at most once a second).");
        meter.CreateObservableGauge("mae.risk.correlation_max_change", () => state.Correlation?.LargestChange ?? 0, null, "Largest |live − long-run| correlation over the pairs (0 until the long-run matrix is warm).");
        meter.CreateObservableCounter("mae.metrics.query_failures", () => state.Failures, null, "Metrics refresh queries the engine did not answer.");
    }

    private static IEnumerable<Measurement<long>> Verdicts(EngineStateCache state)
        => state.Risk is { } risk ? risk.Verdicts.Select(v => Tagged(v.Value, "verdict", v.Key)) : [];

    private static IEnumerable<Measurement<double>> Pnl(EngineStateCache state)
    {
        foreach (var a in state.Accounts)
        {
            yield return new Measurement<double>((double)a.RealisedPnl.ToDecimal(), Tags(a.Key, a.BaseCurrency, "realised"));
            yield return new Measurement<double>((double)a.UnrealisedPnl.ToDecimal(), Tags(a.Key, a.BaseCurrency, "unrealised"));
            yield return new Measurement<double>((double)a.DailyPnl.ToDecimal(), Tags(a.Key, a.BaseCurrency, "daily"));
            yield return new Measurement<double>((double)a.Fees.ToDecimal(), Tags(a.Key, a.BaseCurrency, "fees"));
        }
    }

    private static Measurement<long> Tagged(long value, string key, string tag) => new(value, new KeyValuePair<string, object?>(key, tag));

    private static KeyValuePair<string, object?>[] Tags(string account, string currency, string? kind = null)
        => kind is null
            ? [new("account", account), new("currency", currency)]
            : [new("account", account), new("currency", currency), new("kind", kind)];
}
