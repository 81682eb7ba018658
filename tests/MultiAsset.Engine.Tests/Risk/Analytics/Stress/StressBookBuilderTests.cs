using MultiAsset.Engine.Model;
using MultiAsset.Engine.Portfolio.Accounts;
using MultiAsset.Engine.Risk.Analytics.Stress;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Risk.Analytics.Stress;

public sealed class StressBookBuilderTests
{
    private static readonly Func<string, decimal?> Usd = code => code switch { "USD" => 1m, "EUR" => 1.10m, _ => null };

    private static PositionSnapshot Position(string symbol, decimal quantity, decimal mark, decimal cost) => new()
    {
        Instrument = RepoFiles.ShippedCatalog.TryGet(symbol, out var i) ? i.Id : default,
        Symbol = symbol,
        QuoteCurrency = "USD",
        Quantity = Quantity.FromDecimal(quantity),
        AverageCost = Price.FromDecimal(cost / quantity),
        CostBasis = Money.FromDecimal(cost),
        Mark = Price.FromDecimal(mark),
        MarketValue = Money.FromDecimal(quantity * mark),
        UnrealisedPnl = Money.FromDecimal((quantity * mark) - cost),
        RealisedPnl = Money.Zero,
        Fees = Money.Zero,
        OpenBuyQuantity = Quantity.Zero,
        OpenSellQuantity = Quantity.Zero,
    };

    // USD account: 100,000 USD deposited, bought 10,000 EURUSD at 1.10 and 50 AAPL at 150 → USD 81,500, EUR 10,000.
    private static AccountSnapshot Snapshot() => new()
    {
        Id = new AccountId(0),
        Key = "acc",
        Name = "acc",
        Type = AccountType.Margin,
        BaseCurrency = "USD",
        MaxLeverage = 2,
        Day = 0,
        Equity = Money.FromDecimal(100_000),
        FullyPriced = true,
        RealisedPnl = Money.Zero,
        UnrealisedPnl = Money.Zero,
        Fees = Money.Zero,
        DailyPnl = Money.Zero,
        PeakEquity = Money.FromDecimal(100_000),
        Drawdown = Money.Zero,
        MaxDrawdown = Money.Zero,
        GrossExposure = Money.FromDecimal(18_500),
        NetExposure = Money.FromDecimal(18_500),
        Leverage = 0.185,
        MarginUsed = Money.Zero,
        OpenOrderExposure = Money.Zero,
        BuyingPower = Money.Zero,
        Cash = [new CashBalanceSnapshot("USD", Money.FromDecimal(81_500), Money.FromDecimal(81_500)), new CashBalanceSnapshot("EUR", Money.FromDecimal(10_000), Money.FromDecimal(11_000))],
        Positions = [Position("EURUSD", 10_000, 1.10m, 11_000), Position("AAPL", 50, 150, 7_500)],
        ExposureByAssetClass = [],
    };

    private static StressScenario Scenario(StressShocks shocks) => new() { Name = "t", Kind = StressScenarioKind.AdHoc, Shocks = shocks };

    [Fact]
    public void FromAccount_NetsPairLegsOutOfCash_AndKeepsEquity()
    {
        var book = StressBookBuilder.FromAccount(Snapshot(), RepoFiles.ShippedCatalog, Usd);

        Assert.Equal(new[] { new StressCashBalance("USD", 92_500m, 1m) }, book.Cash);
        Assert.Equal(new[] { "EURUSD", "AAPL" }, book.Positions.Select(p => p.Symbol));
        Assert.True(book.Positions[0].IsPair);
        Assert.Equal(100_000m, book.Equity);
        Assert.Equal(100_000m, StressEngine.Run(book with { Equity = null }, Scenario(StressShocks.None)).EquityBefore);

        // EUR −10 %: the 10,000 EUR leg loses 1,100 USD, exactly as revaluing the balances would.
        var r = StressEngine.Run(book, Scenario(new StressShocks { Currencies = new Dictionary<string, decimal> { ["EUR"] = -0.1m } }));
        Assert.Equal(-1_100m, r.Pnl);
        Assert.Equal(7_500m, book.ClassStates[AssetClass.Stock].CostBasis);
    }

    [Fact]
    public void ApplyWhatIf_AddTradesAgainstCash_ReplaceClosesFirst()
    {
        var book = StressBookBuilder.FromAccount(Snapshot(), RepoFiles.ShippedCatalog, Usd);

        var added = StressBookBuilder.ApplyWhatIf(book, [new WhatIfPosition(null, "AAPL", 10, 160)], WhatIfMode.Add, RepoFiles.ShippedCatalog, Usd, _ => null);
        Assert.Equal(60m, added.Positions.Single(p => p.Symbol == "AAPL").Quantity);
        Assert.Equal(100_500m, StressEngine.Run(added, Scenario(StressShocks.None)).EquityBefore); // 50 held revalued 150 → 160

        var replaced = StressBookBuilder.ApplyWhatIf(book, [new WhatIfPosition(null, "SPY", 100, null)], WhatIfMode.Replace, RepoFiles.ShippedCatalog, Usd, s => s == "SPY" ? 500m : null);
        Assert.Equal(new[] { "SPY" }, replaced.Positions.Select(p => p.Symbol));
        Assert.Equal(100_000m, StressEngine.Run(replaced, Scenario(StressShocks.None)).EquityBefore);
        Assert.Equal(-10_000m, StressEngine.Run(replaced, Scenario(new StressShocks { Factors = new Dictionary<string, decimal> { ["equity"] = -0.2m } })).Pnl);

        Assert.Throws<ArgumentException>(() => StressBookBuilder.ApplyWhatIf(book, [new WhatIfPosition(null, "QQQ", 1, null)], WhatIfMode.Add, RepoFiles.ShippedCatalog, Usd, _ => null));
    }
}
