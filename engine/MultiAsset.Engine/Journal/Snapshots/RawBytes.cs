using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MultiAsset.Engine.Journal.Snapshots;

/// <summary>
/// The bytes of a boxed unmanaged struct, without knowing its type at compile time: a box is laid out as the
/// method-table pointer followed by the value, exactly like an object of a class whose first field is a byte.
/// </summary>
internal static class RawBytes
{
    /// <summary>The <paramref name="size"/> value bytes of <paramref name="box"/>.</summary>
    public static Span<byte> OfBox(object box, int size) => MemoryMarshal.CreateSpan(ref Unsafe.As<RawData>(box).Data, size);

    /// <summary>The element bytes of a one-dimensional array of unmanaged structs.</summary>
    public static Span<byte> OfArray(Array array, int elementSize)
        => MemoryMarshal.CreateSpan(ref MemoryMarshal.GetArrayDataReference(array), checked(array.Length * elementSize));

    private sealed class RawData
    {
#pragma warning disable CS0649 // only its address is used
        public byte Data;
#pragma warning restore CS0649
    }
}
