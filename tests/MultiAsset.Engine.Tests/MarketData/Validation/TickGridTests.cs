using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MultiAsset.Engine.MarketData.Validation;
using FsGen = FsCheck.FSharp.Gen;

namespace MultiAsset.Engine.Tests.MarketData.Validation;

/// <summary>The division-free tick check agrees with <c>raw % tick == 0</c> everywhere.</summary>
public class TickGridTests
{
    // Ticks as configured (powers of ten of the 10^-8 scale, 5s, 25s) plus any positive long, odd and even.
    private static readonly Arbitrary<long> Ticks = Gen.OneOf(
            Gen.Elements(1L, 2L, 5L, 10L, 25L, 100L, 1_000L, 100_000L, 1_000_000L, 5_000_000L, 100_000_000L, 3L, 7L, 1L << 40, long.MaxValue),
            FsGen.Choose64(1, 1_000_000_000),
            FsGen.Choose64(1, long.MaxValue))
        .ToArbitrary();

    private static readonly Arbitrary<long> Multipliers = Gen.OneOf(
            FsGen.Choose64(-1_000_000_000, 1_000_000_000),
            Gen.Elements(0L, 1L, -1L))
        .ToArbitrary();

    private static readonly Arbitrary<long> Raws = Gen.OneOf(
            FsGen.Choose64(long.MinValue, long.MaxValue),
            FsGen.Choose64(-1_000_000_000_000, 1_000_000_000_000),
            Gen.Elements(long.MinValue, long.MinValue + 1, long.MaxValue, 0L, 1L, -1L))
        .ToArbitrary();

    [Property(MaxTest = 5000)]
    public Property Contains_AgreesWithTheRemainder() =>
        Prop.ForAll(Raws, Ticks, (raw, tick) => new TickGrid(tick).Contains(raw) == (raw % tick == 0));

    [Property(MaxTest = 5000)]
    public Property Contains_EveryMultipleAndItsNeighboursRight() =>
        Prop.ForAll(Multipliers, Ticks, (k, tick) =>
        {
            var grid = new TickGrid(tick);
            long multiple = unchecked(k * tick);
            return grid.Contains(multiple) == (multiple % tick == 0)
                && grid.Contains(unchecked(multiple + 1)) == (unchecked(multiple + 1) % tick == 0)
                && grid.Contains(unchecked(multiple - 1)) == (unchecked(multiple - 1) % tick == 0);
        });

    [Theory]
    [InlineData(1_000_000L, 10_125_000_000L, true)]
    [InlineData(1_000_000L, 10_125_500_000L, false)]
    [InlineData(1_000L, 108_123_000L, true)]
    [InlineData(1_000L, 108_123_001L, false)]
    [InlineData(25L, -75L, true)]
    [InlineData(2L, long.MinValue, true)]
    [InlineData(3L, long.MinValue, false)]
    [InlineData(0L, 12_345L, true)]
    [InlineData(-5L, 12_345L, true)]
    public void Contains_Examples(long tick, long raw, bool expected) => Assert.Equal(expected, new TickGrid(tick).Contains(raw));
}
