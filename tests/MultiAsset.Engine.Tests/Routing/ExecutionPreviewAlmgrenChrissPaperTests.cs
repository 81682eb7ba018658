using System.Globalization;
using MultiAsset.Engine.Routing.Algorithms.Preview;

namespace MultiAsset.Engine.Tests.Routing;

/// <summary>
/// The preview against the worked example of Almgren &amp; Chriss (2000), "Optimal execution of portfolio transactions",
/// §2.3–3: X = 10⁶ shares, S₀ = 50, σ = 0.95 $/share/√day (30 % a year), ε = 0.0625 $/share (1/8 spread),
/// η = 2.5e-6 $/share per share/day, γ = 2.5e-7 $/share², λ = 1e-6 /$, T = 5 days, N = 5 (τ = 1 day).
/// The preview works in seconds, so with τ = 86 400 s the inputs are σ_rel = 0.95/50/√86400 per √s and
/// η = 2.5e-6·86 400 $/share per share/s; E and V are unit-free in time, κ comes out per second.
/// Expected values are hand-derived from the paper's closed forms (eqs. for κ, E(x), V(x) of the optimal trajectory)
/// and, for the TWAP (λ → 0) strategy, E = εX + ½γX² + η̃X²/T = $662 500 (also printed by independent
/// implementations of the example as 0.6625 $M).
/// </summary>
public class ExecutionPreviewAlmgrenChrissPaperTests
{
    private const double Day = 86_400;
    private const double X = 1e6;
    private const double Sigma = 0.95;   // $/share/√day
    private const double Epsilon = 0.0625;
    private const double Eta = 2.5e-6;   // $/share per share/day
    private const double Gamma = 2.5e-7;
    private const double Lambda = 1e-6;
    private const double Tau = 1;        // day
    private const int N = 5;

    private static string Request(string algorithm, string rounding = "cumulative") => string.Create(
        CultureInfo.InvariantCulture,
        $$"""
        { "algorithm": "{{algorithm}}", "side": "Sell", "quantity": 1000000, "slices": 5, "sliceSeconds": 86400,
          "price": 50, "volatility": {{(Sigma / 50 / Math.Sqrt(Day)):R}}, "temporaryImpact": {{(Eta * Day):R}},
          "permanentImpact": 2.5e-7, "riskAversion": 1e-6, "fixedCostPerUnit": 0.0625, "rounding": "{{rounding}}" }
        """);

    private static double EtaTilde => Eta - (0.5 * Gamma * Tau);

    [Fact]
    public void Preview_PaperExample_KappaAndHalfLife()
    {
        var r = ExecutionPreviewService.Preview(ExecutionPreviewService.ParseRequest(Request("Implementation")));
        double kappaTilde2 = Lambda * Sigma * Sigma / EtaTilde;            // 0.38 per day²
        Assert.Equal(0.38, kappaTilde2, 12);
        double kappaPerDay = Math.Acosh(1 + (kappaTilde2 * Tau * Tau / 2)) / Tau; // (2/τ²)(cosh κτ − 1) = κ̃²
        Assert.Equal(0.6071, kappaPerDay, 4);
        Assert.Equal(kappaPerDay / Day, r.Kappa!.Value, 1e-15 * kappaPerDay / Day);
        Assert.Equal(Math.Sqrt(kappaTilde2) / Day, r.KappaContinuous!.Value, 1e-15 * Math.Sqrt(kappaTilde2) / Day);
        Assert.Equal(Day / kappaPerDay, r.HalfLifeSeconds!.Value, 6);       // θ = 1/κ ≈ 1.647 days
        Assert.Equal(1.647, r.HalfLifeSeconds!.Value / Day, 3);
    }

