using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Routing.Venues;

namespace MultiAsset.Engine.Tests.Routing.BookSize;

/// <summary>
/// The venue's price-time queues against a plain list scanned the slow way: after any mix of adds and removes, the best
/// order of each instrument and side is exactly the one a scan would pick (best limit, then earliest arrival), and
/// draining a queue yields every order in full price-time order.
/// </summary>
public sealed class RestingOrderPoolProperties
{
    private const int Instruments = 3;

    private static Arbitrary<(int Kind, int Instrument, bool Buy, int Limit, int Pick)[]> Steps { get; } = Gen.ArrayOf(
            from kind in Gen.Choose(0, 9)
            from instrument in Gen.Choose(0, Instruments - 1)
            from buy in Gen.Elements(true, false)
            from limit in Gen.Choose(95, 105)
            from pick in Gen.Choose(0, 1000)
            select (kind, instrument, buy, limit, pick))
        .ToArbitrary();

    [Property(MaxTest = 300)]
    public Property Best_IsWhatAScanWouldPick() => Prop.ForAll(Steps, steps =>
    {
        var pool = new RestingOrderPool(64, Instruments);
        var model = new List<(long Id, int Instrument, bool Buy, long Limit, long Arrival)>();
        long nextId = 1;
        foreach (var (kind, instrument, buy, limit, pick) in steps)
        {
            if (kind < 6 && !pool.IsFull)
            {
                var order = new RestingOrder
                {
                    ChildOrderId = nextId,
                    Instrument = new InstrumentId(instrument),
                    Side = buy ? OrderSide.Buy : OrderSide.Sell,
                    Limit = limit,
                    Remaining = 1,
                };
                Assert.True(pool.TryAdd(order, out _));
                model.Add((nextId, instrument, buy, limit, nextId));
                nextId++;
            }
            else if (model.Count > 0)
            {
                var victim = model[pick % model.Count];
                Assert.True(pool.TryFind(victim.Id, out var slot));
                if (kind == 9)
                {
                    // Detach and attach again: the order keeps its place in the queue.
                    pool.Detach(slot);
                    pool.Attach(slot);
                }
                else
                {
                    pool.Remove(slot);
                    model.Remove(victim);
                }
            }

            for (var i = 0; i < Instruments; i++)
            {
                foreach (var side in new[] { true, false })
                {
                    var expected = ScanBest(model, i, side);
                    var best = pool.Best(new InstrumentId(i), side);
                    var actual = best < 0 ? 0 : pool[best].ChildOrderId;
                    if (expected != actual)
                    {
                        return false.ToProperty().Label($"instrument {i} {(side ? "buy" : "sell")}: scan {expected}, queue {actual}");
                    }
                }
            }
        }

        // Draining every queue gives full price-time order.
        for (var i = 0; i < Instruments; i++)
        {
            foreach (var side in new[] { true, false })
            {
                var expected = model.Where(o => o.Instrument == i && o.Buy == side)
                    .OrderBy(o => side ? -o.Limit : o.Limit).ThenBy(o => o.Arrival).Select(o => o.Id).ToList();
                var drained = new List<long>();
                for (var best = pool.Best(new InstrumentId(i), side); best >= 0; best = pool.Best(new InstrumentId(i), side))
                {
                    drained.Add(pool[best].ChildOrderId);
                    pool.Remove(best);
                }

                if (!expected.SequenceEqual(drained))
                {
                    return false.ToProperty().Label($"drain {i} {side}: [{string.Join(",", drained)}] vs [{string.Join(",", expected)}]");
                }
            }
        }

        return (pool.Count == 0).ToProperty();
    });

    private static long ScanBest(List<(long Id, int Instrument, bool Buy, long Limit, long Arrival)> model, int instrument, bool buy)
    {
        long best = 0;
        long bestLimit = 0;
        long bestArrival = long.MaxValue;
        foreach (var o in model)
        {
            if (o.Instrument != instrument || o.Buy != buy)
            {
                continue;
            }

            var better = best == 0 || (buy ? o.Limit > bestLimit : o.Limit < bestLimit) || (o.Limit == bestLimit && o.Arrival < bestArrival);
            if (better)
            {
                best = o.Id;
                bestLimit = o.Limit;
                bestArrival = o.Arrival;
            }
        }

        return best;
    }
}
