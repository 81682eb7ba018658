using MultiAsset.Engine.Risk.Analytics.Measures;
using MultiAsset.Host.RiskAnalysis;

namespace MultiAsset.Host.Tests.RiskAnalysis;

/// <summary>
/// The live measures on hand-computed books: parametric VaR of an account from its exposures and the per-interval
/// covariance scaled to the horizon, uncovered positions listed, the firm added up in US dollars.
/// </summary>
public sealed class LiveRiskAnalysisTests
{
    private const double Z99 = 2.3263478740408408;

    private static readonly AccountLimitsInput NoLimits = new(null, null, null, new Dictionary<string, AssetClassLimitsInput>());

    // Per-minute Σ: SPY σ 0.001, BTCUSD σ 0.002, ρ 0.5 → Σ = [[1e-6, 1e-6], [1e-6, 4e-6]].
    private static RiskInputs Inputs(params AccountRiskInputs[] accounts) => new(
        1_772_463_600_000_000_000, [new("SPY", "STOCK", "USD"), new("BTCUSD", "CRYPTO", "USD")],
        [1e-6, 1e-6, 1e-6, 4e-6], [1e-6, 1e-6, 1e-6, 4e-6], 100, 60, 0.94, 0.995, accounts);

    private static AccountRiskInputs Account(string name, decimal usdPerBase, params PositionRiskInput[] positions)
        => new(name, usdPerBase == 1 ? "USD" : "EUR", 1_000_000m, positions.Sum(p => Math.Abs(p.Exposure)), 0, positions, [], NoLimits, usdPerBase);

    private static PositionRiskInput Position(string symbol, decimal exposure, bool inUniverse = true)
        => new(symbol, symbol == "BTCUSD" ? "CRYPTO" : "STOCK", "USD", 1, 1, exposure, 1, inUniverse);

    private static AccountRisk Row(string name) => new(name, "USD", 1_000_000m, 0, 0, 0, 0, new Dictionary<string, decimal>(), false, new Dictionary<string, long>());

    [Fact]
    public void Parametric_VaR_of_an_account_is_z_times_the_horizon_scaled_portfolio_sigma()
    {
        // e = (100 000, 50 000): eᵀΣe = 1e4 + 2·5e3 + 1e4 = 3e4 per minute; one hour = 60 minutes → σ = √(3e4 · 60).
        var inputs = Inputs(Account("a", 1, Position("SPY", 100_000), Position("BTCUSD", 50_000), Position("MSFT", 7_000, inUniverse: false)));
        var report = new RiskReport(false, [], new Dictionary<string, long>(), [Row("a")]) { Inputs = inputs };
        var parameters = new LiveRiskParameters(VaRMethod.Parametric, 0.99, TimeSpan.FromHours(1));

        var enriched = LiveRiskAnalysis.Enrich(report, parameters, withFirm: true);

        var risk = enriched.Accounts[0].PortfolioRisk!;
        var expected = Z99 * Math.Sqrt(3e4 * 60);
        Assert.Equal(expected, risk.TotalVaR, 9);
        // Euler: SPY's component = z·√60·e₁(Σe)₁/σ_p with (Σe)₁ = 0.1 + 0.05 = 0.15 → 15 000 / √3e4 of the σ.
        var stock = Assert.Single(risk.ComponentVaR, c => c.AssetClass == "STOCK");
        Assert.Equal(Z99 * Math.Sqrt(60) * 15_000 / Math.Sqrt(3e4), stock.ComponentVaR, 9);
        Assert.Equal(risk.TotalVaR, risk.ComponentVaR.Sum(c => c.ComponentVaR), 9);
        Assert.Equal("MSFT", Assert.Single(enriched.Accounts[0].UncoveredPositions!).Symbol);
        Assert.Equal(60, enriched.RiskModel!.HorizonPeriods, 12);
        Assert.Equal(expected, enriched.Firm!.PortfolioRisk!.TotalVaR, 9);
    }

    [Fact]
    public void The_firm_adds_accounts_up_in_dollars_by_instrument()
    {
        // Account b is in EUR at 1.25 USD per EUR: its 80 000 EUR of SPY is 100 000 USD, netting a's −100 000 to zero.
        var inputs = Inputs(
            Account("a", 1, Position("SPY", -100_000), Position("BTCUSD", 50_000)),
            Account("b", 1.25m, Position("SPY", 80_000)),
            Account("c", 0, Position("SPY", 1)) with { UsdPerBase = null });
        var report = new RiskReport(false, [], new Dictionary<string, long>(), [Row("a"), Row("b"), Row("c")]) { Inputs = inputs };

        var firm = LiveRiskAnalysis.Enrich(report, LiveRiskParameters.Default, withFirm: true).Firm!;

        // Only BTCUSD is left: VaR = z · √1440 · 50 000 · 0.002.
        Assert.Equal(Z99 * Math.Sqrt(1440) * 100, firm.PortfolioRisk!.TotalVaR, 6);
        Assert.Equal(["c"], firm.AccountsWithoutRate);
    }

    [Fact]
    public void Without_positions_or_covariance_history_there_is_a_note_instead_of_a_zero()
    {
        var flat = Inputs(Account("a", 1));
        var report = new RiskReport(false, [], new Dictionary<string, long>(), [Row("a")]) { Inputs = flat };
        Assert.Equal("no open positions in the covariance universe", LiveRiskAnalysis.Enrich(report, LiveRiskParameters.Default, false).Accounts[0].RiskNote);

        var cold = flat with { CovarianceUpdates = 1, Accounts = [Account("a", 1, Position("SPY", 10))] };
        var enriched = LiveRiskAnalysis.Enrich(report with { Inputs = cold }, LiveRiskParameters.Default, false);
        Assert.Null(enriched.Accounts[0].PortfolioRisk);
        Assert.Contains("1 intervals so far", enriched.Accounts[0].RiskNote, StringComparison.Ordinal);
        Assert.Null(enriched.Firm);
    }

    [Theory]
    [InlineData(null, null, null, true, "")]
    [InlineData("monteCarlo", "0.975", "10d", true, "")]
    [InlineData("historical", null, null, false, "method")]
    [InlineData("Parametric", null, null, false, "method")]
    [InlineData(null, "99", null, false, "confidence")]
    [InlineData(null, "1", null, false, "confidence")]
    [InlineData(null, "NaN", null, false, "confidence")]
    [InlineData(null, null, "0s", false, "horizon")]
    [InlineData(null, null, "NaNd", false, "horizon")]
    [InlineData(null, null, "400d", false, "horizon")]
    public void Parameters_are_checked_field_by_field(string? method, string? confidence, string? horizon, bool ok, string field)
    {
        Assert.Equal(ok, LiveRiskParameters.TryParse(method, confidence, horizon, out var parameters, out var bad, out var problem));
        Assert.Equal(field, bad);
        Assert.Equal(ok, problem.Length == 0);
        if (ok && method == "monteCarlo")
        {
            Assert.Equal((VaRMethod.MonteCarlo, 0.975, TimeSpan.FromDays(10)), (parameters.Method, parameters.Confidence, parameters.Horizon));
        }
    }
}
