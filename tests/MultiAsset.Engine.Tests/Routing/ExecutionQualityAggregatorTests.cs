using System.Text.Json;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Routing.Tca;
using static MultiAsset.Engine.Tests.Routing.TcaFixtures;

namespace MultiAsset.Engine.Tests.Routing;

public class ExecutionQualityAggregatorTests
{
    private static readonly string[] StrategyNames = ["Crypto-Tech Momentum", "FX Carry with Equity Hedge"];
    private static readonly string[] VenueNames = ["NYSE", "BINANCE", "COINBASE"];

    private static ExecutionQualityAggregator Aggregator()
    {
        var aggregator = new ExecutionQualityAggregator(s => StrategyNames[s.Value], v => VenueNames[v.Value]);
        aggregator.Add(FilledBuy().Report());
        aggregator.Add(PartialSell().Report());
        return aggregator;
    }

    [Fact]
    public void Overall_IsNotionalWeighted_HandComputed()
    {
        var all = Aggregator().Build().Overall;
        Assert.Equal("all", all.Key);
        Assert.Equal(2, all.Orders);
        Assert.Equal(3, all.Fills);
        // ordered at arrival 1000·100.10 + 1000·49.90; filled at arrival 1000·100.10 + 300·49.90
        Assert.Equal(150_000, all.OrderedNotional, 6);
        Assert.Equal(115_070, all.FilledNotional, 6);
        Assert.Equal(115_070 / 150_000.0, all.FillRate, 12);
        // slippage costs 140 (buy) + 30 (sell) over 115,070 filled notional
        Assert.Equal(170 / 115_070.0 * 1e4, all.SlippageVsArrivalBps!.Value, 9);
        // against VWAP: 1000·0.04 + 300·0.05 over 1000·100.20 + 300·49.85
        Assert.Equal(55 / ((1000 * 100.20) + (300 * 49.85)) * 1e4, all.SlippageVsVwapBps!.Value, 9);
        // shortfall 245 + 411.5 over a 150,000 paper notional
        Assert.Equal(656.5 / 150_000 * 1e4, all.ImplementationShortfallBps!.Value, 9);
        Assert.Equal((130.0, 170.0, 6.5, 350.0, 656.5), (Math.Round(all.Shortfall.Delay, 9), Math.Round(all.Shortfall.Execution, 9), all.Shortfall.Fees, Math.Round(all.Shortfall.Opportunity, 9), Math.Round(all.Shortfall.Total, 9)));
        // decision→ack samples 2000 and 4000 ns
        var ack = all.Latency.DecisionToAck!;
        Assert.Equal((2, 3.0, 2.0, 4.0, 4.0, 4.0), (ack.Count, ack.MeanMicros, ack.P50Micros, ack.P95Micros, ack.P99Micros, ack.MaxMicros));
        Assert.Equal(7.0, all.Latency.DecisionToFirstFill!.MeanMicros, 12);
    }

    [Fact]
    public void Groups_ByStrategyAssetClassAndAlgorithm_UseNamesAndSeedSpellings()
    {
        var report = Aggregator().Build();
        Assert.Equal(StrategyNames, report.ByStrategy.Select(g => g.Key));
        Assert.Equal(["CRYPTO", "STOCK"], report.ByAssetClass.Select(g => g.Key));
        Assert.Equal(["TWAP", "VWAP"], report.ByAlgorithm.Select(g => g.Key));
        var crypto = report.ByAssetClass[0];
        Assert.Equal(0.3, crypto.FillRate, 12);
        Assert.Equal(0.10 / 49.90 * 1e4, crypto.SlippageVsArrivalBps!.Value, 9);
        Assert.Equal(82.3, crypto.ImplementationShortfallBps!.Value, 9);
    }

