namespace MultiAsset.Engine.Ring;

/// <summary>
/// Creates batch event processors whose per-event handler call is direct: a class handler is wrapped in a generated
/// struct (<see cref="ValueEventHandlerProxy"/>) so that the processor's loop is compiled for that handler alone.
/// </summary>
public static class EventProcessorFactory
{
    /// <summary>A processor for <paramref name="handler"/> on <paramref name="ring"/>; see <see cref="BatchEventProcessor{T, THandler}"/>.</summary>
    public static IEventProcessor Create<T, THandler>(
        string name,
        ValueRingBuffer<T> ring,
        SequenceBarrier barrier,
        THandler handler,
        IEventExceptionHandler exceptionHandler,
        int maxBatchSize = int.MaxValue)
        where T : struct
        where THandler : IValueEventHandler<T>
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (ValueEventHandlerProxy.ProxyTypeFor<T>(handler.GetType()) is null)
        {
            return new BatchEventProcessor<T, THandler>(name, ring, barrier, handler, exceptionHandler, maxBatchSize);
        }

        return (IEventProcessor)ValueEventHandlerProxy.Instantiate<T, THandler>(
            typeof(BatchEventProcessor<,>),
            handler,
            3,
            name,
            ring,
            barrier,
            null,
            exceptionHandler,
            maxBatchSize,
            handler as IStageLifecycle);
    }
}
