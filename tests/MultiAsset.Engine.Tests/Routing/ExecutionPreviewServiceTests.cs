using System.Text.Json;
using MultiAsset.Engine.Routing.Algorithms;
using MultiAsset.Engine.Routing.Algorithms.Preview;

namespace MultiAsset.Engine.Tests.Routing;

public class ExecutionPreviewServiceTests
{
    private const string TwapRequest = """
        {
          "algorithm": "TWAP",
          "side": "Buy",
          "quantity": 1000,
          "slices": 4,
          "sliceSeconds": 60,
          "price": 50,
          "volatility": 0.0001,
          "temporaryImpact": 0.001,
          "permanentImpact": 0,
          "riskAversion": 0,
          "lotSize": 100
        }
        """;

    [Fact]
    public void PreviewJson_Twap_HandComputedScheduleAndCost()
    {
        using var doc = JsonDocument.Parse(ExecutionPreviewService.PreviewJson(TwapRequest));
        var root = doc.RootElement;
        Assert.Equal(
            ["children", "expectedCost", "expectedCostWithoutFixedCost", "fixedCost", "costVariance", "rounding", "fixedCostPerUnit", "kappa", "kappaContinuous", "trajectory"],
            root.EnumerateObject().Select(p => p.Name).ToArray());
        var children = root.GetProperty("children").EnumerateArray()
            .Select(c => (c.GetProperty("offsetSeconds").GetDouble(), c.GetProperty("quantity").GetDecimal())).ToArray();
        // 10 lots of 100 over 4 slices: 3, 2, 3, 2 lots
        Assert.Equal([(0.0, 300m), (60.0, 200m), (120.0, 300m), (180.0, 200m)], children);
        // η̃ = 0.001 ⇒ E = (0.001/60)·(300² + 200² + 300² + 200²) = 4.3333…
        Assert.Equal(0.001 / 60 * 260_000, root.GetProperty("expectedCost").GetDouble(), 12);
        // σ = 0.0001·50 = 0.005 per √s; holdings 700, 500, 200, 0 ⇒ V = 0.005²·60·780000 = 1170
        Assert.Equal(1170, root.GetProperty("costVariance").GetDouble(), 9);
    }

    [Fact]
    public void PreviewJson_DocumentedImplementationExample()
    {
        // docs/execution-algorithms.md: σ = 0.0001·200 = 0.02, η̃ = 0.05 − 1e-5·300/2 = 0.0485, κτ = 0.2716
        const string Json = """
            { "algorithm": "Implementation", "side": "Buy", "quantity": 10000, "lotSize": 100, "slices": 6, "sliceSeconds": 300,
              "price": 200, "volatility": 0.0001, "temporaryImpact": 0.05, "permanentImpact": 0.00001, "riskAversion": 0.0001 }
            """;
        var response = ExecutionPreviewService.ParseResponse(ExecutionPreviewService.PreviewJson(Json))!;
        Assert.Equal(
            [(0.0, 2600m), (300.0, 2000m), (600.0, 1700m), (900.0, 1400m), (1200.0, 1200m), (1500.0, 1100m)],
            response.Children.Select(c => (c.OffsetSeconds, c.Quantity)));
        // E = ½·1e-5·10000² + (0.0485/300)·Σn² ; V = 0.02²·300·Σx² with x = 7400, 5400, 3700, 2300, 1100, 0
        double sumN2 = (2600.0 * 2600) + (2000.0 * 2000) + (1700.0 * 1700) + (1400.0 * 1400) + (1200.0 * 1200) + (1100.0 * 1100);
        Assert.Equal(500 + (0.0485 / 300 * sumN2), response.ExpectedCost, 9);
        double sumX2 = (7400.0 * 7400) + (5400.0 * 5400) + (3700.0 * 3700) + (2300.0 * 2300) + (1100.0 * 1100);
        Assert.Equal(0.0004 * 300 * sumX2, response.CostVariance, 6);
        Assert.Equal(3452.0333333333, response.ExpectedCost, 9);
        Assert.Equal(12_493_200, response.CostVariance, 6);
    }

