using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Routing.Venues;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Routing.Venues;

/// <summary>config/venues.json: the shipped file loads; every kind of mistake is reported with file, JSON path and reason.</summary>
public class VenueConfigReaderTests
{
    private const string Source = "test-venues.json";

    private const string Minimal = """
        {
          "assetClassRoutes": { "STOCK": ["A-SIM", "B-SIM"] },
          "venues": [
            { "name": "A-SIM", "assetClasses": ["STOCK"], "fees": { "makerBps": -0.2, "takerBps": 0.3, "perShare": 0.0005 },
              "latency": { "ack": "250us", "fill": "0.4ms", "jitter": "50us" },
              "liquidity": { "halfSpreadMultiplier": 1.5, "levels": 5, "levelSpacingTicks": 2, "depthPerLevel": { "lots": 300 } },
              "rejectProbability": 0.01, "maxWorkingOrders": 64, "seed": 9 },
            { "name": "B-SIM", "assetClasses": ["STOCK"], "instruments": ["AAPL", "MSFT"], "fees": { "makerBps": 0, "takerBps": 1 },
              "latency": { "ack": "1ms", "fill": "1ms" },
              "liquidity": { "halfSpreadMultiplier": 1, "levels": 3, "depthPerLevel": { "notional": 25000.5 } } }
          ]
        }
        """;

    [Fact]
    public void ShippedFile_Loads_WithTwoOrMoreVenuesPerAssetClass()
    {
        var config = VenueConfigReader.Load(RepoFiles.PathOf(VenueConfigReader.DefaultPath), RepoFiles.ShippedCatalog, VenueConfigReader.DefaultPath);
        foreach (var assetClass in Enum.GetValues<AssetClass>())
        {
            Assert.True(config.RoutesFor(assetClass).Length >= 2, $"{assetClass} has fewer than two venues");
        }

        Assert.Equal(["NYSE-SIM", "NASDAQ-SIM", "IEX-SIM"], config.RoutesFor(AssetClass.Stock).ToArray().Select(v => config[v].Name));
        Assert.True(config.Policy.LatencyOptimization);
        Assert.Equal(100_000_000, config.Policy.MaxAckLatencyNanos(AssetClass.Crypto));
        Assert.Equal(2_000_000, config.Policy.MaxAckLatencyNanos(AssetClass.Stock));
        Assert.True(config.TryGet("KRAKEN-SIM", out var kraken));
        Assert.Equal(50_000m, kraken!.Liquidity.DepthNotional.ToDecimal());
        Assert.Equal(7, kraken.Instruments!.Count);

        // Every venue can be built over the shipped catalogue.
        Assert.All(config.Venues, v => Assert.Equal(v.Id, new SimulatedVenue(v, RepoFiles.ShippedCatalog).Id));
    }

    [Fact]
    public void BarFill_IsCloseByDefault_AndReadsTheNextBarFields()
    {
        var plain = VenueConfigReader.Parse(Minimal, Source, RepoFiles.ShippedCatalog).Venues[0];
        Assert.Equal((VenueBarFill.Close, 0L, 0L), (plain.BarFill, plain.BarSpreadBpsRaw, plain.BarParticipationRaw));

        var json = Minimal.Replace("\"seed\": 9", "\"seed\": 9, \"barFill\": \"nextVwap\", \"barSpreadBps\": 2.5, \"barParticipation\": 0.1", StringComparison.Ordinal);
        var a = VenueConfigReader.Parse(json, Source, RepoFiles.ShippedCatalog).Venues[0];
        Assert.Equal(VenueBarFill.NextVwap, a.BarFill);
        Assert.Equal(2.5m, FixedPoint.ToDecimal(a.BarSpreadBpsRaw));
        Assert.Equal(0.1m, FixedPoint.ToDecimal(a.BarParticipationRaw));
        var b = VenueConfigReader.Parse(Minimal.Replace("\"seed\": 9", "\"seed\": 9, \"barFill\": \"nextOpen\"", StringComparison.Ordinal), Source, RepoFiles.ShippedCatalog).Venues[0];
        Assert.Equal(VenueBarFill.NextOpen, b.BarFill);

        // A next-bar model may be instantaneous; "close" may not (the error stays).
        var zero = Minimal.Replace("\"ack\": \"250us\", \"fill\": \"0.4ms\"", "\"ack\": \"0\", \"fill\": \"0\"", StringComparison.Ordinal);
        Assert.Equal(new VenueLatency(0, 0, 50_000), VenueConfigReader.Parse(zero.Replace("\"seed\": 9", "\"seed\": 9, \"barFill\": \"nextOpen\"", StringComparison.Ordinal), Source, RepoFiles.ShippedCatalog).Venues[0].Latency);
        var ex = Assert.Throws<ConfigurationException>(() => VenueConfigReader.Parse(zero, Source, RepoFiles.ShippedCatalog));
        Assert.Contains(ex.Errors, e => e.Contains("venues[0].latency.ack: invalid duration \"0\" (positive", StringComparison.Ordinal));
    }

