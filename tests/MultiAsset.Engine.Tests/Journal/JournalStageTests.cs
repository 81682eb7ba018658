using MultiAsset.Engine.Journal;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Tests.Journal;

public sealed class JournalStageTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("mae-journal-stage-").FullName;

    private static InputEvent Quote(long i)
    {
        var evt = default(InputEvent);
        evt.SetQuote(new InstrumentId(1), 1_000 + i, Price.FromRaw(100), Price.FromRaw(200), Quantity.FromRaw(1), Quantity.FromRaw(1));
        evt.Verdict = MarketDataRejectReason.CrossedQuote; // derived state that must not reach the journal
        return evt;
    }

    private JournalOptions Options(Func<string, long, FileStream>? create = null) => new()
    {
        Directory = directory,
        Durability = JournalDurability.Sync,
        SegmentSize = JournalOptions.MinimumSegmentSize,
        CompressClosedSegments = false,
        CreateSegmentFile = create ?? ((path, size) => new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read)),
    };

    [Fact]
    public void OnEvent_AppendsInputWithTheVerdictZeroed_AndSkipsReplayedRecordsAfterRestart()
    {
        using (var writer = JournalWriter.Open(Options()))
        {
            var stage = new JournalStage(writer, JournalDurability.Sync, new SimulatedClock(5));
            for (var i = 0; i < 10; i++)
            {
                var evt = Quote(i);
                stage.OnEvent(ref evt, i, i == 9);
            }

            Assert.Equal(10, writer.NextSequence);
            Assert.Equal(9, writer.AcknowledgedSequence);
        }

        using (var writer = JournalWriter.Open(Options()))
        {
            var stage = new JournalStage(writer, JournalDurability.Sync, new SimulatedClock(6));
            Assert.Equal(10, stage.RecoveredRecords);
            for (var i = 0; i < 15; i++)
            {
                var evt = Quote(i); // the first 10 are the replay of what the journal holds
                stage.OnEvent(ref evt, i, i == 14);
            }

            Assert.Equal(15, writer.NextSequence);
        }

        using var reader = JournalReader.Open(directory);
        var count = 0;
        while (reader.TryRead(out var record))
        {
            var evt = record.ReadInputEvent();
            Assert.Equal(MarketDataRejectReason.None, evt.Verdict);
            Assert.Equal(1_000 + count, evt.Timestamp);
            count++;
        }

        Assert.Equal(15, count);
    }

    [Fact]
    public void OnEvent_WhenTheJournalCannotGrow_RecordsTheFailureAndThrows()
    {
        var segments = 0;
        var options = Options((path, size) => ++segments > 1
            ? throw new IOException("No space left on device")
            : new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read));
        using var writer = JournalWriter.Open(options);
        var stage = new JournalStage(writer, JournalDurability.Async, new SimulatedClock());

        var thrown = Record.Exception(() =>
        {
            for (var i = 0; i < 100_000; i++)
            {
                var evt = Quote(i);
                stage.OnEvent(ref evt, i, false);
            }
        });

        Assert.IsAssignableFrom<JournalException>(thrown);
        Assert.Same(thrown, stage.Failure);
        Assert.Contains(directory, thrown!.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
