using FsCheck.Xunit;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Risk;
using MultiAsset.Engine.Risk.Analytics.Stress;

namespace MultiAsset.Engine.Tests.Risk.Analytics.Stress;

public sealed class StressEngineTests
{
    private static readonly System.Text.Json.JsonSerializerOptions WebJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    // A USD account: a EUR-quoted stock, a USD stock, a long EURUSD, USD and EUR cash; EURUSD = 1.10.
    private static StressBook MultiCurrencyBook() => new()
    {
        Account = "acc",
        BaseCurrency = "USD",
        Positions =
        [
            new StressPosition { Symbol = "EUSTK", AssetClass = AssetClass.Stock, Quantity = 100, Price = 200, QuoteCurrency = "EUR", QuoteToAccountRate = 1.10m },
            new StressPosition { Symbol = "AAPL", AssetClass = AssetClass.Stock, Quantity = 50, Price = 150, QuoteCurrency = "USD" },
            new StressPosition { Symbol = "EURUSD", AssetClass = AssetClass.Forex, Quantity = 10_000, Price = 1.10m, QuoteCurrency = "USD", BaseCurrency = "EUR" },
        ],
        Cash = [new StressCashBalance("USD", 10_000, 1m), new StressCashBalance("EUR", 1_000, 1.10m)],
    };

    private static StressScenario Scenario(StressShocks shocks) => new() { Name = "test", Kind = StressScenarioKind.Hypothetical, Shocks = shocks };

    private static StressScenario EquityAndEuro() => Scenario(new StressShocks
    {
        Factors = new Dictionary<string, decimal> { ["equity"] = -0.20m },
        Instruments = new Dictionary<string, decimal> { ["AAPL"] = -0.30m },
        Currencies = new Dictionary<string, decimal> { ["EUR"] = -0.10m },
    });

    [Fact]
    public void Run_MultiCurrencyBook_MatchesHandComputedPnl()
    {
        var r = StressEngine.Run(MultiCurrencyBook(), EquityAndEuro());

        // EUSTK: P' = 200·0.8 = 160 EUR, R' = 1.10·0.9 = 0.99 → 100·160·0.99 − 100·200·1.10 = 15,840 − 22,000.
        var eu = r.Instruments[0];
        Assert.Equal(-0.20m, eu.PriceShock);
        Assert.Equal("factor", eu.ShockSource);
        Assert.Equal(160m, eu.PriceAfter);
        Assert.Equal(22_000m, eu.ExposureBefore);
        Assert.Equal(15_840m, eu.ExposureAfter);
        Assert.Equal(-6_160m, eu.Pnl);
        Assert.Equal(-4_400m, eu.PricePnl);
        Assert.Equal(-1_760m, eu.FxPnl);
        Assert.Equal(-0.28m, eu.ValueShock);

        // AAPL: the instrument shock beats the factor: 50·105 − 50·150.
        Assert.Equal("instrument", r.Instruments[1].ShockSource);
        Assert.Equal(-2_250m, r.Instruments[1].Pnl);

        // EURUSD (pair, self-financed): P' = 1.10·0.9 = 0.99 → 10,000·(0.99 − 1.10)·1.
        Assert.Equal(0.99m, r.Instruments[2].PriceAfter);
        Assert.Equal(-1_100m, r.Instruments[2].Pnl);
        Assert.Equal(11_000m, r.Instruments[2].ExposureBefore);

        // EUR cash: 1,000·1.10 → 1,000·0.99.
        Assert.Equal(-110m, r.CashPnl);
        Assert.Equal(-9_620m, r.Pnl);
        Assert.Equal(40_600m, r.EquityBefore);
        Assert.Equal(30_980m, r.EquityAfter);
        Assert.Equal(40_500m, r.GrossExposureBefore);
        Assert.Equal(30_990m, r.GrossExposureAfter);
        Assert.Equal(Math.Round(9_620m / 40_600m, 10), r.DrawdownFromCurrent);
        Assert.Equal(Math.Round(30_990m / 30_980m, 10), r.LeverageAfter);

        Assert.Equal(new[] { ("STOCK", -8_410m), ("FOREX", -1_100m) }, r.AssetClasses.Select(c => (c.AssetClass, c.Pnl)));
        Assert.Equal(new[] { ("EUR", -6_270m), ("USD", -3_350m) }, r.Currencies.Select(c => (c.Currency, c.Pnl)));
    }