    [Fact]
    public void Request_And_Response_RoundTripThroughJson()
    {
        var request = ExecutionPreviewService.ParseRequest(TwapRequest);
        Assert.Equal(1000m, request.Quantity);
        Assert.Equal(100m, request.LotSize);
        string json = ExecutionPreviewService.Serialize(request);
        Assert.Equal(json, ExecutionPreviewService.Serialize(ExecutionPreviewService.ParseRequest(json)));
        Assert.Contains("\"sliceSeconds\":60", json, StringComparison.Ordinal);
        Assert.DoesNotContain("volumeProfile", json, StringComparison.Ordinal); // nulls omitted

        string responseJson = ExecutionPreviewService.PreviewJson(json);
        var response = ExecutionPreviewService.ParseResponse(responseJson)!;
        Assert.Equal(4, response.Children.Count);
        Assert.Equal(1000m, response.Children.Sum(c => c.Quantity));
        Assert.Equal(responseJson, ExecutionPreviewService.Serialize(response));
    }

    [Fact]
    public void Implementation_IsTheAlmgrenChrissScheduleAndCost()
    {
        var request = new ExecutionPreviewRequest
        {
            Algorithm = "implementation",
            Side = "Sell",
            Quantity = 0.5m,
            LotSize = 0.001m,
            Slices = 12,
            SliceSeconds = 30,
            Price = 60_000,
            Volatility = 0.0002,
            TemporaryImpact = 50,
            PermanentImpact = 1,
            RiskAversion = 1e-4,
        };
        var response = ExecutionPreviewService.Preview(request);
        var model = new AlmgrenChrissParameters(30, 0.0002 * 60_000, 50, 1, 1e-4);
        var lots = new long[12];
        AlmgrenChriss.Compute(500, model, lots);
        Assert.Equal(lots.Where(l => l != 0).Select(l => l * 0.001m), response.Children.Select(c => c.Quantity));
        Assert.Equal(0.5m, response.Children.Sum(c => c.Quantity));
        var cost = ScheduleCostModel.Evaluate(lots, 0.001, model);
        Assert.Equal(cost.ExpectedCost, response.ExpectedCost);
        Assert.Equal(cost.Variance, response.CostVariance);
        Assert.True(response.Children[0].Quantity > response.Children[^1].Quantity); // front-loaded
    }

    [Fact]
    public void AllAlgorithms_ArePricedWithOneModel_SoTheyCompare()
    {
        ExecutionPreviewResponse Run(string algorithm) => ExecutionPreviewService.Preview(new ExecutionPreviewRequest
        {
            Algorithm = algorithm, Side = "Buy", Quantity = 10_000, Slices = 10, SliceSeconds = 60, VolumeProfile = [3, 2, 1, 1, 1, 1, 1, 1, 2, 3],
            Price = 100, Volatility = 0.0003, TemporaryImpact = 0.002, PermanentImpact = 1e-6, RiskAversion = 1e-5,
        });

        var twap = Run("TWAP");
        var vwap = Run("VWAP");
        var ac = Run("Implementation");
        var liquidity = Run("Liquidity");
        var momentum = Run("Momentum");
        // immediate execution: no timing risk, the highest impact
        Assert.Equal(0, liquidity.CostVariance);
        Assert.Equal([(0.0, 10_000m)], liquidity.Children.Select(c => (c.OffsetSeconds, c.Quantity)));
        Assert.True(liquidity.ExpectedCost > ac.ExpectedCost && liquidity.ExpectedCost > twap.ExpectedCost);
        // TWAP has the lowest impact; Implementation trades some of it for less variance; E + λV is lowest for Implementation
        Assert.True(twap.ExpectedCost <= ac.ExpectedCost && ac.CostVariance < twap.CostVariance);
        double U(ExecutionPreviewResponse r) => r.ExpectedCost + (1e-5 * r.CostVariance);
        Assert.True(U(ac) < U(twap) && U(ac) < U(vwap) && U(ac) < U(liquidity));
        // the neutral-signal momentum plan follows the profile
        Assert.Equal(vwap.Children.Select(c => c.Quantity), momentum.Children.Select(c => c.Quantity));
        Assert.Equal([1875m, 1250m, 625m], vwap.Children.Take(3).Select(c => c.Quantity));
    }