    [Fact]
    public void Preview_PaperExample_ExactTrajectoryMatchesClosedForms()
    {
        var r = ExecutionPreviewService.Preview(ExecutionPreviewService.ParseRequest(Request("Implementation", "none")));
        double kappa = Math.Acosh(1 + (Lambda * Sigma * Sigma / EtaTilde * Tau * Tau / 2)) / Tau;
        double bigT = N * Tau;

        // x_j = X sinh(κ(T − t_j))/sinh(κT)
        Assert.Equal(N + 1, r.Trajectory.Holdings.Count);
        for (int j = 0; j <= N; j++)
        {
            double expected = X * Math.Sinh(kappa * (bigT - (j * Tau))) / Math.Sinh(kappa * bigT);
            Assert.Equal(expected, r.Trajectory.Holdings[j], 6);
        }

        Assert.Equal(X, r.Trajectory.Trades.Sum(), 6);

        // The paper's closed forms of E and V for the optimal trajectory.
        double sinhKT = Math.Sinh(kappa * bigT);
        double e = (0.5 * Gamma * X * X) + (Epsilon * X)
            + (EtaTilde * X * X * Math.Tanh(0.5 * kappa * Tau) * ((Tau * Math.Sinh(2 * kappa * bigT)) + (2 * bigT * Math.Sinh(kappa * Tau))) / (2 * Tau * Tau * sinhKT * sinhKT));
        double v = 0.5 * Sigma * Sigma * X * X * ((Tau * sinhKT * Math.Cosh(kappa * (bigT - Tau))) - (bigT * Math.Sinh(kappa * Tau))) / (sinhKT * sinhKT * Math.Sinh(kappa * Tau));
        Assert.Equal(e, r.Trajectory.ExpectedCost, 6);
        Assert.Equal(v, r.Trajectory.CostVariance, 1e-9 * v);
        Assert.Equal(e - (Epsilon * X), r.Trajectory.ExpectedCostWithoutFixedCost, 6);

        // rounding "none": the children are the exact trades, so the top-level cost is the trajectory's.
        Assert.Equal(r.Trajectory.ExpectedCost, r.ExpectedCost);
        Assert.Equal(Epsilon * X, r.FixedCost, 6);
        Assert.Equal(N, r.Children.Count);
        Assert.Equal("none", r.Rounding);
    }

    [Fact]
    public void Preview_PaperExample_TwapCostIs662500WithEpsilonAnd600000Without()
    {
        var r = ExecutionPreviewService.Preview(ExecutionPreviewService.ParseRequest(Request("TWAP")));
        // εX + ½γX² + η̃/τ·N·(X/N)² = 62 500 + 125 000 + 475 000
        Assert.Equal(662_500, r.ExpectedCost, 6);
        Assert.Equal(600_000, r.ExpectedCostWithoutFixedCost, 6);
        Assert.Equal(62_500, r.FixedCost, 6);
        // V = σ²τ Σ x_k² = 0.9025 · (0.8² + 0.6² + 0.4² + 0.2²)·10¹²
        Assert.Equal(0.9025 * 1.2e12, r.CostVariance, 1e-9 * 1.083e12);
        Assert.Equal(r.CostVariance, r.Trajectory.CostVariance, 1e-9 * 1.083e12);
        Assert.All(r.Children, c => Assert.Equal(200_000m, c.Quantity));
    }

    [Fact]
    public void Preview_PaperExample_OptimalBeatsTwapOnTheUtility()
    {
        var opt = ExecutionPreviewService.Preview(ExecutionPreviewService.ParseRequest(Request("Implementation", "none")));
        var twap = ExecutionPreviewService.Preview(ExecutionPreviewService.ParseRequest(Request("TWAP", "none")));
        Assert.True(opt.ExpectedCost + (Lambda * opt.CostVariance) < twap.ExpectedCost + (Lambda * twap.CostVariance));
        Assert.True(opt.CostVariance < twap.CostVariance);
    }