    [Fact]
    public void Run_PairInEurAccount_EqualsBalanceRevaluation()
    {
        // Long 10,000 EURUSD in a EUR account = +10,000 EUR, −11,000 USD. EUR −10 % against USD: the USD debt grows.
        var book = new StressBook
        {
            Account = "eur",
            BaseCurrency = "EUR",
            Equity = 10_000m,
            Positions = [new StressPosition { Symbol = "EURUSD", AssetClass = AssetClass.Forex, Quantity = 10_000, Price = 1.10m, QuoteCurrency = "USD", BaseCurrency = "EUR", QuoteToAccountRate = 1m / 1.10m }],
        };
        var r = StressEngine.Run(book, Scenario(new StressShocks { Currencies = new Dictionary<string, decimal> { ["EUR"] = -0.10m } }));

        decimal usdDebtBefore = -11_000m / 1.10m, usdDebtAfter = -11_000m / 0.99m;
        Assert.Equal(Math.Round(usdDebtAfter - usdDebtBefore, 8), r.Pnl);
        Assert.Equal(-1_111.11111111m, r.Pnl);
    }

    [Fact]
    public void PriceShock_PrecedenceIsInstrumentThenClassThenFactor()
    {
        var shocks = new StressShocks
        {
            Instruments = new Dictionary<string, decimal> { ["A"] = -0.5m },
            AssetClasses = new Dictionary<AssetClass, decimal> { [AssetClass.Stock] = -0.3m },
            Factors = new Dictionary<string, decimal> { ["equity"] = -0.9m, ["crypto"] = -0.8m },
        };
        StressPosition P(string symbol, AssetClass assetClass) => new() { Symbol = symbol, AssetClass = assetClass, Quantity = 1, Price = 1, QuoteCurrency = "USD" };

        Assert.Equal((-0.5m, "instrument"), StressEngine.PriceShock(P("A", AssetClass.Stock), shocks, StressFactor.Defaults));
        Assert.Equal((-0.3m, "assetClass"), StressEngine.PriceShock(P("B", AssetClass.Stock), shocks, StressFactor.Defaults));
        Assert.Equal((-0.8m, "factor"), StressEngine.PriceShock(P("BTCUSD", AssetClass.Crypto), shocks, StressFactor.Defaults));
        Assert.Equal((0m, "none"), StressEngine.PriceShock(P("EURUSD", AssetClass.Forex), shocks, StressFactor.Defaults));

        var heavy = new Dictionary<string, StressFactor>(StressFactor.Defaults)
        {
            ["equity"] = new("equity", "2x", new Dictionary<string, decimal> { ["B"] = 2m }, new Dictionary<AssetClass, decimal>()),
        };
        var factorOnly = new StressShocks { Factors = new Dictionary<string, decimal> { ["equity"] = -0.9m } };
        Assert.Equal((-1m, "factor"), StressEngine.PriceShock(P("B", AssetClass.Stock), factorOnly, heavy)); // −1.8 floored at −1
    }

