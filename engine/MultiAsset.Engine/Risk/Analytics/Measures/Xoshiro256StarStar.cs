namespace MultiAsset.Engine.Risk.Analytics.Measures;

/// <summary>
/// The Monte Carlo generator: xoshiro256** (Blackman–Vigna) seeded through SplitMix64, with Marsaglia polar normals and
/// Marsaglia–Tsang gamma variates. One instance, one thread, a fixed draw order: the same seed gives bit-identical
/// draws on every machine and thread count (only IEEE-754 basic operations, Math.Log and Math.Sqrt are used, which are
/// correctly rounded / deterministic on .NET).
/// </summary>
internal struct Xoshiro256StarStar
{
    private ulong s0;
    private ulong s1;
    private ulong s2;
    private ulong s3;
    private double spare;
    private bool hasSpare;

    /// <summary>Seeds the four state words with SplitMix64 from <paramref name="seed"/> (never all zero).</summary>
    public Xoshiro256StarStar(ulong seed)
    {
        ulong x = seed;
        s0 = SplitMix(ref x);
        s1 = SplitMix(ref x);
        s2 = SplitMix(ref x);
        s3 = SplitMix(ref x);
        spare = 0;
        hasSpare = false;
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A standard normal (Marsaglia polar method; the second variate of each pair is kept for the next call).</summary>
    public double NextNormal()
    {
        if (hasSpare)
        {
            hasSpare = false;
            return spare;
        }

        double u;
        double v;
        double s;
        do
        {
            u = (2 * NextDouble()) - 1;
            v = (2 * NextDouble()) - 1;
            s = (u * u) + (v * v);
        }
        while (s >= 1 || s == 0);

        double m = Math.Sqrt(-2 * Math.Log(s) / s);
        spare = v * m;
        hasSpare = true;
        return u * m;
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

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        ulong z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
