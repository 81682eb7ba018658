using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.Pipeline;

/// <summary>A stage as declared to the builder: its ring, the stages it runs after, and the rings it publishes to.</summary>
internal abstract class StageRegistration
{
    protected StageRegistration(string name, RingRegistration ring, IReadOnlyList<string> after, IReadOnlyList<string> publishesTo)
    {
        Name = name;
        Ring = ring;
        After = after;
        PublishesTo = publishesTo;
    }

    public string Name { get; }

    public RingRegistration Ring { get; }

    /// <summary>Stages on the same ring that must finish a slot before this one sees it.</summary>
    public IReadOnlyList<string> After { get; }

    /// <summary>Rings this stage's handler publishes into.</summary>
    public IReadOnlyList<string> PublishesTo { get; }

    public abstract IEventProcessor CreateProcessor(
        IWaitStrategy waitStrategy, Sequence[] dependencies, int maxBatchSize, IEventExceptionHandler exceptionHandler);
}

/// <summary>A stage whose handler is <typeparamref name="THandler"/> on a ring of <typeparamref name="T"/>.</summary>
internal sealed class StageRegistration<T, THandler> : StageRegistration
    where T : struct
    where THandler : IValueEventHandler<T>
{
    private readonly RingHandle<T> ring;
    private readonly THandler handler;

    public StageRegistration(string name, RingHandle<T> ring, THandler handler, IReadOnlyList<string> after, IReadOnlyList<string> publishesTo)
        : base(name, ring, after, publishesTo)
    {
        this.ring = ring;
        this.handler = handler;
    }

    public override IEventProcessor CreateProcessor(
        IWaitStrategy waitStrategy, Sequence[] dependencies, int maxBatchSize, IEventExceptionHandler exceptionHandler)
    {
        var barrier = ring.Ring.NewBarrier(waitStrategy, dependencies);
        return EventProcessorFactory.Create(Name, ring.Ring, barrier, handler, exceptionHandler, maxBatchSize);
    }
}