    [Fact]
    public void Minimal_ReadsEveryField()
    {
        var config = VenueConfigReader.Parse(Minimal, Source, RepoFiles.ShippedCatalog);
        var a = config.Venues[0];
        Assert.Equal(new VenueId(0), a.Id);
        Assert.Equal([AssetClass.Stock], a.AssetClasses);
        Assert.Null(a.Instruments);
        Assert.Equal(-0.2m, a.Fees.MakerBps);
        Assert.Equal(0.3m, a.Fees.TakerBps);
        Assert.Equal(0.0005m, a.Fees.PerShare.ToDecimal());
        Assert.Equal(new VenueLatency(250_000, 400_000, 50_000), a.Latency);
        Assert.Equal(new VenueLiquidityModel(150_000_000, 5, 2, 300, Money.Zero), a.Liquidity);
        Assert.Equal(0.01, a.RejectProbability);
        Assert.Equal(64, a.MaxWorkingOrders);
        Assert.Equal(64 * 8, a.MaxPendingReports);
        Assert.Equal(9UL, a.Seed);

        var b = config.Venues[1];
        Assert.Equal(2, b.Instruments!.Count);
        Assert.Equal(0, b.Latency.JitterNanos);
        Assert.Equal(25_000.5m, b.Liquidity.DepthNotional.ToDecimal());
        Assert.Equal(1, b.Liquidity.LevelSpacingTicks);
        Assert.Equal(0, b.RejectProbability);
        Assert.NotEqual(0UL, b.Seed); // derived from the name
        Assert.Equal([new VenueId(0), new VenueId(1)], config.RoutesFor(AssetClass.Stock).ToArray());
        Assert.Empty(config.RoutesFor(AssetClass.Crypto).ToArray());
        Assert.Equal(VenueRoutingPolicy.Default.HealthWindow, config.Policy.HealthWindow);
    }

