using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Routing.Venues;

/// <summary>
/// The simulated venue's random stream: SplitMix64 (Steele, Lea and Flood, 2014), fixed by this code alone so that a seed
/// gives the same rejects and jitter on every run and .NET version (<see cref="Random"/>'s algorithm is an implementation
/// detail). One 64-bit word of state: cheap to digest.
/// </summary>
/// <remarks>A mutable struct: keep it in a field and call it through that field (a copy forks the stream).</remarks>
internal struct VenueRandom
{
    private const double UnitScale = 1.0 / (1UL << 53);

    private ulong state;

    /// <summary>Starts the stream at <paramref name="seed"/>.</summary>
    public VenueRandom(ulong seed) => state = seed;

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * UnitScale;

    /// <summary>A uniform integer in [0, <paramref name="inclusiveMax"/>] (multiply-high mapping; bias below 2^-64 × range).</summary>
    public long NextInclusive(long inclusiveMax)
    {
        if (inclusiveMax <= 0)
        {
            return 0;
        }

        return (long)(((UInt128)NextUInt64() * (ulong)(inclusiveMax + 1)) >> 64);
    }

    /// <summary>Adds the generator's position to a digest.</summary>
    public readonly void AppendDigest(StateDigestBuilder builder) => builder.Add(unchecked((long)state));
}
