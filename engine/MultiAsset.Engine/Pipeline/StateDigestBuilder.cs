using System.Buffers.Binary;
using System.IO.Hashing;

namespace MultiAsset.Engine.Pipeline;

/// <summary>
/// Accumulates a deterministic 64-bit digest (XxHash64) of a stage's state, field by field in a fixed order and
/// little-endian, so equal states give equal digests on every run and machine of the same build. Raw struct bytes
/// are never hashed: padding is not state.
/// </summary>
public sealed class StateDigestBuilder
{
    private readonly XxHash64 hash = new();
    private readonly byte[] scratch = new byte[8];

    /// <summary>Adds a 64-bit integer.</summary>
    public StateDigestBuilder Add(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(scratch, value);
        hash.Append(scratch);
        return this;
    }

    /// <summary>Adds a 32-bit integer.</summary>
    public StateDigestBuilder Add(int value) => Add((long)value);

    /// <summary>Adds a boolean.</summary>
    public StateDigestBuilder Add(bool value) => Add(value ? 1L : 0L);

    /// <summary>Adds a double by its bit pattern (same computation ⇒ same bits; NaNs are kept distinct).</summary>
    public StateDigestBuilder Add(double value) => Add(BitConverter.DoubleToInt64Bits(value));

    /// <summary>Adds every value of <paramref name="values"/>, preceded by the count.</summary>
    public StateDigestBuilder Add(ReadOnlySpan<long> values)
    {
        Add(values.Length);
        foreach (var value in values)
        {
            Add(value);
        }

        return this;
    }

    /// <summary>Adds every value of <paramref name="values"/>, preceded by the count.</summary>
    public StateDigestBuilder Add(ReadOnlySpan<double> values)
    {
        Add(values.Length);
        foreach (var value in values)
        {
            Add(value);
        }

        return this;
    }

    /// <summary>Adds a string (its length, then its UTF-16 code units); null is distinct from empty.</summary>
    public StateDigestBuilder Add(string? value)
    {
        if (value is null)
        {
            return Add(-1);
        }

        Add(value.Length);
        hash.Append(System.Runtime.InteropServices.MemoryMarshal.AsBytes(value.AsSpan()));
        return this;
    }

    /// <summary>The digest of everything added so far.</summary>
    public ulong Digest => hash.GetCurrentHashAsUInt64();
}
