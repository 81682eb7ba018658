using System.Runtime.InteropServices;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Journal;

/// <summary>
/// One record as read by <see cref="JournalReader.TryRead"/>. The payload points into the reader's current segment
/// (mapped or decompressed) and is valid only until the next call on the reader: copy what you keep.
/// </summary>
public readonly ref struct JournalRecord
{
    /// <summary>Creates a record view.</summary>
    public JournalRecord(JournalRecordType type, long sequence, long timestamp, ReadOnlySpan<byte> payload)
    {
        Type = type;
        Sequence = sequence;
        Timestamp = timestamp;
        Payload = payload;
    }

    /// <summary>What the payload is.</summary>
    public JournalRecordType Type { get; }

    /// <summary>The record's sequence (the input-ring sequence of the event).</summary>
    public long Sequence { get; }

    /// <summary>Engine clock time of the record, nanoseconds since the Unix epoch.</summary>
    public long Timestamp { get; }

    /// <summary>The payload bytes (without padding).</summary>
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>The payload of an <see cref="JournalRecordType.InputEvent"/> record as the event (a copy).</summary>
    /// <exception cref="InvalidOperationException">Not an input-event record of the right size.</exception>
    public InputEvent ReadInputEvent()
    {
        if (Type != JournalRecordType.InputEvent || Payload.Length != InputEvent.TotalSize)
        {
            throw new InvalidOperationException($"Record {Sequence} is a {Type} record of {Payload.Length} bytes, not an input event.");
        }

        return MemoryMarshal.Read<InputEvent>(Payload);
    }
}