    [Fact]
    public void Momentum_WithoutProfile_IsEqualSlices_AndEmptySlicesAreOmitted()
    {
        var response = ExecutionPreviewService.Preview(new ExecutionPreviewRequest { Algorithm = "Momentum", Side = "Sell", Quantity = 3, Slices = 5, SliceSeconds = 10 });
        Assert.Equal([(0.0, 1m), (20.0, 1m), (40.0, 1m)], response.Children.Select(c => (c.OffsetSeconds, c.Quantity)));
        Assert.Equal(0, response.ExpectedCost);
        Assert.Equal(0, response.CostVariance);
    }

    [Theory]
    [InlineData("{}", "algorithm")]
    [InlineData("""{"algorithm":"POV","side":"Buy","quantity":10,"slices":2,"sliceSeconds":1}""", "algorithm")]
    [InlineData("""{"algorithm":"Direct","side":"Buy","quantity":10,"slices":2,"sliceSeconds":1}""", "algorithm")]
    [InlineData("""{"algorithm":"TWAP","quantity":10,"slices":2,"sliceSeconds":1}""", "side")]
    [InlineData("""{"algorithm":"TWAP","side":"Short","quantity":10,"slices":2,"sliceSeconds":1}""", "side")]
    [InlineData("""{"algorithm":"TWAP","side":"Buy","slices":2,"sliceSeconds":1}""", "quantity")]
    [InlineData("""{"algorithm":"TWAP","side":"Buy","quantity":0,"slices":2,"sliceSeconds":1}""", "quantity")]
    [InlineData("""{"algorithm":"TWAP","side":"Buy","quantity":-5,"slices":2,"sliceSeconds":1}""", "quantity")]
    [InlineData("""{"algorithm":"TWAP","side":"Buy","quantity":150,"lotSize":100,"slices":2,"sliceSeconds":1}""", "quantity")]
    [InlineData("""{"algorithm":"TWAP","side":"Buy","quantity":0.123456789,"slices":2,"sliceSeconds":1}""", "quantity")]
    [InlineData("""{"algorithm":"TWAP","side":"Buy","quantity":"ten","slices":2,"sliceSeconds":1}""", "quantity")]
    [InlineData("""{"algorithm":"TWAP","side":"Buy","quantity":10,"lotSize":0,"slices":2,"sliceSeconds":1}""", "lotSize")]
    [InlineData("""{"algorithm":"TWAP","side":"Buy","quantity":10,"sliceSeconds":1}""", "slices")]
    [InlineData("""{"algorithm":"TWAP","side":"Buy","quantity":10,"slices":0,"sliceSeconds":1}""", "slices")]
    [InlineData("""{"algorithm":"TWAP","side":"Buy","quantity":10,"slices":2.5,"sliceSeconds":1}""", "slices")]
    [InlineData("""{"algorithm":"TWAP","side":"Buy","quantity":10,"slices":2}""", "sliceSeconds")]
    [InlineData("""{"algorithm":"TWAP","side":"Buy","quantity":10,"slices":2,"sliceSeconds":0}""", "sliceSeconds")]
    [InlineData("""{"algorithm":"VWAP","side":"Buy","quantity":10,"slices":2,"sliceSeconds":1}""", "volumeProfile")]
    [InlineData("""{"algorithm":"VWAP","side":"Buy","quantity":10,"slices":2,"sliceSeconds":1,"volumeProfile":[]}""", "volumeProfile")]
    [InlineData("""{"algorithm":"VWAP","side":"Buy","quantity":10,"slices":2,"sliceSeconds":1,"volumeProfile":[0,0]}""", "volumeProfile")]
    [InlineData("""{"algorithm":"VWAP","side":"Buy","quantity":10,"slices":2,"sliceSeconds":1,"volumeProfile":[1,-1]}""", "volumeProfile[1]")]
    [InlineData("""{"algorithm":"TWAP","side":"Buy","quantity":10,"slices":2,"sliceSeconds":1,"volatility":0.001}""", "price")]
    [InlineData("""{"algorithm":"TWAP","side":"Buy","quantity":10,"slices":2,"sliceSeconds":1,"price":-1}""", "price")]
    [InlineData("""{"algorithm":"TWAP","side":"Buy","quantity":10,"slices":2,"sliceSeconds":1,"price":1,"volatility":-0.1}""", "volatility")]
    [InlineData("""{"algorithm":"Implementation","side":"Buy","quantity":10,"slices":2,"sliceSeconds":1,"temporaryImpact":1,"riskAversion":1}""", "volatility")]
    [InlineData("""{"algorithm":"Implementation","side":"Buy","quantity":10,"slices":2,"sliceSeconds":1,"price":1,"volatility":0.1,"riskAversion":1}""", "temporaryImpact")]
    [InlineData("""{"algorithm":"TWAP","side":"Buy","quantity":10,"slices":2,"sliceSeconds":10,"temporaryImpact":0.001,"permanentImpact":0.001}""", "temporaryImpact")]
    [InlineData("""{"algorithm":"TWAP","side":"Buy","quantity":10,"slices":2,"sliceSeconds":1,"permanentImpact":-1}""", "permanentImpact")]
    [InlineData("""{"algorithm":"Implementation","side":"Buy","quantity":10,"slices":2,"sliceSeconds":1,"price":1,"volatility":0.1,"temporaryImpact":1}""", "riskAversion")]
    [InlineData("""{"algorithm":"TWAP","side":"Buy","quantity":10,"slices":2,"sliceSeconds":1,"riskAversion":-1}""", "riskAversion")]
    [InlineData("""{"algorithm":"TWAP","side":"Buy","quantity":10,"slices":2,"sliceSeconds":1,"urgency":"high"}""", "urgency")]
    [InlineData("""{"algorithm":"TWAP",""", "$")]
    [InlineData("null", "$")]
    public void BadRequest_ThrowsNamingTheField(string json, string field)
    {
        var e = Assert.Throws<ExecutionPreviewException>(() => ExecutionPreviewService.PreviewJson(json));
        Assert.Equal(field, e.Field);
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }

    [Fact]
    public void BadRequest_MessagesExplainTheRule()
    {
        var e = Assert.Throws<ExecutionPreviewException>(() => ExecutionPreviewService.PreviewJson(
            """{"algorithm":"TWAP","side":"Buy","quantity":150,"lotSize":100,"slices":2,"sliceSeconds":1}"""));
        Assert.Equal("quantity 150 is not a whole number of lots (lotSize 100)", e.Message);
        e = Assert.Throws<ExecutionPreviewException>(() => ExecutionPreviewService.PreviewJson(
            """{"algorithm":"POV","side":"Buy","quantity":10,"slices":2,"sliceSeconds":1}"""));
        Assert.Equal("algorithm 'POV' is not one of TWAP, VWAP, Implementation, Momentum, Liquidity", e.Message);
        e = Assert.Throws<ExecutionPreviewException>(() => ExecutionPreviewService.PreviewJson(
            """{"algorithm":"TWAP","side":"Buy","quantity":10,"slices":2,"sliceSeconds":1,"urgency":"high"}"""));
        Assert.Contains("'urgency'", e.Message, StringComparison.Ordinal);
        Assert.IsType<JsonException>(e.InnerException);
    }
}
