using MultiAsset.Engine.Ring;

namespace MultiAsset.Host.Foundation;

/// <summary>Demo stage 1: rejects ticks with a non-positive price or quantity or an unknown instrument, and counts them.</summary>
public sealed class TickValidationStage : IValueEventHandler<TickEvent>
{
    private readonly int instrumentCount;

    public TickValidationStage(int instrumentCount) => this.instrumentCount = instrumentCount;

    /// <summary>Ticks rejected so far (read by the reporter; written only by the stage thread).</summary>
    public long Rejected => Volatile.Read(ref rejected);

    private long rejected;

    public void OnEvent(ref TickEvent evt, long sequence, bool endOfBatch)
    {
        var bad = evt.PriceRaw <= 0 || evt.QuantityRaw <= 0 || (uint)evt.InstrumentId >= (uint)instrumentCount;
        evt.Rejected = bad;
        if (bad)
        {
            Volatile.Write(ref rejected, rejected + 1);
        }
    }
}
