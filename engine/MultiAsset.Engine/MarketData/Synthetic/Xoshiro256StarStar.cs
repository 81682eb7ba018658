using System.Numerics;
using System.Runtime.CompilerServices;

namespace MultiAsset.Engine.MarketData.Synthetic;

/// <summary>
/// The xoshiro256** generator (Blackman and Vigna, 2018) with a Marsaglia polar normal sampler: a small, fast PRNG
/// whose output is fixed by this code alone, so a seed reproduces the same stream on every .NET version (unlike
/// <see cref="Random"/>, whose algorithm is an implementation detail).
/// </summary>
/// <remarks>
/// A mutable struct: keep it in a field and call it through that field (copying it forks the stream). Not
/// thread-safe; each owner has its own. Period 2^256 − 1.
/// </remarks>
public struct Xoshiro256StarStar
{
    private const double UnitScale = 1.0 / (1UL << 53);

    private ulong s0;
    private ulong s1;
    private ulong s2;
    private ulong s3;
    private double spareNormal;
    private bool hasSpare;

    /// <summary>Seeds the state from <paramref name="seed"/> through SplitMix64, as the authors recommend (never all zero).</summary>
    public Xoshiro256StarStar(ulong seed)
    {
        ulong x = seed;
        s0 = SplitMix64(ref x);
        s1 = SplitMix64(ref x);
        s2 = SplitMix64(ref x);
        s3 = SplitMix64(ref x);
        spareNormal = 0;
        hasSpare = false;
    }

    /// <summary>The next 64 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = BitOperations.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * UnitScale;

    /// <summary>A uniform integer in [0, <paramref name="bound"/>) (Lemire's multiply-shift; bias below 2^-32 for small bounds).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextInt(int bound) => (int)(((NextUInt64() >> 32) * (ulong)(uint)bound) >> 32);

    /// <summary>A standard normal variate (Marsaglia polar method; the second value of each pair is kept for the next call).</summary>
    public double NextNormal()
    {
        if (hasSpare)
        {
            hasSpare = false;
            return spareNormal;
        }

        double u;
        double v;
        double s;
        do
        {
            u = (2.0 * NextDouble()) - 1.0;
            v = (2.0 * NextDouble()) - 1.0;
            s = (u * u) + (v * v);
        }
        while (s >= 1.0 || s == 0.0);

        double factor = Math.Sqrt(-2.0 * Math.Log(s) / s);
        spareNormal = v * factor;
        hasSpare = true;
        return u * factor;
    }

    /// <summary>A Gamma(shape, 1) variate (Marsaglia–Tsang; shape &lt; 1 boosted by U^(1/shape)).</summary>
    public double NextGamma(double shape)
    {
        if (shape < 1)
        {
            double boost = Math.Pow(NextDouble() + double.Epsilon, 1 / shape);
            return NextGamma(shape + 1) * boost;
        }

        double d = shape - (1.0 / 3);
        double c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x = NextNormal();
            double v = 1 + (c * x);
            if (v <= 0)
            {
                continue;
            }

            v = v * v * v;
            double u = NextDouble();
            if (u < 1 - (0.0331 * x * x * x * x) || Math.Log(u + double.Epsilon) < (0.5 * x * x) + (d * (1 - v + Math.Log(v))))
            {
                return d * v;
            }
        }
    }

    /// <summary>A χ²(ν) variate: 2·Gamma(ν/2).</summary>
    public double NextChiSquared(double degreesOfFreedom) => 2 * NextGamma(degreesOfFreedom / 2);

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
