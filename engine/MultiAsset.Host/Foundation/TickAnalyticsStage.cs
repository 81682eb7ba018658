using MultiAsset.Engine.Ring;

namespace MultiAsset.Host.Foundation;

/// <summary>
/// Demo stage 2: per-instrument last price, traded volume and an EWMA of the price, in preallocated arrays indexed
/// by instrument id.
/// </summary>
public sealed class TickAnalyticsStage : IValueEventHandler<TickEvent>
{
    private const double Alpha = 0.05;

    private readonly long[] lastPriceRaw;
    private readonly long[] volumeRaw;
    private readonly double[] ewmaPrice;

    public TickAnalyticsStage(int instrumentCount)
    {
        lastPriceRaw = new long[instrumentCount];
        volumeRaw = new long[instrumentCount];
        ewmaPrice = new double[instrumentCount];
    }

    public void OnEvent(ref TickEvent evt, long sequence, bool endOfBatch)
    {
        if (evt.Rejected)
        {
            return;
        }

        var id = evt.InstrumentId;
        lastPriceRaw[id] = evt.PriceRaw;
        volumeRaw[id] += evt.QuantityRaw;
        var price = evt.PriceRaw * 1e-8;
        ewmaPrice[id] = ewmaPrice[id] == 0 ? price : ewmaPrice[id] + (Alpha * (price - ewmaPrice[id]));
    }
}
