using MultiAsset.Engine.Journal;
using MultiAsset.Engine.Journal.Snapshots;

namespace MultiAsset.Engine.Tests.Journal.Snapshots;

/// <summary>
/// When the scheduler captures: every <c>everyEvents</c> events, unless the last capture's pause has not been paid for
/// under the pause budget. The clock is a counter that moves 1 000 ticks each time the scheduler reads it, so a
/// capture (two reads) lasts 1 000 ticks and the budget's gap is a known number of ticks.
/// </summary>
public sealed class SnapshotSchedulerTests : IDisposable
{
    private const long Step = 1000;
    private readonly string directory = Directory.CreateTempSubdirectory("mae-snapsched-").FullName;
    private long now;

    [Fact]
    public void Without_a_budget_limit_a_snapshot_is_captured_every_interval()
    {
        var captures = Run(everyEvents: 10_000, budgetPercent: 100, events: 100_000);
        Assert.Equal(10, captures.Count);
        Assert.Equal(0, deferred);
    }

    [Fact]
    public void With_a_budget_captures_take_at_most_that_share_of_the_time_between_them()
    {
        // 1 %: after a capture of 1 000 ticks the next waits 99 000 ticks; the clock is read about every 4 096
        // events, so that is about 99 checks, some 400 000 events, though one is due every 10 000.
        var captures = Run(everyEvents: 10_000, budgetPercent: 1, events: 2_000_000);
        Assert.InRange(captures.Count, 2, 10);
        for (int i = 1; i < captures.Count; i++)
        {
            var (start, end) = captures[i - 1];
            Assert.True(captures[i].Start - end >= 99 * (end - start), $"capture {i} started {captures[i].Start - end} ticks after the previous ended");
        }

        Assert.True(deferred > 0);
        var unlimited = Run(everyEvents: 10_000, budgetPercent: 100, events: 500_000);
        Assert.Equal(50, unlimited.Count);
    }

    private long deferred;

    private List<(long Start, long End)> Run(long everyEvents, double budgetPercent, long events)
    {
        var journalDirectory = Path.Combine(directory, Guid.NewGuid().ToString("N"));
        using var journal = JournalWriter.Open(new JournalOptions { Directory = journalDirectory, Durability = JournalDurability.Async, CompressClosedSegments = false });
        var options = new SnapshotOptions
        {
            Directory = Path.Combine(journalDirectory, "snapshots"),
            EveryEvents = everyEvents,
            Every = TimeSpan.Zero,
            PauseBudgetPercent = budgetPercent,
        };
        var captures = new List<(long, long)>();
        using var scheduler = new SnapshotScheduler(options, 1, [new State()], new StateGraphPolicy([]), journal, null, () => now += Step)
        {
            Captured = (start, end) => captures.Add((start, end)),
        };
        for (long i = 0; i < events; i++)
        {
            int before = captures.Count;
            scheduler.AfterEvent(i);
            if (captures.Count != before)
            {
                // Never let a trigger find the previous snapshot still being written: that skip is another rule.
                Assert.True(scheduler.WaitIdle(TimeSpan.FromSeconds(30)));
            }
        }

        Assert.Equal(0, scheduler.Skipped);
        deferred = scheduler.Deferred;
        return captures;
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private sealed class State
    {
        public long[] Values { get; set; } = [1, 2, 3];
    }
}
