using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MultiAsset.Engine.Ring;

/// <summary>
/// A ring-buffer position (cursor or consumer progress), padded on both sides so that two sequences written by
/// different threads never share a cache line.
/// </summary>
/// <remarks>
/// Layout: <c>[56 bytes padding][long value][56 bytes padding]</c> = 120 bytes. The padding is checked by
/// <c>SequenceLayoutTests</c>. Memory ordering: <see cref="Value"/> is an acquire read, <see cref="SetValue"/> a
/// release write (enough for publish/consume hand-off), <see cref="SetValueVolatile"/> a full fence (needed only
/// where a store must be ordered before a later load, e.g. before reading gating sequences).
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = RingPadding.Bytes * 2 + 8)]
public sealed class Sequence
{
    /// <summary>The value every sequence starts at: nothing published or processed yet.</summary>
    public const long InitialValue = -1;

    // padding: RingPadding.Bytes
    [FieldOffset(RingPadding.Bytes)]
    private long value;
    // padding: RingPadding.Bytes

    /// <summary>Creates a sequence at <paramref name="initialValue"/>.</summary>
    public Sequence(long initialValue = InitialValue) => value = initialValue;

    /// <summary>Current value, read with acquire semantics.</summary>
    public long Value
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Volatile.Read(ref value);
    }

    /// <summary>Release write: everything written before is visible to a thread that reads this value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetValue(long newValue) => Volatile.Write(ref value, newValue);

    /// <summary>Write followed by a full fence (store-load ordering).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetValueVolatile(long newValue) => Interlocked.Exchange(ref value, newValue);

    /// <summary>Atomically sets the value to <paramref name="newValue"/> if it equals <paramref name="expected"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool CompareAndSet(long expected, long newValue)
        => Interlocked.CompareExchange(ref value, newValue, expected) == expected;

    /// <summary>Atomically adds <paramref name="delta"/> and returns the new value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long AddAndGet(long delta) => Interlocked.Add(ref value, delta);

    /// <inheritdoc />
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The smallest value among <paramref name="sequences"/>, or <paramref name="minimum"/> if smaller or none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long GetMinimum(Sequence[] sequences, long minimum = long.MaxValue)
    {
        for (var i = 0; i < sequences.Length; i++)
        {
            var v = sequences[i].Value;
            if (v < minimum)
            {
                minimum = v;
            }
        }

        return minimum;
    }
}