    [Theory]
    [InlineData("\"seed\": 9", "\"seed\": 9, \"colour\": 1", "test-venues.json: venues[0].colour: unknown field")]
    [InlineData("\"fill\": \"0.4ms\"", "\"fill\": \"100us\"", "venues[0].latency.fill: 100000 ns is below the ack latency 250000 ns")]
    [InlineData("\"ack\": \"250us\"", "\"ack\": \"fast\"", "venues[0].latency.ack: invalid duration \"fast\"")]
    [InlineData("\"ack\": \"250us\"", "\"ack\": \"0ms\"", "venues[0].latency.ack: invalid duration \"0ms\" (positive")]
    [InlineData("{ \"lots\": 300 }", "{ \"lots\": 300, \"notional\": 5 }", "venues[0].liquidity.depthPerLevel: give exactly one of \"lots\" or \"notional\"")]
    [InlineData("\"levels\": 5", "\"levels\": 0", "venues[0].liquidity.levels: 0 is out of range [1, 64]")]
    [InlineData("\"takerBps\": 0.3", "\"takerBps\": 5000", "venues[0].fees.takerBps: 5000 is out of range [-1000, 1000]")]
    [InlineData("\"rejectProbability\": 0.01", "\"rejectProbability\": 1", "venues[0].rejectProbability: 1 is out of range")]
    [InlineData("[\"AAPL\", \"MSFT\"]", "[\"AAPL\", \"EURUSD\"]", "venues[1].instruments[1]: 'EURUSD' is FOREX, not one of the venue's asset classes")]
    [InlineData("[\"AAPL\", \"MSFT\"]", "[\"AAPL\", \"NOPE\"]", "venues[1].instruments[1]: unknown instrument \"NOPE\"")]
    [InlineData("[\"AAPL\", \"MSFT\"]", "[\"AAPL\", \"SPX\"]", "venues[1].instruments[1]: 'SPX' is a reference series")]
    [InlineData("[\"A-SIM\", \"B-SIM\"]", "[\"A-SIM\", \"C-SIM\"]", "assetClassRoutes.STOCK[1]: unknown venue \"C-SIM\" (known: A-SIM, B-SIM)")]
    [InlineData("[\"A-SIM\", \"B-SIM\"]", "[\"A-SIM\", \"A-SIM\"]", "assetClassRoutes.STOCK[1]: venue 'A-SIM' is listed twice")]
    [InlineData("\"STOCK\": [\"A-SIM\", \"B-SIM\"]", "\"CRYPTO\": [\"A-SIM\"]", "assetClassRoutes.CRYPTO[0]: venue 'A-SIM' does not trade CRYPTO")]
    [InlineData("\"name\": \"B-SIM\"", "\"name\": \"A-SIM\"", "venues[1].name: duplicate venue name 'A-SIM'")]
    [InlineData("\"assetClasses\": [\"STOCK\"], \"fees\": { \"makerBps\": -0.2", "\"assetClasses\": [\"FOREX\"], \"fees\": { \"makerBps\": -0.2", "venues[0].fees.perShare: a per-share fee applies to STOCK only")]
    [InlineData("\"assetClasses\": [\"STOCK\"], \"fees\": { \"makerBps\": -0.2", "\"assetClasses\": [\"STOCKS\"], \"fees\": { \"makerBps\": -0.2", "venues[0].assetClasses[0]: expected one of STOCK, FOREX, CRYPTO")]
    [InlineData("\"seed\": 9", "\"seed\": 9, \"barFill\": \"median\"", "venues[0].barFill: expected \"nextOpen\", \"close\" or \"nextVwap\" but found \"median\"")]
    [InlineData("\"seed\": 9", "\"seed\": 9, \"barFill\": \"nextOpen\", \"barSpreadBps\": -1", "venues[0].barSpreadBps: -1 is out of range [0, 1000]")]
    [InlineData("\"seed\": 9", "\"seed\": 9, \"barFill\": \"nextOpen\", \"barParticipation\": 1.5", "venues[0].barParticipation: 1.5 is out of range [0, 1]")]
    [InlineData("\"seed\": 9", "\"seed\": 9, \"barFill\": \"nextOpen\", \"barParticipation\": \"10%\"", "venues[0].barParticipation: expected a number but found \"10%\"")]
    [InlineData("\"seed\": 9", "\"seed\": 9, \"barSpreadBps\": 2", "venues[0].barSpreadBps: applies only with barFill \"nextOpen\" or \"nextVwap\"")]
    [InlineData("\"seed\": 9", "\"seed\": 9, \"barFill\": \"close\", \"barParticipation\": 0.1", "venues[0].barParticipation: applies only with barFill \"nextOpen\" or \"nextVwap\"")]
    [InlineData("\"seed\": 9", "\"seed\": 9, \"barFill\": \"nextOpen\", \"barSpreadBps\": 2000", "venues[0].barSpreadBps: 2000 is out of range [0, 1000]")]
    public void Mistakes_AreReportedWithTheirPath(string find, string replace, string expected)
    {
        Assert.Contains(find, Minimal, StringComparison.Ordinal);
        var json = Minimal.Replace(find, replace, StringComparison.Ordinal);
        var ex = Assert.Throws<ConfigurationException>(() => VenueConfigReader.Parse(json, Source, RepoFiles.ShippedCatalog));
        Assert.Contains(ex.Errors, e => e.Contains(expected, StringComparison.Ordinal) && e.StartsWith(Source, StringComparison.Ordinal));
    }

