using MultiAsset.Engine.Journal.Audit;
using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Compliance;

/// <summary>
/// Folds audit-trail records into <see cref="OrderLifecycle"/>s (parent orders with their children), keeping the
/// orders created inside the scope's window and accounts; records about an order created before the window are ignored.
/// </summary>
public sealed class OrderLifecycleFold(ReportScope scope)
{
    private readonly Dictionary<long, OrderLifecycle> orders = [];
    private readonly List<OrderLifecycle> ordered = [];

    /// <summary>The orders, in creation order.</summary>
    public IReadOnlyList<OrderLifecycle> Orders => ordered;

    /// <summary>Folds every record of the trail in <paramref name="directory"/>.</summary>
    public static OrderLifecycleFold Read(string directory, ReportScope scope)
    {
        var fold = new OrderLifecycleFold(scope);
        using var reader = AuditTrailReader.Open(directory);
        while (reader.TryRead(out var record))
        {
            fold.Add(in record);
        }

        return fold;
    }

    /// <summary>Folds one record.</summary>
    public void Add(in AuditRecord r)
    {
        if (r.Type == AuditEventType.OrderCreated)
        {
            if (!scope.InWindow(r.Timestamp) || !scope.Covers(r.Account) || orders.ContainsKey(r.OrderId))
            {
                return;
            }

            var order = new OrderLifecycle
            {
                OrderId = r.OrderId,
                CreatedAt = r.Timestamp,
                CreatedSequence = r.InputSequence,
                Account = r.Account,
                Strategy = r.Strategy,
                Instrument = r.Instrument,
                Side = r.Side,
                Type = r.OrderType,
                Algorithm = r.Algorithm,
                Quantity = r.Quantity,
                ArrivalPrice = r.Price,
                LastSequence = r.InputSequence,
                LastAt = r.Timestamp,
            };
            orders.Add(r.OrderId, order);
            ordered.Add(order);
            return;
        }

        if (r.OrderId == 0 || !orders.TryGetValue(r.OrderId, out var o))
        {
            return;
        }

        o.LastSequence = r.InputSequence;
        o.LastAt = r.Timestamp;
        switch (r.Type)
        {
            case AuditEventType.RiskAccepted:
                o.Verdict = AuditVerdict.Accepted;
                break;
            case AuditEventType.RiskRefused:
                o.Verdict = AuditVerdict.Refused;
                break;
            case AuditEventType.RiskHeld:
                o.Verdict = AuditVerdict.Held;
                break;
            case AuditEventType.ChildRouted:
                o.Children.Add(new ChildOrderLifecycle
                {
                    ChildOrderId = r.ChildOrderId,
                    Venue = r.Venue,
                    Type = r.OrderType,
                    Routed = r.Quantity,
                    Limit = r.Price,
                    RoutedAt = r.Timestamp,
                });
                break;
            case AuditEventType.VenueAck when Child(o, r.ChildOrderId) is { } acked:
                acked.AckAt ??= r.Timestamp;
                break;
            case AuditEventType.Fill when Child(o, r.ChildOrderId) is { } filled:
                filled.Filled += r.Quantity;
                filled.FilledNotional += Quantity.FromRaw(r.Quantity).ToDecimal() * Price.FromRaw(r.Price).ToDecimal();
                filled.Fees += Money.FromRaw(r.Value).ToDecimal();
                break;
            case AuditEventType.Cancelled when Child(o, r.ChildOrderId) is { } cancelled:
                cancelled.Cancelled += r.Quantity;
                break;
            case AuditEventType.VenueReject when Child(o, r.ChildOrderId) is { } rejected:
                rejected.Rejected = true;
                break;
        }
    }

    private static ChildOrderLifecycle? Child(OrderLifecycle order, long child)
    {
        // Newest first: a report is almost always about the child routed last.
        for (var i = order.Children.Count - 1; i >= 0; i--)
        {
            if (order.Children[i].ChildOrderId == child)
            {
                return order.Children[i];
            }
        }

        return null;
    }
}
