namespace MultiAsset.Host.Foundation;

/// <summary>
/// The foundation demo's input event: one trade print. The market-data stage replaces it with the real quote,
/// trade, bar and reference events; until then it lets <c>./run.sh</c> push ticks through a real pipeline.
/// </summary>
public struct TickEvent
{
    /// <summary>Dense instrument id.</summary>
    public int InstrumentId;

    /// <summary>Price × 10^8 (the <c>Price</c> scale).</summary>
    public long PriceRaw;

    /// <summary>Quantity × 10^8 (the <c>Quantity</c> scale).</summary>
    public long QuantityRaw;

    /// <summary>Exchange timestamp, ns since the Unix epoch.</summary>
    public long TimestampNanoseconds;

    /// <summary>Set by the validation stage when the tick must not reach analytics.</summary>
    public bool Rejected;
}
