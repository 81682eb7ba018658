using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.Pipeline.Commands;

/// <summary>
/// Publishes a control command into the input ring: one header slot and the body's chunk slots, claimed together so
/// no other producer's event can fall between them. Control-plane code (off the hot path); thread-safe on a
/// multi-producer ring.
/// </summary>
public static class CommandPublisher
{
    /// <summary>Largest body accepted (64 KiB = 1 395 chunk slots; a strategy document is a few KiB).</summary>
    public const int MaxBodyLength = 64 * 1024;

    /// <summary>Publishes <paramref name="kind"/> with <paramref name="body"/> on behalf of <paramref name="caller"/> (<see cref="CommandData.Caller"/>); returns the sequence of the header slot.</summary>
    /// <exception cref="ArgumentException">The body is larger than <see cref="MaxBodyLength"/> or than the ring can hold.</exception>
    public static long Publish(ValueRingBuffer<InputEvent> ring, CommandKind kind, ReadOnlySpan<byte> body, long correlationId, long timestamp, ushort source = 0, ushort caller = 0)
    {
        ArgumentNullException.ThrowIfNull(ring);
        if (body.Length > MaxBodyLength)
        {
            throw new ArgumentException($"A command body may hold at most {MaxBodyLength} bytes; this one has {body.Length}.", nameof(body));
        }

        var slots = 1 + CommandData.ChunkCount(body.Length);
        if (slots > ring.BufferSize)
        {
            throw new ArgumentException($"A command of {slots} slots does not fit the input ring of {ring.BufferSize}.", nameof(body));
        }

        var high = ring.Next(slots);
        var low = high - slots + 1;
        ring[low].SetCommand(kind, correlationId, body.Length, timestamp, source, caller);
        for (var i = 1; i < slots; i++)
        {
            var offset = (i - 1) * CommandChunk.Capacity;
            var length = Math.Min(CommandChunk.Capacity, body.Length - offset);
            ring[low + i].SetCommandChunk(i - 1, body.Slice(offset, length), timestamp, source);
        }

        ring.Publish(low, high);
        return low;
    }
}