    [Fact]
    public void AClassTradedWithoutARoute_IsAnError()
    {
        var json = Minimal.Replace("\"assetClassRoutes\": { \"STOCK\": [\"A-SIM\", \"B-SIM\"] }", "\"assetClassRoutes\": { }", StringComparison.Ordinal);
        var ex = Assert.Throws<ConfigurationException>(() => VenueConfigReader.Parse(json, Source, RepoFiles.ShippedCatalog));
        Assert.Contains("test-venues.json: assetClassRoutes.STOCK: required: venue 'A-SIM' trades STOCK, so the class needs a route", ex.Errors);
    }

    [Fact]
    public void SeveralMistakes_AreAllReported()
    {
        var json = Minimal.Replace("\"levels\": 5", "\"levels\": 0", StringComparison.Ordinal).Replace("\"ack\": \"1ms\"", "\"ack\": 5", StringComparison.Ordinal);
        var ex = Assert.Throws<ConfigurationException>(() => VenueConfigReader.Parse(json, Source, RepoFiles.ShippedCatalog));
        Assert.True(ex.Errors.Count >= 2, string.Join(Environment.NewLine, ex.Errors));
    }

    [Fact]
    public void RoutingPolicy_IsRead_WithPerClassLatencies()
    {
        var json = Minimal.Replace(
            "\"assetClassRoutes\"",
            "\"latencyOptimization\": false, \"routingPolicy\": { \"healthWindow\": 20, \"minHealthSamples\": 5, \"maxRejectRate\": 0.5, \"maxAckLatency\": { \"STOCK\": \"3ms\" }, \"routeRemainder\": false }, \"assetClassRoutes\"",
            StringComparison.Ordinal);
        var policy = VenueConfigReader.Parse(json, Source, RepoFiles.ShippedCatalog).Policy;
        Assert.False(policy.LatencyOptimization);
        Assert.Equal(20, policy.HealthWindow);
        Assert.Equal(5, policy.MinHealthSamples);
        Assert.Equal(0.5, policy.MaxRejectRate);
        Assert.Equal(3_000_000, policy.MaxAckLatencyNanos(AssetClass.Stock));
        Assert.Equal(VenueRoutingPolicy.Default.MaxAckLatencyNanos(AssetClass.Forex), policy.MaxAckLatencyNanos(AssetClass.Forex));
        Assert.False(policy.RouteRemainder);

        var single = Minimal.Replace("\"assetClassRoutes\"", "\"routingPolicy\": { \"maxAckLatency\": \"7ms\" }, \"assetClassRoutes\"", StringComparison.Ordinal);
        Assert.All(Enum.GetValues<AssetClass>(), c => Assert.Equal(7_000_000, VenueConfigReader.Parse(single, Source, RepoFiles.ShippedCatalog).Policy.MaxAckLatencyNanos(c)));
    }

    [Fact]
    public void InvalidJson_And_MissingFile_AreClear()
    {
        var ex = Assert.Throws<ConfigurationException>(() => VenueConfigReader.Parse("{ \"venues\": [", Source, RepoFiles.ShippedCatalog));
        Assert.StartsWith("test-venues.json: invalid JSON:", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<ConfigurationException>(() => VenueConfigReader.Load("/nonexistent/venues.json", RepoFiles.ShippedCatalog));
        Assert.StartsWith("/nonexistent/venues.json: cannot read the venue configuration:", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("800ns", 800)]
    [InlineData("250us", 250_000)]
    [InlineData("250µs", 250_000)]
    [InlineData("0.25ms", 250_000)]
    [InlineData("1.5s", 1_500_000_000)]
    [InlineData("2", 2_000_000_000)]
    [InlineData("0", 0)]
    public void NanosecondText_ParsesExactly(string text, long nanos)
    {
        Assert.True(NanosecondText.TryParse(text, out long parsed));
        Assert.Equal(nanos, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1ms")]
    [InlineData("0.5ns")]
    [InlineData("1e3ms")]
    [InlineData("fast")]
    [InlineData("99999999999999999999999999s")]
    public void NanosecondText_RejectsNonsense(string text) => Assert.False(NanosecondText.TryParse(text, out _));
}
