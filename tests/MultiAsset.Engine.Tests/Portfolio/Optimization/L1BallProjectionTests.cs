using MultiAsset.Engine.Portfolio.Optimization.Qp;

namespace MultiAsset.Engine.Tests.Portfolio.Optimization;

public class L1BallProjectionTests
{
    [Theory]
    [InlineData(1, 5, 0.1)]
    [InlineData(2, 50, 0.3)]
    [InlineData(3, 500, 0.2)]
    [InlineData(4, 500, 5.0)]
    public void Project_RandomPoint_MatchesBisectionReferenceAndLandsOnTheBall(int seed, int n, double radius)
    {
        var rng = new Random(seed);
        var c = Enumerable.Range(0, n).Select(_ => rng.NextDouble() / n).ToArray();
        var v = c.Select(x => x + ((rng.NextDouble() - 0.5) * 4 / n)).ToArray();
        var result = new double[n];
        double theta = L1BallProjection.Project(v, c, radius, result, new double[n]);
        var expected = new double[n];
        L1BallQpTests.L1BallProjectionReference(v, c, radius, expected);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(expected[i], result[i], 12);
        }

        double dist = result.Select((x, i) => Math.Abs(x - c[i])).Sum();
        double vDist = v.Select((x, i) => Math.Abs(x - c[i])).Sum();
        if (vDist > radius)
        {
            Assert.Equal(radius, dist, 12);
            Assert.True(theta > 0);
        }
        else
        {
            Assert.Equal(v, result);
            Assert.Equal(0, theta);
        }
    }

    [Fact]
    public void Project_InPlace_GivesTheSameResult()
    {
        double[] c = [0.2, 0.2, 0.2, 0.2, 0.2];
        double[] v = [0.5, 0.1, 0.2, 0.25, -0.3];
        var copy = (double[])v.Clone();
        var expected = new double[5];
        L1BallProjection.Project(v, c, 0.4, expected, new double[5]);
        L1BallProjection.Project(copy, c, 0.4, copy, new double[5]);
        Assert.Equal(expected, copy);
    }

    [Fact]
    public void Project_ZeroRadius_ReturnsTheCenter()
    {
        double[] c = [0.3, 0.7];
        var result = new double[2];
        L1BallProjection.Project([1.0, -1.0], c, 0, result, new double[2]);
        Assert.Equal(c, result);
    }
}
