namespace MultiAsset.Engine.Tests.Support;

/// <summary>A ring event for tests: who produced it, its per-producer number, and stamps left by stages.</summary>
public struct TestEvent
{
    public int Producer;
    public long Value;
    public long StampA;
    public long StampB;
}
