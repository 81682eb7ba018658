using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.MarketData.Replay;

/// <summary>
/// Lays a <see cref="PricePathShock"/> over a source: every price of a quote, trade, bar or reference event is scaled
/// by the path's multiple at the event's time and rounded half away from zero to the instrument's tick (at least one
/// tick). The same multiple for every price of an event keeps bid ≤ ask and low ≤ open, close ≤ high. Rejected rows
/// and other events pass untouched. A path stress: the shocked prices enter the engine as input, so stops, the gate
/// and the strategies respond to them as they would live, and a journalled run records them.
/// </summary>
public sealed class ShockedEventSource : IEventSource
{
    private readonly IEventSource inner;
    private readonly PricePathShock shock;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    public ShockedEventSource(IEventSource inner, PricePathShock shock)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(shock);
        shock.Validate();
        this.inner = inner;
        this.shock = shock;
    }

    /// <summary>Events whose prices were changed.</summary>
    public long Shocked { get; private set; }

    /// <inheritdoc />
    public EventSourceStats Stats => inner.Stats;

    /// <inheritdoc />
    public bool TryRead(ref InputEvent evt)
    {
        if (!inner.TryRead(ref evt))
        {
            return false;
        }

        var id = evt.Instrument.Value;
        if (!evt.IsMarketData || evt.Reject != MarketDataRejectReason.None || (uint)id >= (uint)shock.Multiples.Count || shock.Multiples[id] == 1)
        {
            return true;
        }

        var m = shock.MultipleAt(shock.Multiples[id], evt.Timestamp);
        if (m == 1)
        {
            return true;
        }

        var tick = shock.TickRaw[id];
        switch (evt.Kind)
        {
            case InputEventKind.Quote:
                evt.Quote.Bid = Scale(evt.Quote.Bid, m, tick);
                evt.Quote.Ask = Scale(evt.Quote.Ask, m, tick);
                break;
            case InputEventKind.Trade:
                evt.Trade.Price = Scale(evt.Trade.Price, m, tick);
                break;
            case InputEventKind.Bar:
                evt.Bar.Open = Scale(evt.Bar.Open, m, tick);
                evt.Bar.High = Scale(evt.Bar.High, m, tick);
                evt.Bar.Low = Scale(evt.Bar.Low, m, tick);
                evt.Bar.Close = Scale(evt.Bar.Close, m, tick);
                break;
            case InputEventKind.Reference:
                evt.Reference.Value = Scale(evt.Reference.Value, m, tick);
                break;
        }

        Shocked++;
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => inner.Dispose();

    /// <summary>price × m in raw units, rounded half away from zero to the tick; a positive price stays at least one tick.</summary>
    internal static Price Scale(Price price, double m, long tick)
    {
        if (price.Raw <= 0)
        {
            return price;                         // absent (0) or invalid: the market-data stage judges it
        }

        var scaled = price.Raw * m;
        if (tick <= 0)
        {
            return Price.FromRaw((long)Math.Round(scaled, MidpointRounding.AwayFromZero));
        }

        var ticks = Math.Max(1, (long)Math.Round(scaled / tick, MidpointRounding.AwayFromZero));
        return Price.FromRaw(ticks * tick);
    }
}
