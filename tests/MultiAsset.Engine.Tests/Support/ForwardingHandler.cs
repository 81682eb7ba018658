using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.Tests.Support;

/// <summary>A stage that publishes each event, value doubled, into another ring (a cross-ring hop).</summary>
public sealed class ForwardingHandler : IValueEventHandler<TestEvent>
{
    private readonly ValueRingBuffer<TestEvent> target;

    public ForwardingHandler(ValueRingBuffer<TestEvent> target) => this.target = target;

    public void OnEvent(ref TestEvent evt, long sequence, bool endOfBatch)
    {
        var translator = new TestTranslator { Producer = evt.Producer, Value = evt.Value * 2 };
        target.PublishEvent(ref translator);
    }
}
