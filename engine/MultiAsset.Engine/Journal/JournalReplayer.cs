using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.Journal;

/// <summary>
/// Replays a journal into the input ring at start-up, so every stage rebuilds its state from the recorded input
/// (replay mode: nothing leaves the process — feeds are not started until it is done, and later stages that talk to
/// venues take fills and acks from the journal). Nothing else publishes meanwhile (the control API answers 503 until
/// recovery is over), so the replayed records are the first events the journaller sees, which is how it knows not to
/// append them again; the chain numbers them from the snapshot's sequence (or 0).
/// </summary>
public static class JournalReplayer
{
    /// <summary>
    /// Publishes the records <paramref name="fromSequence"/>..<paramref name="toSequence"/> (inclusive) of
    /// <paramref name="directory"/> into <paramref name="ring"/>, in order: recovery from a snapshot taken at
    /// <paramref name="fromSequence"/> − 1 replays only this tail. The reader seeks straight to the segment holding
    /// <paramref name="fromSequence"/>; earlier segments are not read. Returns the records published.
    /// </summary>
    /// <exception cref="JournalException"><paramref name="fromSequence"/> was pruned.</exception>
    /// <exception cref="JournalCorruptException">A record is not an input event, or the journal ends before <paramref name="toSequence"/>.</exception>
    public static long Replay(string directory, long fromSequence, long toSequence, ValueRingBuffer<InputEvent> ring, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentOutOfRangeException.ThrowIfNegative(fromSequence);
        if (toSequence < fromSequence)
        {
            return 0;
        }

        using var reader = JournalReader.OpenFrom(directory, fromSequence);
        long records = toSequence - fromSequence + 1;
        long published = 0;
        var batch = Math.Min(batchSize, ring.BufferSize);
        while (published < records)
        {
            var n = (int)Math.Min(batch, records - published);
            var high = ring.Next(n);
            var low = high - n + 1;
            for (var s = low; s <= high; s++)
            {
                if (!reader.TryRead(out var record) || record.Type != JournalRecordType.InputEvent || record.Payload.Length != InputEvent.TotalSize)
                {
                    MarkAndPublish(ring, s, low, high);
                    throw new JournalCorruptException(
                        $"{directory}: journal record {fromSequence + published} cannot be replayed as an input event (ended early, or wrong type or size)");
                }

                ring[s] = record.ReadInputEvent();
                published++;
            }

            ring.Publish(low, high);
        }

        return published;
    }

    /// <summary>Publishes a claimed batch, marking the slots that were not filled so consumers skip them.</summary>
    private static void MarkAndPublish(ValueRingBuffer<InputEvent> ring, long firstUnfilled, long low, long high)
    {
        for (var s = firstUnfilled; s <= high; s++)
        {
            ring.MarkInvalid(s);
        }

        ring.Publish(low, high);
    }
}
