using System.Diagnostics.Metrics;

namespace MultiAsset.Host.Control.Metrics;

/// <summary>
/// The order counters (docs/orders.md, "Counters") as observable instruments: the same numbers the status line, the
/// execution-quality report's <c>counts</c> and <c>maectl orders</c> show. Read on the scrape from the router's order
/// ledger (single 64-bit reads of counters the engine thread writes).
/// </summary>
internal static class OrderInstruments
{
    public static void Register(Meter meter, EngineStages stages)
    {
        var ledger = stages.Router.Ledger;
        var counters = stages.Router.Counters;
        meter.CreateObservableCounter("mae.orders", () => ledger.Orders, null, "Parent orders (strategy and operator) the router saw, any verdict (= coordination's orders).");
        meter.CreateObservableCounter("mae.orders.accepted", () => ledger.Accepted, null, "Orders the risk gate accepted (at once or at the open after a hold).");
        meter.CreateObservableCounter("mae.orders.refused", () => ledger.Refused, null, "Orders that ended refused (risk gate, or router without a slot).");
        meter.CreateObservableCounter("mae.orders.filled", () => ledger.Filled, null, "Orders completely filled.");
        meter.CreateObservableCounter("mae.orders.cancelled", () => ledger.Cancelled, null, "Orders cancelled (kill switch, immediate-or-cancel rest).");
        meter.CreateObservableCounter("mae.orders.expired", () => ledger.Expired, null, "Day orders expired at their session's close.");
        meter.CreateObservableGauge("mae.orders.held", () => ledger.HeldNow, null, "Orders held until the open now.");
        meter.CreateObservableGauge("mae.orders.open", () => ledger.OpenCount, null, "Orders open now (accepted, working, partially filled, held).");
        meter.CreateObservableCounter("mae.router.fills", () => counters.Fills, null, "Fill reports from venues (= fills applied to the accounts).");
    }
}
