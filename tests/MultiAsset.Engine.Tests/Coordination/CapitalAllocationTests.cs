using MultiAsset.Engine.Coordination;
using MultiAsset.Engine.Coordination.Config;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Tests.Coordination;

/// <summary>Capital shares between the strategies of an account, on hand-computed numbers.</summary>
public class CapitalAllocationTests
{
    private static CoordinationConfig Allocation(CapitalAllocationRule rule) => new() { CapitalAllocation = [rule] };

    [Fact]
    public void Equal_IsTheDefault()
    {
        var h = new CoordinationHarness();
        var a = h.Register("a");
        var b = h.Register("b");
        var c = h.Register("c");
        var other = h.Register("other", account: "fx-carry");
        Assert.Equal(CapitalAllocationMethod.Equal, h.Stage.AllocationMethod(h.Account("default")));
        Assert.All(new[] { a, b, c }, s => Assert.Equal(1.0 / 3, h.Stage.CapitalShare(s), 12));
        Assert.Equal(1.0, h.Stage.CapitalShare(other));
    }

    [Fact]
    public void FixedWeights_ListedGetTheirPercent_UnlistedSplitTheRest()
    {
        var h = new CoordinationHarness(Allocation(new CapitalAllocationRule
        {
            Account = "default",
            Method = CapitalAllocationMethod.FixedWeights,
            Weights = new Dictionary<string, double> { ["a"] = 50, ["b"] = 20, ["not-yet"] = 10 },
        }));
        var a = h.Register("a");
        var b = h.Register("b");
        var c = h.Register("c");
        var d = h.Register("d");

        Assert.Equal(0.50, h.Stage.CapitalShare(a), 12);
        Assert.Equal(0.20, h.Stage.CapitalShare(b), 12);
        Assert.Equal(0.10, h.Stage.CapitalShare(c), 12); // (100 − 80) / 2
        Assert.Equal(0.10, h.Stage.CapitalShare(d), 12);

        // Sizing uses it: 1 000 000 × 20 % × 70 % STOCK / 100 = 1400.
        h.Batch(h.Target(b, "AAPL", 1, 100));
        Assert.Equal(Quantity.FromDecimal(1400m), Assert.Single(h.Orders()).Quantity);
    }

    [Fact]
    public void InverseVolatility_SharesAreProportionalToOneOverTheMeanVolatility()
    {
        var h = new CoordinationHarness(
            Allocation(new CapitalAllocationRule { Account = "default", Method = CapitalAllocationMethod.InverseVolatility }),
            volatility: new TableVolatility(new() { ["AAPL"] = 0.2, ["BTCUSD"] = 0.8, ["EURUSD"] = 0.1, ["GBPUSD"] = 0.3 }, Support.RepoFiles.ShippedCatalog));
        var a = h.Register("a", instruments: ["AAPL"]);
        var b = h.Register("b", instruments: ["BTCUSD"]);
        var c = h.Register("c", instruments: ["EURUSD", "GBPUSD"]);
        var unknown = h.Register("d"); // no instruments yet: gets the mean σ of the others, (0.2 + 0.8 + 0.2) / 3 = 0.4

        // 1/σ: 5, 1.25, 5, 2.5 → sum 13.75.
        Assert.Equal(5 / 13.75, h.Stage.CapitalShare(a), 12);
        Assert.Equal(1.25 / 13.75, h.Stage.CapitalShare(b), 12);
        Assert.Equal(5 / 13.75, h.Stage.CapitalShare(c), 12);
        Assert.Equal(2.5 / 13.75, h.Stage.CapitalShare(unknown), 12);
    }

    [Fact]
    public void PerformanceWeighted_FloorPlusShareOfPositiveReturns_RecomputedAfterTheInterval()
    {
        var returns = new TableReturns();
        var config = Allocation(new CapitalAllocationRule { Account = "default", Method = CapitalAllocationMethod.PerformanceWeighted, FloorPercent = 10 })
            with { ReallocationInterval = TimeSpan.FromMinutes(1) };
        var h = new CoordinationHarness(config, performance: returns);
        var a = h.Register("a");
        var b = h.Register("b");
        var c = h.Register("c");
        Assert.All(new[] { a, b, c }, s => Assert.Equal(1.0 / 3, h.Stage.CapitalShare(s), 12)); // no returns yet: equal

        returns.Set(a, 0.10);
        returns.Set(b, 0.30);
        returns.Set(c, -0.05);
        var minute = (long)TimeSpan.FromMinutes(1).TotalNanoseconds;
        h.Batch(h.Buy(a, "AAPL", 1, time: minute / 2));
        Assert.Equal(1.0 / 3, h.Stage.CapitalShare(a), 12); // the interval has not passed

        h.Batch(h.Buy(a, "AAPL", 1, time: minute + 1));

        // floor 10 % each, the other 70 % ∝ max(0, r): 0.1, 0.3, 0 → a 0.1 + 0.7 × 0.25, b 0.1 + 0.7 × 0.75, c 0.1.
        Assert.Equal(0.275, h.Stage.CapitalShare(a), 12);
        Assert.Equal(0.625, h.Stage.CapitalShare(b), 12);
        Assert.Equal(0.100, h.Stage.CapitalShare(c), 12);
    }

    [Fact]
    public void AnotherAccountsTraffic_DoesNotMoveTheReallocationClock()
    {
        var returns = new TableReturns();
        var config = Allocation(new CapitalAllocationRule { Account = "default", Method = CapitalAllocationMethod.PerformanceWeighted })
            with { ReallocationInterval = TimeSpan.FromMinutes(1) };
        var h = new CoordinationHarness(config, performance: returns);
        var a = h.Register("a");
        h.Register("b");
        var x = h.Register("x", account: "fx-carry");
        returns.Set(a, 0.5);
        h.Batch(h.Buy(x, "AAPL", 1, time: (long)TimeSpan.FromHours(5).TotalNanoseconds));
        Assert.Equal(0.5, h.Stage.CapitalShare(a), 12);
    }

    [Fact]
    public void MethodsWithoutTheirSource_AreAConfigurationError()
    {
        var config = Allocation(new CapitalAllocationRule { Account = "default", Method = CapitalAllocationMethod.InverseVolatility });
        var e = Assert.Throws<ConfigurationException>(() => new CoordinationHarness(config));
        Assert.Contains("InverseVolatility", e.Message, StringComparison.Ordinal);
        Assert.Contains("instrument-volatility", e.Message, StringComparison.Ordinal);
    }

    private sealed class TableVolatility(Dictionary<string, double> bySymbol, InstrumentCatalog catalog) : IInstrumentVolatility
    {
        public double Volatility(InstrumentId instrument, long lookbackNanoseconds)
            => bySymbol.TryGetValue(catalog[instrument].Symbol, out var sigma) ? sigma : double.NaN;
    }

    private sealed class TableReturns : IStrategyPerformance
    {
        private readonly Dictionary<int, double> returns = [];

        public void Set(StrategyId strategy, double value) => returns[strategy.Value] = value;

        public double TrailingReturn(StrategyId strategy, long lookbackNanoseconds) => returns.GetValueOrDefault(strategy.Value, double.NaN);
    }
}
