using MultiAsset.Engine.Ring;

namespace MultiAsset.Host.Foundation;

/// <summary>Demo stage 3: counts the ticks that made it through, published once per batch for the reporter.</summary>
public sealed class TickCountingStage : IValueEventHandler<TickEvent>
{
    private long counted;
    private long pending;

    /// <summary>Ticks that reached the end of the pipeline.</summary>
    public long Counted => Volatile.Read(ref counted);

    public void OnEvent(ref TickEvent evt, long sequence, bool endOfBatch)
    {
        pending++;
        if (endOfBatch)
        {
            Volatile.Write(ref counted, counted + pending);
            pending = 0;
        }
    }
}
