using MultiAsset.Engine.Model;
using MultiAsset.Engine.Portfolio.Accounts;
using MultiAsset.Host;

namespace MultiAsset.Host.Tests;

public sealed class PnlNamesTests
{
    private static Money M(decimal value) => Money.FromDecimal(value);

    private static AccountPnl Pnl() => new()
    {
        Account = new AccountId(0),
        BaseCurrency = "USD",
        Started = true,
        FullyPriced = true,
        StartEquity = M(1_000_000),
        Equity = M(1_000_065.28m),
        EquityChange = M(65.28m),
        Realised = M(117.73m),
        Unrealised = M(56.59m),
        Fees = M(109.28m),
        FxTranslation = M(0.24m),
        FxInitialBalances = Money.Zero,
        FxRounding = M(0.01m),
        Total = M(65.28m),
        ByAssetClass = [],
        Strategies =
        [
            new StrategyPnl
            {
                Strategy = new StrategyId(3), Name = "cross-asset-arbitrage", Account = "cross-asset-arb", BaseCurrency = "USD",
                Realised = M(117.73m), Unrealised = M(56.59m), Fees = M(109.28m), FxTranslation = M(0.23m), Total = M(65.27m),
                Fills = 102, Orders = 113, Refusals = 11, RiskRefusals = 11, VenueRejects = 0, ByAssetClass = [], Instruments = [],
            },
        ],
    };

    [Fact]
    public void SimulatedTime_IsIsoMinutesUtc()
    {
        long nanos = new DateTimeOffset(2026, 3, 3, 9, 41, 27, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;
        Assert.Equal("2026-03-03 09:41 UTC", PnlNames.SimulatedTime(nanos));
        Assert.Equal("-", PnlNames.SimulatedTime(long.MinValue));
    }

    [Fact]
    public void StatusLine_SumsPerBaseCurrency()
        => Assert.Equal(
            "USD equity change +130.56 = realised +235.46 + unrealised +113.18 + FX +0.48 - fees +218.56",
            PnlNames.StatusLine([Pnl(), Pnl()]));

    [Fact]
    public void Table_HasOneRowPerStrategy_TheRoundingLine_AndTheAccountTotal()
    {
        var lines = PnlNames.Table([("cross-asset-arb", Pnl())]).Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("strategy", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^cross-asset-arbitrage\s+cross-asset-arb\s+USD\s+113\s+102\s+11\s+\+117\.73\s+\+56\.59\s+\+109\.28\s+\+0\.23\s+\+65\.27$", lines[2]);
        Assert.Matches(@"^\(initial balances, rounding\)\s+cross-asset-arb\s+USD\s+\+0\.01\s+\+0\.01$", lines[3]);
        Assert.EndsWith("+65.28 = equity change", lines[4], StringComparison.Ordinal);
    }
}