    [Theory]
    [InlineData("TWAP", null, "cumulative", new[] { 3, 2, 3, 2 })]
    [InlineData("TWAP", null, "largestRemainder", new[] { 3, 3, 2, 2 })]
    [InlineData("VWAP", "[1,1,1,1]", "cumulative", new[] { 3, 2, 3, 2 })]
    [InlineData("VWAP", "[1,1,1,1]", "largestRemainder", new[] { 3, 3, 2, 2 })]
    [InlineData("VWAP", "[1,2,3,4]", "cumulative", new[] { 1, 2, 3, 4 })]
    [InlineData("VWAP", "[3,3,3]", "largestRemainder", new[] { 4, 3, 3 })]
    [InlineData("VWAP", "[3,3,3]", "cumulative", new[] { 3, 4, 3 })]
    public void Preview_Rounding_IsSelectable(string algorithm, string? profile, string rounding, int[] lots)
    {
        string json = $$"""
            { "algorithm": "{{algorithm}}", "side": "Buy", "quantity": 1000, "lotSize": 100, "slices": {{lots.Length}}, "sliceSeconds": 60,
              {{(profile is null ? string.Empty : $"\"volumeProfile\": {profile},")}} "rounding": "{{rounding}}" }
            """;
        var r = ExecutionPreviewService.Preview(ExecutionPreviewService.ParseRequest(json));
        Assert.Equal(lots.Select(l => l * 100m), r.Children.Select(c => c.Quantity));
        Assert.Equal(rounding, r.Rounding);
    }

    [Fact]
    public void Preview_RoundingNone_TwapChildrenAreExactFractionsOfALot()
    {
        var r = ExecutionPreviewService.Preview(ExecutionPreviewService.ParseRequest(
            """{ "algorithm": "TWAP", "side": "Buy", "quantity": 1000, "lotSize": 100, "slices": 4, "sliceSeconds": 60, "rounding": "none" }"""));
        Assert.Equal([250m, 250m, 250m, 250m], r.Children.Select(c => c.Quantity));
        Assert.Equal([1000.0, 750, 500, 250, 0], r.Trajectory.Holdings);
    }

    [Fact]
    public void Preview_Default_IsCumulativeAndEchoed()
    {
        var r = ExecutionPreviewService.Preview(ExecutionPreviewService.ParseRequest(
            """{ "algorithm": "TWAP", "side": "Buy", "quantity": 10, "slices": 4, "sliceSeconds": 60 }"""));
        Assert.Equal("cumulative", r.Rounding);
        Assert.Equal(0, r.FixedCostPerUnit);
        Assert.Equal(0, r.Kappa);
        Assert.Null(r.HalfLifeSeconds);
    }

    [Theory]
    [InlineData("""{"algorithm":"Implementation","side":"Buy","quantity":10,"slices":2,"sliceSeconds":60,"price":50,"volatility":30,"temporaryImpact":1,"riskAversion":1}""", "volatility", "looks like a percent")]
    [InlineData("""{"algorithm":"TWAP","side":"Buy","quantity":10,"slices":2,"sliceSeconds":60,"rounding":"bankers"}""", "rounding", "largestRemainder")]
    [InlineData("""{"algorithm":"TWAP","side":"Buy","quantity":10,"slices":2,"sliceSeconds":60,"price":50,"fixedCostPerUnit":50}""", "fixedCostPerUnit", "at least the price")]
    [InlineData("""{"algorithm":"TWAP","side":"Buy","quantity":10,"slices":2,"sliceSeconds":60,"fixedCostPerUnit":-1}""", "fixedCostPerUnit", "must be")]
    [InlineData("""{"algorithm":"TWAP","side":"Buy","quantity":10,"slices":2,"sliceSeconds":60,"epsilon":0.1}""", "epsilon", "could not be mapped")]
    [InlineData("""{"algorithm":"TWAP","side":"Buy","quantity":"10","slices":2,"sliceSeconds":60}""", "quantity", "")]
    [InlineData("""{"algorithm":"TWAP","side":"Buy","quantity":10,"slices":2,"sliceSeconds":"60"}""", "sliceSeconds", "")]
    public void Preview_BadInput_NamesTheField(string json, string field, string message)
    {
        var e = Assert.Throws<ExecutionPreviewException>(() => ExecutionPreviewService.Preview(ExecutionPreviewService.ParseRequest(json)));
        Assert.Equal(field, e.Field);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}
