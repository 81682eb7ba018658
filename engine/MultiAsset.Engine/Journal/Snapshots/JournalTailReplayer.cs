using System.Globalization;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.Journal.Snapshots;

/// <summary>
/// Replays the journal records after a snapshot — [<c>from</c>, <c>to</c>) — into the input ring, in order.
/// </summary>
/// <remarks>
/// STOPGAP for the lead: this positions with <see cref="JournalReader.SeekToSequence"/> on a reader opened over the
/// whole journal. When <c>JournalReader.Open(directory, fromSequence)</c> (fast open + read from a sequence) lands,
/// swap the two lines marked below; <see cref="JournalReplayer.Replay"/> is this with <c>from</c> = 0.
/// </remarks>
public static class JournalTailReplayer
{
    /// <summary>Publishes records [<paramref name="from"/>, <paramref name="to"/>) of <paramref name="directory"/> into <paramref name="ring"/>.</summary>
    /// <exception cref="JournalCorruptException">A record is missing, not an input event, or the journal ends early.</exception>
    public static void Replay(string directory, long from, long to, ValueRingBuffer<InputEvent> ring, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(ring);
        if (from >= to)
        {
            return;
        }

        // --- swap for JournalReader.Open(directory, from) once it exists ---
        using var reader = JournalReader.Open(directory);
        if (!reader.SeekToSequence(from))
        {
            throw new JournalCorruptException(string.Create(CultureInfo.InvariantCulture, $"{directory}: journal record {from}, the first after the snapshot, cannot be found"));
        }

        // --- end of stopgap ---
        var next = from;
        var batch = Math.Min(batchSize, ring.BufferSize);
        while (next < to)
        {
            var n = (int)Math.Min(batch, to - next);
            var high = ring.Next(n);
            var low = high - n + 1;
            for (var s = low; s <= high; s++)
            {
                if (!reader.TryRead(out var record) || record.Sequence != next || record.Type != JournalRecordType.InputEvent || record.Payload.Length != InputEvent.TotalSize)
                {
                    for (var unfilled = s; unfilled <= high; unfilled++)
                    {
                        ring.MarkInvalid(unfilled);
                    }

                    ring.Publish(low, high);
                    throw new JournalCorruptException(string.Create(CultureInfo.InvariantCulture, $"{directory}: journal record {next} cannot be replayed as an input event (ended early, or wrong sequence, type or size)"));
                }

                ring[s] = record.ReadInputEvent();
                next++;
            }

            ring.Publish(low, high);
        }
    }
}
