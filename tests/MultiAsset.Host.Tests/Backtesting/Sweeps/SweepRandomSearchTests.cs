using System.Text.Json;
using MultiAsset.Host.Backtesting.Sweeps;

namespace MultiAsset.Host.Tests.Backtesting.Sweeps;

public sealed class SweepRandomSearchTests
{
    private static readonly SweepRandomRange[] Ranges = [new("fast", 2, 30, Integer: true), new("threshold", 0.1, 0.9, Integer: false)];

    [Fact]
    public void Sample_SameSeed_GivesTheSameSets()
    {
        var a = SweepRandomSearch.Sample(Ranges, 40, seed: 7);
        var b = SweepRandomSearch.Sample(Ranges, 40, seed: 7);
        var c = SweepRandomSearch.Sample(Ranges, 40, seed: 8);

        Assert.Equal(a.Select(s => s.Canonical), b.Select(s => s.Canonical));
        Assert.NotEqual(a.Select(s => s.Canonical), c.Select(s => s.Canonical));
    }

    [Fact]
    public void Sample_ValuesAreWithinBounds_IntegersAreIntegers()
    {
        var sets = SweepRandomSearch.Sample(Ranges, 200, seed: 1);

        Assert.True(sets.Count > 150, $"{sets.Count} distinct sets");
        foreach (var set in sets)
        {
            var fast = set["fast"]!;
            Assert.Equal(JsonValueKind.Number, fast.GetValueKind());
            Assert.DoesNotContain(".", fast.ToJsonString(), StringComparison.Ordinal);
            Assert.InRange(fast.GetValue<long>(), 2, 30);
            Assert.InRange(set["threshold"]!.GetValue<double>(), 0.1, 0.9);
        }

        Assert.Contains(sets, s => s["fast"]!.GetValue<long>() == 2);
        Assert.Contains(sets, s => s["fast"]!.GetValue<long>() == 30);
    }

    [Fact]
    public void Sample_NarrowIntegerRange_DropsRepeats()
    {
        var sets = SweepRandomSearch.Sample([new SweepRandomRange("fast", 1, 3, Integer: true)], 50, seed: 3);

        Assert.Equal(3, sets.Count);
        Assert.Equal(3, sets.Select(s => s.RunId).Distinct().Count());
    }
}
