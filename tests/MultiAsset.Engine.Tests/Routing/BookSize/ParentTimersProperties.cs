using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MultiAsset.Engine.Routing.Stage;

namespace MultiAsset.Engine.Tests.Routing.BookSize;

/// <summary>
/// The router's heartbeat schedule against a dictionary scanned the slow way: after any mix of sets, moves and removes,
/// popping everything due at a time returns exactly the slots a scan would find due, earliest first (ties by slot).
/// </summary>
public sealed class ParentTimersProperties
{
    private const int Slots = 32;

    private static Arbitrary<(int Kind, int Slot, int Time)[]> Steps { get; } = Gen.ArrayOf(
            from kind in Gen.Choose(0, 9)
            from slot in Gen.Choose(0, Slots - 1)
            from time in Gen.Choose(0, 50)
            select (kind, slot, time))
        .ToArbitrary();

    [Property(MaxTest = 300)]
    public Property PopDue_ReturnsExactlyWhatAScanFindsDue_InOrder() => Prop.ForAll(Steps, steps =>
    {
        var timers = new ParentTimers(Slots);
        var model = new Dictionary<int, long>();
        foreach (var (kind, slot, time) in steps)
        {
            switch (kind)
            {
                case < 6:
                    timers.Set(slot, time);
                    model[slot] = time;
                    break;
                case < 8:
                    timers.Remove(slot);
                    model.Remove(slot);
                    break;
                default:
                    var expected = model.Where(p => p.Value <= time).OrderBy(p => p.Value).ThenBy(p => p.Key).Select(p => p.Key).ToList();
                    var popped = new List<int>();
                    while (timers.TryPopDue(time, out var due))
                    {
                        popped.Add(due);
                    }

                    foreach (var s in expected)
                    {
                        model.Remove(s);
                    }

                    if (!expected.SequenceEqual(popped))
                    {
                        return false.ToProperty().Label($"at {time}: popped [{string.Join(",", popped)}], scan [{string.Join(",", expected)}]");
                    }

                    break;
            }

            if (timers.Count != model.Count || timers.NextDue != (model.Count == 0 ? long.MaxValue : model.Values.Min()))
            {
                return false.ToProperty().Label($"count {timers.Count} vs {model.Count}, next {timers.NextDue}");
            }
        }

        return true.ToProperty();
    });
}
