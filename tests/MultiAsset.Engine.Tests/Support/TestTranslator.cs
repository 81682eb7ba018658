using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.Tests.Support;

/// <summary>Fills a <see cref="TestEvent"/> from a producer id and value; can be told to fail half-way.</summary>
public struct TestTranslator : IEventTranslator<TestEvent>
{
    public int Producer;
    public long Value;
    public bool FailAfterPartialWrite;

    public readonly void Translate(ref TestEvent slot, long sequence)
    {
        slot.Producer = Producer;
        if (FailAfterPartialWrite)
        {
            throw new InvalidOperationException("fill failed half-way");
        }

        slot.Value = Value;
        slot.StampA = -1;
        slot.StampB = -1;
    }
}