    [Fact]
    public void Venues_ComeFromChildOrders()
    {
        var aggregator = Aggregator();
        var a = default(ChildOrderTca);
        a.Start(8, new VenueId(1), OrderSide.Sell, Q("200"), P("49.90"), 0);
        a.OnAck(100);
        a.OnFill(Q("200"), P("49.80"), M("1"), 300);
        var b = default(ChildOrderTca);
        b.Start(8, new VenueId(2), OrderSide.Sell, Q("100"), P("49.90"), 0);
        b.OnAck(300);
        aggregator.Add(a.Report());
        aggregator.Add(b.Report(), quoteToReporting: 2); // a venue quoting in another currency
        var venues = aggregator.Build().ByVenue;
        Assert.Equal(["BINANCE", "COINBASE"], venues.Select(v => v.Key));
        Assert.Equal(1, venues[0].FillRate);
        Assert.Equal(0.10 / 49.90 * 1e4, venues[0].SlippageVsArrivalBps!.Value, 9);
        Assert.Equal(0.3, venues[0].Latency.SendToFirstFill!.MaxMicros, 12);
        Assert.Equal(0, venues[1].FillRate);
        Assert.Equal(2 * 100 * 49.90, venues[1].RoutedNotional, 9);
        Assert.Null(venues[1].SlippageVsArrivalBps);
        Assert.Null(venues[1].Latency.SendToFirstFill);
    }

    [Fact]
    public void Json_IsCamelCase_OmitsNulls_AndRoundTrips()
    {
        var aggregator = Aggregator();
        var child = default(ChildOrderTca);
        child.Start(7, new VenueId(0), OrderSide.Buy, Q("1000"), P("100.10"), 0);
        aggregator.Add(child.Report());
        string json = ExecutionQualityAggregator.Serialize(aggregator.Build());
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal(["overall", "byStrategy", "byAssetClass", "byAlgorithm", "byVenue"], root.EnumerateObject().Select(p => p.Name));
        var overall = root.GetProperty("overall");
        Assert.Equal(
            ["key", "orders", "fills", "orderedNotional", "filledNotional", "fillRate", "slippageVsArrivalBps", "slippageVsVwapBps", "implementationShortfallBps", "shortfall", "latency"],
            overall.EnumerateObject().Select(p => p.Name));
        Assert.True(overall.GetProperty("latency").GetProperty("decisionToAck").TryGetProperty("p95Micros", out _));
        var venue = root.GetProperty("byVenue")[0];
        Assert.False(venue.TryGetProperty("slippageVsArrivalBps", out _)); // no fills: omitted, not 0
        Assert.False(venue.GetProperty("latency").TryGetProperty("sendToAck", out _));
        Assert.Equal(json, ExecutionQualityAggregator.Serialize(ExecutionQualityAggregator.ParseResponse(json)!));
    }

    [Fact]
    public void Empty_ReportsZerosAndNulls()
    {
        var report = new ExecutionQualityAggregator().Build();
        Assert.Equal(0, report.Overall.Orders);
        Assert.Null(report.Overall.SlippageVsArrivalBps);
        Assert.Null(report.Overall.ImplementationShortfallBps);
        Assert.Empty(report.ByStrategy);
        Assert.Empty(report.ByVenue);
    }

    [Fact]
    public void Add_RejectsABadRate()
    {
        var report = FilledBuy().Report();
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExecutionQualityAggregator().Add(report, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExecutionQualityAggregator().Add(report, double.NaN));
    }

    [Theory]
    [InlineData(new long[] { 10, 20, 30 }, 50, 20)]
    [InlineData(new long[] { 10, 20, 30 }, 95, 30)]
    [InlineData(new long[] { 10, 20, 30 }, 0, 10)]
    [InlineData(new long[] { 5 }, 99, 5)]
    public void NearestRank_IsAnObservedValue(long[] sorted, double percentile, long expected)
    {
        Assert.Equal(expected, LatencyStatistics.NearestRank(sorted, percentile));
    }

    [Fact]
    public void Summarize_OneToHundred()
    {
        var stats = LatencyStatistics.Summarize([.. Enumerable.Range(1, 100).Select(i => (long)i * 1000).Reverse()])!;
        Assert.Equal((100, 50.5, 50.0, 95.0, 99.0, 100.0), (stats.Count, stats.MeanMicros, stats.P50Micros, stats.P95Micros, stats.P99Micros, stats.MaxMicros));
    }
}
