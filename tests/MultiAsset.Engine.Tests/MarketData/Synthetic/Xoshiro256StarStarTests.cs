using MultiAsset.Engine.MarketData.Synthetic;

namespace MultiAsset.Engine.Tests.MarketData.Synthetic;

public class Xoshiro256StarStarTests
{
    [Fact]
    public void Same_seed_gives_same_stream_and_different_seeds_differ()
    {
        var a = new Xoshiro256StarStar(7);
        var b = new Xoshiro256StarStar(7);
        var c = new Xoshiro256StarStar(8);
        int differences = 0;
        for (int i = 0; i < 1000; i++)
        {
            ulong x = a.NextUInt64();
            Assert.Equal(x, b.NextUInt64());
            differences += x != c.NextUInt64() ? 1 : 0;
        }

        Assert.True(differences > 990);
    }

    [Fact]
    public void Normal_sampler_has_standard_moments()
    {
        var rng = new Xoshiro256StarStar(123);
        const int N = 200_000;
        double sum = 0, sumSq = 0, sumQuad = 0;
        for (int i = 0; i < N; i++)
        {
            double z = rng.NextNormal();
            sum += z;
            sumSq += z * z;
            sumQuad += z * z * z * z;
        }

        double mean = sum / N;
        double variance = (sumSq / N) - (mean * mean);
        // Standard errors: mean 1/√N ≈ 0.0022, variance √(2/N) ≈ 0.0032, fourth moment √(96/N) ≈ 0.022.
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(variance, 0.985, 1.015);
        Assert.InRange(sumQuad / N, 2.9, 3.1);
    }

    [Fact]
    public void Uniforms_are_in_range_and_unbiased()
    {
        var rng = new Xoshiro256StarStar(5);
        double sum = 0;
        var counts = new int[10];
        for (int i = 0; i < 100_000; i++)
        {
            double u = rng.NextDouble();
            Assert.InRange(u, 0.0, 0.9999999999999999);
            sum += u;
            counts[rng.NextInt(10)]++;
        }

        Assert.InRange(sum / 100_000, 0.495, 0.505);
        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
    }
}
