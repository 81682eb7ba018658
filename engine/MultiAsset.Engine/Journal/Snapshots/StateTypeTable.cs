using System.Buffers.Binary;

namespace MultiAsset.Engine.Journal.Snapshots;

/// <summary>
/// The list of every type a snapshot body uses (name, kind, field schema), written after the stages with a fixed
/// 12-byte footer (<c>u64 table offset, u32 "TYPS"</c>) so a reader can check the whole body against this build's
/// code <em>before</em> it fills any stage. A snapshot of other stage code is then skipped like a damaged one and
/// recovery falls back to an older snapshot or the whole journal, instead of stopping the host half-restored.
/// </summary>
/// <remarks>
/// The same entries are also written inline where each type first appears (the body's own format is unchanged), so
/// bodies without the footer — written before it existed — still restore; they simply cannot be checked up front.
/// </remarks>
public static class StateTypeTable
{
    /// <summary>"TYPS" as a little-endian integer: marks a body that ends with a type table.</summary>
    public const uint FooterMagic = 0x53505954;

    /// <summary>Bytes of the footer: the table's offset (u64) and the magic (u32).</summary>
    public const int FooterSize = 12;

    /// <summary>Appends the table of <paramref name="types"/> (in id order) and the footer to <paramref name="buffer"/>.</summary>
    internal static void Append(SnapshotBuffer buffer, IReadOnlyList<StateShape> types)
    {
        var offset = buffer.Length;
        buffer.WriteVarint((ulong)types.Count);
        foreach (var shape in types)
        {
            buffer.WriteString(shape.Type.AssemblyQualifiedName!);
            buffer.WriteByte((byte)shape.Kind);
            buffer.WriteString(shape.Schema);
        }

        buffer.WriteInt64(offset);
        Span<byte> magic = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(magic, FooterMagic);
        buffer.WriteBytes(magic);
    }

    /// <summary>
    /// The length of the stage part of <paramref name="body"/>: up to its type table when it has one, else all of it.
    /// </summary>
    public static int StagesLength(ReadOnlySpan<byte> body)
        => TryTableOffset(body, out var offset) ? offset : body.Length;

    /// <summary>
    /// Checks every type <paramref name="body"/> names against this build: null when all exist with the same kind and
    /// fields (or when the body has no table to check), else the first difference, in words.
    /// </summary>
    public static string? FindChange(ReadOnlySpan<byte> body, StateGraphPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (!TryTableOffset(body, out var offset))
        {
            return null;
        }

        try
        {
            var reader = new SnapshotBufferReader(body[offset..^FooterSize]);
            var count = reader.ReadVarint();
            for (ulong i = 0; i < count; i++)
            {
                var name = reader.ReadString();
                var kind = (StateShapeKind)reader.ReadByte();
                var schema = reader.ReadString();
                if (Type.GetType(name, throwOnError: false) is not { } type)
                {
                    return $"it names type {name}, which this build does not have";
                }

                var shape = StateShape.Of(type, policy);
                if (shape.Kind != kind || !string.Equals(shape.Schema, schema, StringComparison.Ordinal))
                {
                    return $"type {StateShape.Describe(type)} has changed since it was written (fields [{schema.Replace('\n', ' ')}] → [{shape.Schema.Replace('\n', ' ')}])";
                }
            }

            return null;
        }
        catch (SnapshotException ex)
        {
            return $"its type table is unreadable ({ex.Message})";
        }
    }

    private static bool TryTableOffset(ReadOnlySpan<byte> body, out int offset)
    {
        offset = 0;
        if (body.Length < FooterSize || BinaryPrimitives.ReadUInt32LittleEndian(body[^4..]) != FooterMagic)
        {
            return false;
        }

        var value = BinaryPrimitives.ReadInt64LittleEndian(body[^FooterSize..]);
        if (value <= 0 || value > body.Length - FooterSize)
        {
            return false;
        }

        offset = (int)value;
        return true;
    }
}
