using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Risk;

namespace MultiAsset.Engine.Tests.Risk.Stage;

/// <summary>
/// The held orders' heap against a list scanned the slow way: after any mix of holds, releases and kill-switch drops,
/// the orders released at a time are exactly those a scan finds due, earliest release first, then in the order held.
/// </summary>
public sealed class HeldOrdersProperties
{
    private static Arbitrary<(int Kind, int Account, int Time)[]> Steps { get; } = Gen.ArrayOf(
            from kind in Gen.Choose(0, 9)
            from account in Gen.Choose(0, 2)
            from time in Gen.Choose(0, 40)
            select (kind, account, time))
        .ToArbitrary();

    [Property(MaxTest = 300)]
    public Property Releases_AreWhatAScanFindsDue_InOrder() => Prop.ForAll(Steps, steps =>
    {
        var held = new HeldOrders();
        var model = new List<(long Id, int Account, long Release, long Held)>();
        long nextId = 1;
        foreach (var (kind, account, time) in steps)
        {
            if (kind < 6)
            {
                var order = new OrderEvent { OrderId = nextId, Account = new AccountId(account) };
                Assert.True(held.TryHold(in order, time));
                model.Add((nextId, account, time, nextId));
                nextId++;
            }
            else if (kind < 9)
            {
                var expected = model.Where(o => o.Release <= time).OrderBy(o => o.Release).ThenBy(o => o.Held).Select(o => o.Id).ToList();
                var released = new List<long>();
                while (held.TryTakeDue(time, out var order))
                {
                    released.Add(order.OrderId);
                }

                model.RemoveAll(o => o.Release <= time);
                if (!expected.SequenceEqual(released))
                {
                    return false.ToProperty().Label($"at {time}: [{string.Join(",", released)}] vs scan [{string.Join(",", expected)}]");
                }
            }
            else
            {
                held.Drop(new AccountId(account));
                model.RemoveAll(o => o.Account == account);
            }

            var next = model.Count == 0 ? long.MaxValue : model.Min(o => o.Release);
            if (held.Count != model.Count || held.NextDue != next)
            {
                return false.ToProperty().Label($"count {held.Count} vs {model.Count}, next {held.NextDue} vs {next}");
            }
        }

        return true.ToProperty();
    });
}
