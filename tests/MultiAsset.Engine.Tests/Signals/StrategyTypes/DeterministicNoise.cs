namespace MultiAsset.Engine.Tests.Signals.StrategyTypes;

/// <summary>
/// A fixed 64-bit LCG so constructed series are identical on every run and runtime (System.Random's seeded
/// algorithm is an implementation detail).
/// </summary>
internal sealed class DeterministicNoise(ulong seed)
{
    private ulong state = seed;

    /// <summary>Uniform in [−0.5, 0.5).</summary>
    public double NextCentred()
    {
        state = (state * 6364136223846793005UL) + 1442695040888963407UL;
        return ((state >> 11) * (1.0 / 9007199254740992.0)) - 0.5;
    }
}
