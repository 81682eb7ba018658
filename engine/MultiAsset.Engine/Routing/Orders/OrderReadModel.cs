using System.Globalization;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Routing.Algorithms;

namespace MultiAsset.Engine.Routing.Orders;

/// <summary>
/// Copies rows of the <see cref="OrderLedger"/> into views for the control API. Query path only (allocates); call on the
/// engine thread between two input events.
/// </summary>
public sealed class OrderReadModel(InstrumentCatalog catalog, Func<AccountId, string> accountName, Func<StrategyId, string?> strategyName, Func<VenueId, string> venueName)
{
    /// <summary>The strategy name of operator orders.</summary>
    public const string OperatorStrategy = "operator";

    private static readonly string[] ChildStatuses = ["sent", "acked", "partiallyFilled", "filled", "cancelled", "rejected"];

    /// <summary>Orders matching <paramref name="filter"/>, newest first (a batch's, by source, oldest first), at most its limit.</summary>
    public List<OrderView> Orders(OrderLedger ledger, in OrderFilter filter, int limit)
    {
        var rows = new List<(long Id, int Slot)>();
        var slots = ledger.OrderSlots;
        for (var i = 0; i < slots.Length; i++)
        {
            if (filter.Matches(in slots[i], strategyName))
            {
                rows.Add((slots[i].OrderId, i));
            }
        }

        if (filter.Source >= 0)
        {
            rows.Sort((a, b) => a.Id.CompareTo(b.Id));
        }
        else
        {
            rows.Sort((a, b) => b.Id.CompareTo(a.Id));
        }

        var views = new List<OrderView>(Math.Min(limit, rows.Count));
        for (var i = 0; i < rows.Count && i < limit; i++)
        {
            views.Add(View(in ledger.OrderSlots[rows[i].Slot]));
        }

        return views;
    }

    /// <summary>One order with its children and fills (those still in the ledger's rings), or null when the ledger does not hold it.</summary>
    public OrderView? Order(OrderLedger ledger, long id, bool[]? scope)
    {
        var slot = ledger.SlotOf(id);
        if (slot < 0)
        {
            return null;
        }

        ref readonly var o = ref ledger.OrderSlots[slot];
        if (scope is not null && ((uint)o.Account.Value >= (uint)scope.Length || !scope[o.Account.Value]))
        {
            return null;
        }

        var children = new List<(long Id, int Slot)>();
        var childSlots = ledger.ChildSlots;
        for (var i = 0; i < childSlots.Length; i++)
        {
            if (childSlots[i].ChildId != 0 && childSlots[i].ParentId == id)
            {
                children.Add((childSlots[i].ChildId, i));
            }
        }

        children.Sort((a, b) => a.Id.CompareTo(b.Id));
        var fills = new List<FillView>();
        var fillSlots = ledger.FillSlots;
        for (var i = 0; i < fillSlots.Length; i++)
        {
            if (fillSlots[i].FillId != 0 && fillSlots[i].OrderId == id)
            {
                fills.Add(View(in fillSlots[i]));
            }
        }

        fills.Sort((a, b) => a.Id.CompareTo(b.Id));
        var childViews = new List<ChildOrderView>(children.Count);
        foreach (var (_, childSlot) in children)
        {
            childViews.Add(View(in ledger.ChildSlots[childSlot]));
        }

        return View(in o) with { Children = childViews, Fills = fills };
    }

    /// <summary>Fills matching <paramref name="filter"/>, newest first, at most <paramref name="limit"/>.</summary>
    public List<FillView> Fills(OrderLedger ledger, in OrderFilter filter, int limit)
    {
        var rows = new List<(long Id, int Slot)>();
        var slots = ledger.FillSlots;
        for (var i = 0; i < slots.Length; i++)
        {
            if (filter.Matches(in slots[i], strategyName))
            {
                rows.Add((slots[i].FillId, i));
            }
        }

        rows.Sort((a, b) => b.Id.CompareTo(a.Id));
        var views = new List<FillView>(Math.Min(limit, rows.Count));
        for (var i = 0; i < rows.Count && i < limit; i++)
        {
            views.Add(View(in ledger.FillSlots[rows[i].Slot]));
        }

        return views;
    }

