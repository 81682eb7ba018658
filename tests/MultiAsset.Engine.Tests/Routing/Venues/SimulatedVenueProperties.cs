using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using static MultiAsset.Engine.Tests.Routing.Venues.VenueTestSupport;

namespace MultiAsset.Engine.Tests.Routing.Venues;

/// <summary>
/// Random streams of quotes, orders (any type, size and limit) and cancels: no order is ever filled beyond its quantity, and
/// every accepted market or IOC order ends with fills + cancelled = its quantity.
/// </summary>
public class SimulatedVenueProperties
{
    private static Arbitrary<Step[]> Streams { get; } = Gen.ArrayOf(
            from kind in Gen.Choose(0, 9)
            from type in Gen.Elements(OrderType.Market, OrderType.Limit, OrderType.ImmediateOrCancel)
            from buy in Gen.Elements(true, false)
            from lots in Gen.OneOf(Gen.Choose(1, 50), Gen.Choose(1, 600))
            from offset in Gen.Choose(-8, 8)
            from move in Gen.Choose(-5, 5)
            select new Step(kind, type, buy, lots, offset, move))
        .ToArbitrary();

    [Property(MaxTest = 200)]
    public Property FillsNeverExceedTheOrder_AndImmediateOrdersAreFullyAccountedFor() => Prop.ForAll(Streams, steps =>
    {
        var failure = Run(steps);
        return (failure is null).ToProperty().Label(failure ?? "ok");
    });

    private static string? Run(Step[] steps)
    {
        var venue = Venue(Definition(jitterNanos: 700 * Microsecond, rejectProbability: 0.05, maxWorkingOrders: 32, maxPendingReports: 1024));
        var orders = new Dictionary<long, (OrderType Type, decimal Quantity)>();
        var reports = new List<InputEvent>();
        long now = MondayOpen;
        long mid = 10_000; // cents
        long nextId = 1;
        foreach (var step in steps)
        {
            now += 100 * Microsecond;
            if (step.Kind < 3)
            {
                mid = Math.Max(100, mid + step.Move);
                venue.QuoteStock(now, mid / 100m, (mid + 2) / 100m);
            }
            else if (step.Kind < 9)
            {
                long id = nextId++;
                decimal limit = (mid + step.Offset) / 100m;
                var request = Order(id, Stock, step.Buy ? OrderSide.Buy : OrderSide.Sell, step.Type, step.Lots, step.Type == OrderType.Market ? 0 : limit);
                if (venue.Submit(request, now))
                {
                    orders[id] = (step.Type, step.Lots);
                }
            }
            else if (nextId > 1)
            {
                venue.Cancel(1 + (step.Lots % (nextId - 1)), now);
            }

            reports.AddRange(venue.Drain(now));
        }

        reports.AddRange(venue.Drain(now + 1_000_000_000));
        foreach (var (id, order) in orders)
        {
            var mine = reports.Where(r => r.Execution.OrderId == id).Select(r => r.Execution).ToList();
            decimal filled = mine.Where(e => e.Type == ExecutionType.Fill).Sum(e => e.Quantity.Dec());
            decimal cancelled = mine.Where(e => e.Type == ExecutionType.Cancelled).Sum(e => e.Quantity.Dec());
            bool rejected = mine.Any(e => e.Type == ExecutionType.Reject && e.RejectReason != VenueRejectReason.UnknownOrder);
            if (filled > order.Quantity)
            {
                return $"order {id} filled {filled} > {order.Quantity}";
            }

            if (mine.Any(e => e.Type == ExecutionType.Fill && e.Quantity.Raw <= 0))
            {
                return $"order {id} has an empty fill";
            }

            if (rejected && (filled > 0 || cancelled > 0))
            {
                return $"order {id} was rejected yet filled {filled} / cancelled {cancelled}";
            }

            if (!rejected && order.Type != OrderType.Limit && filled + cancelled != order.Quantity)
            {
                return $"{order.Type} order {id}: filled {filled} + cancelled {cancelled} != {order.Quantity}";
            }

            if (!rejected && filled + cancelled > order.Quantity)
            {
                return $"order {id}: filled {filled} + cancelled {cancelled} > {order.Quantity}";
            }
        }

        return null;
    }

    public sealed record Step(int Kind, OrderType Type, bool Buy, int Lots, int Offset, int Move);
}
