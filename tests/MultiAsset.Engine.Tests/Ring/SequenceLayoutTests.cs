using System.Runtime.InteropServices;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.Tests.Ring;

public class SequenceLayoutTests
{
    [Fact]
    public void Sequence_ValueField_IsPaddedOnBothSides()
    {
        var field = typeof(Sequence).GetField("value", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        var offset = field.GetCustomAttributes(typeof(FieldOffsetAttribute), false).Cast<FieldOffsetAttribute>().Single().Value;
        var layout = typeof(Sequence).StructLayoutAttribute!;

        Assert.Equal(LayoutKind.Explicit, layout.Value);
        Assert.Equal(56, offset);
        Assert.Equal(56 + 8 + 56, layout.Size);
    }

    [Fact]
    public void Sequence_StartsAtInitialValue_AndSupportsAtomicUpdates()
    {
        var sequence = new Sequence();
        Assert.Equal(-1, sequence.Value);

        sequence.SetValue(5);
        Assert.True(sequence.CompareAndSet(5, 9));
        Assert.False(sequence.CompareAndSet(5, 11));
        Assert.Equal(12, sequence.AddAndGet(3));
    }

    [Fact]
    public void GetMinimum_ReturnsSmallestOrFallback()
    {
        Sequence[] sequences = [new(7), new(3), new(12)];
        Assert.Equal(3, Sequence.GetMinimum(sequences));
        Assert.Equal(1, Sequence.GetMinimum(sequences, 1));
        Assert.Equal(42, Sequence.GetMinimum([], 42));
    }
}