    /// <summary>ISO-8601 UTC of an event time in Unix nanoseconds (100 ns resolution).</summary>
    public static string Time(long unixNanos) => new DateTime(DateTime.UnixEpoch.Ticks + (unixNanos / 100), DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private OrderView View(in LedgerOrder o)
    {
        var instrument = catalog[o.Instrument];
        return new OrderView
        {
            Id = o.OrderId,
            Account = accountName(o.Account),
            Strategy = OrderFilter.StrategyName(o.Strategy, strategyName),
            Symbol = instrument.Symbol,
            AssetClass = AssetClassNames.ToSeedName(instrument.AssetClass),
            Side = o.Side == OrderSide.Buy ? "buy" : "sell",
            Quantity = Quantity.FromRaw(o.QuantityRaw).ToDecimal(),
            Type = o.Type == OrderType.Market ? "market" : "limit",
            LimitPrice = o.Type == OrderType.Market ? null : Price.FromRaw(o.LimitPriceRaw).ToDecimal(),
            TimeInForce = o.TimeInForce switch { TimeInForce.Day => "day", TimeInForce.ImmediateOrCancel => "ioc", _ => o.Type == OrderType.ImmediateOrCancel ? "ioc" : "gtc" },
            Algorithm = Enum.IsDefined(o.Algorithm) ? ExecutionAlgorithmNames.ToName(o.Algorithm) : o.Algorithm.ToString(),
            Reason = o.Reason.ToString(),
            Status = OrderStatusNames.Name(o.Status),
            RiskVerdict = o.Verdict.ToString(),
            EndReason = o.EndReason == OrderEndReason.None ? null : OrderStatusNames.Name(o.EndReason),
            FilledQuantity = Quantity.FromRaw(o.FilledRaw).ToDecimal(),
            RemainingQuantity = Quantity.FromRaw(Math.Max(0, o.QuantityRaw - o.FilledRaw)).ToDecimal(),
            AveragePrice = o.FilledRaw > 0 ? Price.FromRaw(o.AveragePriceRaw).ToDecimal() : null,
            Fees = Money.FromRaw(o.FeesRaw).ToDecimal(),
            Currency = instrument.QuoteCurrency,
            ChildCount = o.Children,
            FillCount = o.Fills,
            CreatedAt = Time(o.CreatedTime),
            UpdatedAt = Time(o.UpdatedTime),
            HeldUntil = o.Status == OrderStatus.HeldUntilOpen && o.ReleaseTime > 0 ? Time(o.ReleaseTime) : null,
            ExpiresAt = o.ExpireTime > 0 ? Time(o.ExpireTime) : null,
            DoneAt = o.DoneTime > 0 ? Time(o.DoneTime) : null,
            SourceSequence = o.SourceSequence,
        };
    }

    private ChildOrderView View(in LedgerChild c) => new()
    {
        Id = c.ChildId,
        Venue = VenueName(c.Venue),
        Type = c.Type switch { OrderType.Limit => "limit", OrderType.ImmediateOrCancel => "ioc", _ => "market" },
        Quantity = Quantity.FromRaw(c.QuantityRaw).ToDecimal(),
        LimitPrice = c.Type == OrderType.Market ? null : Price.FromRaw(c.LimitPriceRaw).ToDecimal(),
        FilledQuantity = Quantity.FromRaw(c.FilledRaw).ToDecimal(),
        ClosedQuantity = Quantity.FromRaw(c.ClosedRaw).ToDecimal(),
        Status = (int)c.Status < ChildStatuses.Length ? ChildStatuses[(int)c.Status] : c.Status.ToString(),
        RejectReason = c.Status == ChildStatus.Rejected ? c.RejectReason.ToString() : null,
        AveragePrice = c.FilledRaw > 0 ? Price.FromRaw((long)(c.NotionalRaw / c.FilledRaw)).ToDecimal() : null,
        Fees = Money.FromRaw(c.FeesRaw).ToDecimal(),
        SentAt = Time(c.SentTime),
        AckAt = c.AckTime >= 0 ? Time(c.AckTime) : null,
    };

    private FillView View(in LedgerFill f) => new()
    {
        Id = f.FillId,
        OrderId = f.OrderId,
        ChildId = f.ChildId,
        Account = accountName(f.Account),
        Strategy = OrderFilter.StrategyName(f.Strategy, strategyName),
        Symbol = catalog[f.Instrument].Symbol,
        Side = f.Side == OrderSide.Buy ? "buy" : "sell",
        Quantity = Quantity.FromRaw(f.QuantityRaw).ToDecimal(),
        Price = Price.FromRaw(f.PriceRaw).ToDecimal(),
        Fee = Money.FromRaw(f.FeeRaw).ToDecimal(),
        Currency = catalog[f.Instrument].QuoteCurrency,
        Venue = VenueName(f.Venue),
        Liquidity = f.Liquidity.ToString(),
        Time = Time(f.Time),
    };

    private string VenueName(short venue) => venue >= 0 ? venueName(new VenueId(venue)) : "-";
}
