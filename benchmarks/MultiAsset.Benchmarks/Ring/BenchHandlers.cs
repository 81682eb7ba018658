using MultiAsset.Engine.Ring;

namespace MultiAsset.Benchmarks.Ring;

/// <summary>A middle stage: does a little arithmetic on the event so the JIT cannot drop it.</summary>
public sealed class TransformHandler : IValueEventHandler<BenchEvent>
{
    public void OnEvent(ref BenchEvent evt, long sequence, bool endOfBatch) => evt.StageOne = evt.Value * 3 + 1;
}

/// <summary>A second middle stage reading the first one's output.</summary>
public sealed class SecondTransformHandler : IValueEventHandler<BenchEvent>
{
    public void OnEvent(ref BenchEvent evt, long sequence, bool endOfBatch) => evt.StageTwo = evt.StageOne ^ sequence;
}

/// <summary>The last stage: sums values and publishes its count once per batch for the benchmark thread to wait on.</summary>
public sealed class CountingSinkHandler : IValueEventHandler<BenchEvent>
{
    private long count;
    private long pending;

    public long Sum;

    public long Count => Volatile.Read(ref count);

    public void OnEvent(ref BenchEvent evt, long sequence, bool endOfBatch)
    {
        Sum += evt.Value + evt.StageTwo;
        pending++;
        if (endOfBatch)
        {
            Volatile.Write(ref count, count + pending);
            pending = 0;
        }
    }

    /// <summary>Spins (yielding) until <paramref name="target"/> events have been counted.</summary>
    public void WaitFor(long target)
    {
        var spinner = new SpinWait();
        while (Count < target)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }
}
