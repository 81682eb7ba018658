namespace MultiAsset.Benchmarks.Ring;

/// <summary>A 32-byte ring event, about the size of a compact market-data tick.</summary>
public struct BenchEvent
{
    public long Value;
    public long StageOne;
    public long StageTwo;
    public long Timestamp;
}