    [Fact]
    public void Run_WithLimits_ReportsExactlyTheBreachedRules()
    {
        var book = new StressBook
        {
            Account = "lev",
            BaseCurrency = "USD",
            Equity = 100_000m,
            Positions = [new StressPosition { Symbol = "SPY", AssetClass = AssetClass.Stock, Quantity = 300, Price = 500, QuoteCurrency = "USD" }],
        };
        var limits = new StressLimits
        {
            MaxLeverage = 1.6m,
            MaxDrawdown = 0.25m,
            MaxGrossExposure = 200_000m,
            DailyLossLimit = 40_000m,
            Classes = new Dictionary<AssetClass, StressClassLimits>
            {
                [AssetClass.Stock] = new() { MaxAllocation = 1.5m, MaxLeverage = 2m, StopLossThreshold = 0.15m, MaxDrawdown = 0.5m },
            },
        };
        var r = StressEngine.Run(book, Scenario(new StressShocks { AssetClasses = new Dictionary<AssetClass, decimal> { [AssetClass.Stock] = -0.2m } }), limits);

        Assert.Equal(-30_000m, r.Pnl);
        Assert.Equal(
            new[] { ("account", "maxLeverage"), ("account", "maxDrawdown"), ("assetClass", "maxAllocation"), ("assetClass", "stopLossThreshold") },
            r.Breaches.Select(b => (b.Scope, b.Rule)));
        var leverage = r.Breaches[0];
        Assert.Equal(1.6m, leverage.Limit);
        Assert.Equal(Math.Round(120_000m / 70_000m, 10), leverage.StressedValue);
        Assert.Equal(1.5m, leverage.CurrentValue);
        Assert.Equal(0.3m, r.Breaches[1].StressedValue);
        Assert.Equal(0.2m, r.Breaches[3].StressedValue); // 30,000 loss ÷ 150,000 cost basis
        Assert.Equal("STOCK", r.Breaches[2].AssetClass);
    }

    [Fact]
    public void Run_ValueExactlyAtLimit_BreachesDrawdownButNotLeverage()
    {
        var book = new StressBook
        {
            Account = "edge",
            BaseCurrency = "USD",
            Equity = 100m,
            Positions = [new StressPosition { Symbol = "X", AssetClass = AssetClass.Stock, Quantity = 1, Price = 100, QuoteCurrency = "USD" }],
        };

        // −10 % → equity 90, gross 90: leverage exactly 1 (allowed), drawdown exactly 0.1 (reached).
        var r = StressEngine.Run(book, Scenario(new StressShocks { Instruments = new Dictionary<string, decimal> { ["X"] = -0.1m } }), new StressLimits { MaxLeverage = 1m, MaxDrawdown = 0.1m });
        Assert.Equal(new[] { "maxDrawdown" }, r.Breaches.Select(b => b.Rule));
    }

    [Fact]
    public void FromRiskConfig_ConvertsRatiosAndLeavesUnlimitedNull()
    {
        var config = RiskConfig.Create(
            ["a"],
            [AssetClass.Stock],
            _ => AccountRiskLimits.Unlimited with { MaxLeverage = RiskRatio.FromFraction(3), MaxDrawdown = RiskRatio.FromPercent(20) },
            (_, c) => c == AssetClass.Crypto ? ClassRiskLimits.Unlimited with { MaxAllocation = RiskRatio.FromPercent(40), StopLossThreshold = RiskRatio.FromPercent(15) } : ClassRiskLimits.Unlimited,
            (_, _) => InstrumentRiskLimits.Unlimited);

        var limits = StressLimits.FromRiskConfig(config, new AccountId(0));
        Assert.Equal(3m, limits.MaxLeverage);
        Assert.Equal(0.2m, limits.MaxDrawdown);
        Assert.Null(limits.DailyLossLimit);
        Assert.Equal(new[] { AssetClass.Crypto }, limits.Classes.Keys);
        Assert.Equal(0.4m, limits.Classes[AssetClass.Crypto].MaxAllocation);
        Assert.Equal(0.15m, limits.Classes[AssetClass.Crypto].StopLossThreshold);
        Assert.Null(limits.Classes[AssetClass.Crypto].MaxLeverage);
    }

    [Fact]
    public void Run_AmountsBeyondDecimal_ThrowArgumentExceptionNotOverflow()
    {
        var book = new StressBook
        {
            Account = "huge",
            BaseCurrency = "USD",
            Positions = [new StressPosition { Symbol = "X", AssetClass = AssetClass.Stock, Quantity = 1e20m, Price = 1e9m, QuoteCurrency = "USD" }],
        };
        Assert.Throws<ArgumentException>(() => StressEngine.Run(book, Scenario(StressShocks.None)));
    }

