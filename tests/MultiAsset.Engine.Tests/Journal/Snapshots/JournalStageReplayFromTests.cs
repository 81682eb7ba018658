using MultiAsset.Engine.Journal;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Tests.Journal.Snapshots;

/// <summary>Recovery from a snapshot replays only the journal tail: the journaller skips exactly those records and appends what follows.</summary>
public sealed class JournalStageReplayFromTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("mae-replayfrom-").FullName;

    [Fact]
    public void After_a_snapshot_only_the_tail_is_skipped_and_new_input_is_appended_after_it()
    {
        using (var writer = JournalWriter.Open(Options()))
        {
            var stage = new JournalStage(writer, JournalDurability.Sync, new SimulatedClock(5));
            for (var i = 0; i < 10; i++)
            {
                var evt = Quote(i);
                stage.OnEvent(ref evt, i, i == 9);
            }
        }

        using (var writer = JournalWriter.Open(Options()))
        {
            var stage = new JournalStage(writer, JournalDurability.Sync, new SimulatedClock(6));
            stage.ReplayFrom(7); // a snapshot holds records [0, 7): records 7, 8, 9 are replayed
            Assert.Equal(10, stage.RecoveredRecords);
            Assert.Equal(3, stage.ReplayedRecords);
            for (var i = 7; i < 13; i++)
            {
                var evt = Quote(i);
                stage.OnEvent(ref evt, i - 7, i == 12);
            }

            Assert.Equal(13, writer.NextSequence);
            Assert.Throws<ArgumentOutOfRangeException>(() => stage.ReplayFrom(11));
        }

        using var reader = JournalReader.Open(directory);
        var timestamps = new List<long>();
        while (reader.TryRead(out var record))
        {
            timestamps.Add(record.ReadInputEvent().Timestamp);
        }

        Assert.Equal(Enumerable.Range(0, 13).Select(i => 1_000L + i), timestamps);
    }

    private static InputEvent Quote(long i)
    {
        var evt = default(InputEvent);
        evt.SetQuote(new InstrumentId(1), 1_000 + i, Price.FromRaw(100), Price.FromRaw(200), Quantity.FromRaw(1), Quantity.FromRaw(1));
        return evt;
    }

    private JournalOptions Options() => new()
    {
        Directory = directory,
        Durability = JournalDurability.Sync,
        SegmentSize = JournalOptions.MinimumSegmentSize,
        CompressClosedSegments = false,
    };

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
