using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace MultiAsset.Engine.Journal.Snapshots;

/// <summary>
/// A growable byte buffer the state serializer writes into. One instance is reused from snapshot to snapshot, so
/// after the first few it no longer allocates.
/// </summary>
public sealed class SnapshotBuffer
{
    private byte[] data;
    private int length;

    /// <summary>Creates a buffer with <paramref name="capacity"/> bytes to start with.</summary>
    public SnapshotBuffer(int capacity = 1 << 16) => data = new byte[Math.Max(16, capacity)];

    /// <summary>Bytes written.</summary>
    public int Length => length;

    /// <summary>The bytes written.</summary>
    public ReadOnlySpan<byte> Written => data.AsSpan(0, length);

    /// <summary>The bytes written.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => data.AsMemory(0, length);

    /// <summary>Forgets what was written (keeps the storage).</summary>
    public void Clear() => length = 0;

    /// <summary>Appends one byte.</summary>
    public void WriteByte(byte value)
    {
        Ensure(1);
        data[length++] = value;
    }

    /// <summary>Appends an unsigned LEB128 number (1 byte below 128).</summary>
    public void WriteVarint(ulong value)
    {
        Ensure(10);
        while (value >= 0x80)
        {
            data[length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        data[length++] = (byte)value;
    }

    /// <summary>Appends a little-endian 64-bit integer.</summary>
    public void WriteInt64(long value)
    {
        Ensure(8);
        BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(length), value);
        length += 8;
    }

    /// <summary>Appends <paramref name="bytes"/>.</summary>
    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(data.AsSpan(length));
        length += bytes.Length;
    }

    /// <summary>Appends a string as its UTF-16 code units, preceded by their count.</summary>
    public void WriteString(string value)
    {
        WriteVarint((ulong)value.Length);
        WriteBytes(MemoryMarshal.AsBytes(value.AsSpan()));
    }

    private void Ensure(int more)
    {
        if (length + more <= data.Length)
        {
            return;
        }

        var size = data.Length;
        while (size < length + more)
        {
            size = size <= int.MaxValue / 2 ? size * 2 : Array.MaxLength;
        }

        Array.Resize(ref data, size);
    }
}

/// <summary>Reads what a <see cref="SnapshotBuffer"/> wrote; every read past the end throws <see cref="SnapshotException"/>.</summary>
internal ref struct SnapshotBufferReader
{
    private readonly ReadOnlySpan<byte> data;
    private int position;

    public SnapshotBufferReader(ReadOnlySpan<byte> data)
    {
        this.data = data;
        position = 0;
    }

    public readonly int Remaining => data.Length - position;

    public byte ReadByte()
    {
        Need(1);
        return data[position++];
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = ReadByte();
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new SnapshotException("a snapshot number is longer than 10 bytes");
    }

    public int ReadLength()
    {
        var value = ReadVarint();
        return value <= (ulong)Remaining ? (int)value : throw new SnapshotException($"a snapshot length of {value} exceeds the {Remaining} bytes left");
    }

    public long ReadInt64()
    {
        Need(8);
        var value = BinaryPrimitives.ReadInt64LittleEndian(data[position..]);
        position += 8;
        return value;
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        Need(count);
        var span = data.Slice(position, count);
        position += count;
        return span;
    }

    public string ReadString()
    {
        var chars = ReadLength();
        var bytes = ReadBytes(checked(chars * 2));
        return new string(MemoryMarshal.Cast<byte, char>(bytes));
    }

    private readonly void Need(int count)
    {
        if (count < 0 || count > data.Length - position)
        {
            throw new SnapshotException($"the snapshot body ends early (needed {count} bytes at offset {position} of {data.Length})");
        }
    }
}
