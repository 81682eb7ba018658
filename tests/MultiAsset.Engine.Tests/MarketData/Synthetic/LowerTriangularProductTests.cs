using MultiAsset.Engine.MarketData.Synthetic;

namespace MultiAsset.Engine.Tests.MarketData.Synthetic;

public class LowerTriangularProductTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(16)]
    [InlineData(38)]
    [InlineData(41)]
    public void Multiply_EqualsTheRowByRowLoop_BitForBit(int n)
    {
        var random = new Random(n);
        for (var trial = 0; trial < 200; trial++)
        {
            var packed = new double[n * (n + 1) / 2];
            for (var i = 0; i < packed.Length; i++)
            {
                // Mixed magnitudes and signs, so that the order of the additions shows in the last bits.
                packed[i] = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 7));
            }

            for (var i = 0; i < n; i++)
            {
                packed[(i * (i + 1) / 2) + i] = 0.1 + random.NextDouble(); // a Cholesky factor's diagonal is positive
            }

            var x = new double[n];
            for (var i = 0; i < n; i++)
            {
                x[i] = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 4));
            }

            var expected = new double[n];
            var actual = new double[n];
            LowerTriangularProduct.MultiplyReference(packed, n, x, expected);
            new LowerTriangularProduct(packed, n).Multiply(x, actual);
            for (var i = 0; i < n; i++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected[i]), BitConverter.DoubleToInt64Bits(actual[i]));
            }
        }
    }

    [Fact]
    public void Multiply_OfTheIdentity_ReturnsTheVector()
    {
        const int N = 10;
        var packed = new double[N * (N + 1) / 2];
        for (var i = 0; i < N; i++)
        {
            packed[(i * (i + 1) / 2) + i] = 1;
        }

        var x = Enumerable.Range(1, N).Select(i => i * 1.5).ToArray();
        var y = new double[N];
        new LowerTriangularProduct(packed, N).Multiply(x, y);
        Assert.Equal(x, y);
    }

    [Fact]
    public void Constructor_WithTheWrongPackedLength_Throws() =>
        Assert.Throws<ArgumentException>(() => new LowerTriangularProduct(new double[5], 3));
}
