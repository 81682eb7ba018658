using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Host.Backtesting;

namespace MultiAsset.Host.ReplayDiff;

/// <summary>
/// Watches one side of a replay diff from the engine thread. Fills are recorded by the backtest's own recorder (the
/// same hook, the same book values — not a second copy of that code); after each input event this adds the input
/// sequence to what that event produced: the orders the coordination stage numbered during it (read from the router's
/// ledger, verdict included) and the fills the recorder booked during it. It only reads.
/// </summary>
internal sealed class ReplayRecorder : IChainObserver
{
    /// <summary>Sampling interval handed to the backtest recorder: one day (its equity samples are not used here).</summary>
    private const long EquityIntervalNs = 86_400_000_000_000;

    /// <summary>Child order ids are the parent's id × this + the child's index (<c>ChildOrderView.Id</c>).</summary>
    private const long ChildIdsPerParent = 4096;

    private readonly EngineStages stages;
    private readonly BacktestRecorder fills;
    private readonly MultiAsset.Engine.Routing.Orders.OrderReadModel orders;
    private readonly Dictionary<long, CapturedOrder> byId = [];
    private readonly Dictionary<(string, string, string, string), int> ordinals = [];
    private readonly Dictionary<long, int> fillOrdinals = [];
    private long lastOrderId;
    private int fillsSeen;
    private long lastTime;

    public ReplayRecorder(EngineStages stages)
    {
        this.stages = stages;
        fills = new BacktestRecorder(stages, EquityIntervalNs, InstrumentId.None);
        orders = stages.Router.ReadModel(stages.AccountNames.NameOf);
        lastOrderId = stages.Coordination.LastOrderId;
    }

    /// <summary>Every order, in creation order.</summary>
    public List<CapturedOrder> Orders { get; } = [];

    /// <summary>Every fill, in booking order.</summary>
    public List<CapturedFill> Fills { get; } = [];

    /// <summary>Orders created by the last input event: [<see cref="EventOrdersFrom"/>, Orders.Count).</summary>
    public int EventOrdersFrom { get; private set; }

    /// <summary>Fills booked during the last input event: [<see cref="EventFillsFrom"/>, Fills.Count).</summary>
    public int EventFillsFrom { get; private set; }

    /// <summary>Event time of the last input event.</summary>
    public long LastEventTime => lastTime;

    public void BeforeEvent(in InputEvent evt)
    {
        lastTime = evt.Timestamp;
        EventOrdersFrom = Orders.Count;
        EventFillsFrom = Fills.Count;
        fills.BeforeEvent(in evt);
    }

    public void AfterFeedback(in InputEvent evt) => fills.AfterFeedback(in evt);

    public void AfterEvent(long sequence)
    {
        fills.AfterEvent(sequence);
        var last = stages.Coordination.LastOrderId;
        for (var id = lastOrderId + 1; id <= last; id++)
        {
            if (orders.Order(stages.Router.Ledger, id, null) is not { } view)
            {
                continue; // an id the ledger never held (the router was full): nothing to compare
            }

            var tuple = (view.Account, view.Strategy, view.Symbol, view.Side);
            ordinals.TryGetValue(tuple, out var ordinal);
            ordinals[tuple] = ordinal + 1;
            var captured = new CapturedOrder(new ReplayOrderKey(view.Account, view.Strategy, view.Symbol, view.Side, ordinal), id, sequence, view);
            byId[id] = captured;
            Orders.Add(captured);
        }

        lastOrderId = Math.Max(lastOrderId, last);
        var recorded = fills.Fills;
        for (; fillsSeen < recorded.Count; fillsSeen++)
        {
            var fill = recorded[fillsSeen];
            var parent = fill.OrderId / ChildIdsPerParent;
            var symbol = stages.Router.Catalog[fill.Instrument].Symbol;
            var side = fill.Side == OrderSide.Buy ? "buy" : "sell";
            var orderKey = byId.TryGetValue(parent, out var order)
                ? order.Key
                : new ReplayOrderKey(stages.AccountNames.NameOf(fill.Account), $"#{fill.Strategy.Value}", symbol, side, -1);
            fillOrdinals.TryGetValue(parent, out var ordinal);
            fillOrdinals[parent] = ordinal + 1;
            Fills.Add(new CapturedFill(
                new ReplayFillKey(orderKey, ordinal), sequence, fill.TimestampNs, orderKey.Account, orderKey.Strategy, symbol, side,
                fill.Quantity.ToDecimal(), fill.Price.ToDecimal(), fill.Fee.ToDecimal(), stages.Router.VenueName(fill.Venue), fill.Liquidity.ToString(), fill.OrderId));
        }
    }

    /// <summary>At the end: each order as the ledger holds it now (null when it let go of it).</summary>
    public void Finish()
    {
        foreach (var order in Orders)
        {
            order.Final = orders.Order(stages.Router.Ledger, order.Id, null);
        }
    }
}
