using MultiAsset.Host.RiskAnalysis;

namespace MultiAsset.Host.Tests.RiskAnalysis;

/// <summary>The live hedge overlay on a hand-computed book: h* = −Σ_hh⁻¹ Σ_ha e, effectiveness ρ², held instruments left out.</summary>
public sealed class LiveHedgesTests
{
    // SPY and QQQ: σ² = 1e-6 each, covariance 0.8e-6 (ρ = 0.8); TLT uncorrelated with a zero variance.
    private static readonly RiskInputs Inputs = new(
        1, [new("SPY", "STOCK", "USD", 500m, 1m), new("QQQ", "STOCK", "USD", 400m, 1m), new("TLT", "STOCK", "USD", 90m, 1m)],
        [1e-6, 0.8e-6, 0, 0.8e-6, 1e-6, 0, 0, 0, 0], [1e-6, 0.8e-6, 0, 0.8e-6, 1e-6, 0, 0, 0, 0], 100, 60, 0.94, 0.995, []);

    private static AccountRiskInputs Account(params (string Symbol, decimal Exposure)[] positions) => new(
        "a", "USD", 1_000_000m, 0, 0,
        [.. positions.Select(p => new PositionRiskInput(p.Symbol, "STOCK", "USD", 1, 1, p.Exposure, 1, true))],
        [], new AccountLimitsInput(null, null, null, new Dictionary<string, AssetClassLimitsInput>()), 1m, new Dictionary<string, decimal> { ["USD"] = 1m });

    [Fact]
    public void A_single_hedge_is_the_regression_notional_and_removes_rho_squared_of_the_variance()
    {
        var (hedges, note) = LiveHedges.Suggest(Account(("SPY", 100_000m)), Inputs, ["QQQ", "TLT", "SPY"]);

        Assert.Null(note);
        var qqq = Assert.Single(hedges!.Hedges); // TLT has no variance, SPY is held
        Assert.Equal("QQQ", qqq.HedgeInstrument);
        Assert.Equal(-80_000, qqq.Notional, 3);
        Assert.Equal(-200m, qqq.Quantity);
        Assert.Equal(0.64, hedges.Effectiveness, 6);
        Assert.Equal(1e4, hedges.VarianceBefore, 6);
        Assert.Equal(3.6e3, hedges.VarianceAfter, 3);
    }

    [Fact]
    public void Nothing_held_or_nothing_to_hedge_with_is_said_in_words()
    {
        Assert.Equal("no open positions in the covariance universe", LiveHedges.Suggest(Account(), Inputs, null).Note);
        Assert.StartsWith("no hedge candidate", LiveHedges.Suggest(Account(("SPY", 1m)), Inputs, ["TLT"]).Note, StringComparison.Ordinal);
    }
}