    [Fact]
    public void Scenario_SerialisesWithSeedSpellings()
    {
        var scenario = new StressScenario
        {
            Name = "x",
            Kind = StressScenarioKind.Historical,
            PeriodStart = new DateOnly(2020, 2, 19),
            Shocks = new StressShocks { AssetClasses = new Dictionary<AssetClass, decimal> { [AssetClass.Crypto] = -0.5m } },
        };
        var json = System.Text.Json.JsonSerializer.Serialize(scenario, WebJson);
        Assert.Contains("\"kind\":\"historical\"", json, StringComparison.Ordinal);
        Assert.Contains("\"assetClasses\":{\"CRYPTO\":-0.5}", json, StringComparison.Ordinal);
        Assert.Contains("\"periodStart\":\"2020-02-19\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("isEmpty", json, StringComparison.Ordinal);

        var factor = System.Text.Json.JsonSerializer.Serialize(StressFactor.Defaults["equity"], WebJson);
        Assert.Contains("\"assetClassBetas\":{\"STOCK\":1}", factor, StringComparison.Ordinal);
        Assert.Contains("\"betas\":{}", factor, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_FactorWithoutDefinition_Throws()
        => Assert.Throws<ArgumentException>(() => StressEngine.Run(MultiCurrencyBook(), Scenario(new StressShocks { Factors = new Dictionary<string, decimal> { ["nope"] = -0.1m } })));

    [Property(MaxTest = 200)]
    public bool Run_PartsSumExactlyToTotal(int seed)
    {
        var random = new Random(seed);
        string[] currencies = ["USD", "EUR", "JPY", "CHF", "BTC"];
        decimal Dec(double min, double max, int decimals) => Math.Round((decimal)(min + (random.NextDouble() * (max - min))), decimals);
        var positions = new List<StressPosition>();
        for (int i = 0, n = random.Next(0, 12); i < n; i++)
        {
            var assetClass = (AssetClass)random.Next(0, 3);
            string quote = currencies[random.Next(currencies.Length)];
            string? baseCurrency = assetClass == AssetClass.Stock ? null : currencies[random.Next(currencies.Length)];
            positions.Add(new StressPosition
            {
                Symbol = $"S{i}",
                AssetClass = assetClass,
                Quantity = Dec(-1e6, 1e6, 4),
                Price = Dec(0.0001, 5e4, 6),
                QuoteCurrency = quote,
                BaseCurrency = baseCurrency,
                QuoteToAccountRate = Dec(0.001, 200, 7),
            });
        }

        var cash = Enumerable.Range(0, random.Next(0, 4)).Select(_ => new StressCashBalance(currencies[random.Next(currencies.Length)], Dec(-1e6, 1e6, 2), Dec(0.001, 200, 7))).ToList();
        var shocks = new StressShocks
        {
            Instruments = positions.Where(_ => random.Next(3) == 0).ToDictionary(p => p.Symbol, _ => Dec(-1, 2, 4)),
            AssetClasses = new Dictionary<AssetClass, decimal> { [(AssetClass)random.Next(0, 3)] = Dec(-1, 1, 4) },
            Currencies = currencies.Skip(1).Where(_ => random.Next(2) == 0).ToDictionary(c => c, _ => Dec(-0.9, 1, 4)),
            Factors = new Dictionary<string, decimal> { ["crypto"] = Dec(-1, 1, 3) },
        };
        var book = new StressBook { Account = "p", BaseCurrency = currencies[random.Next(currencies.Length)], Positions = positions, Cash = cash, PeakEquity = Dec(0, 1e7, 2) };
        var r = StressEngine.Run(book, Scenario(shocks), new StressLimits { MaxLeverage = 2, MaxDrawdown = 0.1m });

        return r.Instruments.Sum(i => i.Pnl) + r.CashPnl == r.Pnl
            && r.AssetClasses.Sum(c => c.Pnl) + r.CashPnl == r.Pnl
            && r.Currencies.Sum(c => c.Pnl) == r.Pnl
            && r.Instruments.All(i => i.PricePnl + i.FxPnl == i.Pnl)
            && r.EquityAfter == r.EquityBefore + r.Pnl
            && r.Cash.Sum(c => c.Pnl) == r.CashPnl;
    }
}
