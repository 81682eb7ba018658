using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Risk;
using static MultiAsset.Engine.Tests.Risk.RiskTestSupport;

namespace MultiAsset.Engine.Tests.Risk;

public class RiskConfigReaderTests
{
    [Fact]
    public void Load_ShippedFile_ResolvesEveryNamedAccount()
    {
        var config = ShippedConfig();
        Assert.Equal(ShippedAccounts, config.AccountNames);
        Assert.Equal(32, config.DuplicateMemory);

        var cryptoTech = config.FindAccount("crypto-tech");
        Assert.Equal(RiskRatio.FromPercent(40), config.Class(cryptoTech, AssetClass.Crypto).MaxAllocation);
        Assert.Equal(RiskRatio.FromPercent(10), config.Class(cryptoTech, AssetClass.Crypto).StopLossThreshold);
        Assert.Equal(RiskRatio.FromFraction(1.2m), config.Account(cryptoTech).MaxLeverage);
        Assert.Equal(Quantity.FromDecimal(2), config.Instrument(cryptoTech, Id("BTCUSD")).MaxOrderQuantity); // global instrument
        Assert.Equal(RiskRatio.FromFraction(0.05m), config.Instrument(cryptoTech, Id("BTCUSD")).PriceCollar); // global class

        var safeHaven = config.Account(config.FindAccount("safe-haven"));
        Assert.True(safeHaven.CashOnly);
        Assert.Equal(ClosedMarketPolicy.Hold, safeHaven.ClosedMarket);
        Assert.Equal(Money.FromDecimal(20_000), safeHaven.DailyLossLimit);

        var arb = config.Account(config.FindAccount("cross-asset-arb"));
        Assert.Equal(100, arb.MaxOrdersPerWindow);
        Assert.Equal(1_000_000_000, arb.OrderRateWindowNanos);
        Assert.Equal(100_000_000, arb.DuplicateWindowNanos);
        Assert.Equal(StopLossBasis.Peak, config.Account(config.FindAccount("volatility-arb")).StopLossBasis);
    }

    [Fact]
    public void Parse_AccountsNotInTheFile_GetTheGlobalLimits()
    {
        var config = Config("""{ "global": { "maxLeverage": 3, "closedMarket": "Hold" }, "accounts": { "alpha": { "maxLeverage": 1 } } }""");
        Assert.Equal(RiskRatio.FromFraction(1), config.Account(Alpha).MaxLeverage);
        Assert.Equal(ClosedMarketPolicy.Hold, config.Account(Alpha).ClosedMarket); // inherited field by field
        Assert.Equal(RiskRatio.FromFraction(3), config.Account(Beta).MaxLeverage);
    }

    [Fact]
    public void Parse_ResolvesFromLeastToMostSpecific()
    {
        var config = Config("""
            {
              "global": {
                "maxOrderNotional": 1, "assetClasses": { "STOCK": { "maxOrderNotional": 2 } }, "instruments": { "AAPL": { "maxOrderNotional": 3 } }
              },
              "accounts": {
                "alpha": { "maxOrderNotional": 4, "assetClasses": { "STOCK": { "maxOrderNotional": 5 } }, "instruments": { "AAPL": { "maxOrderNotional": 6 } } },
                "beta": { "maxOrderNotional": 4 }
              }
            }
            """);
        Assert.Equal(Money.FromDecimal(6), config.Instrument(Alpha, Id("AAPL")).MaxOrderNotional);
        Assert.Equal(Money.FromDecimal(5), config.Instrument(Alpha, Id("MSFT")).MaxOrderNotional);
        Assert.Equal(Money.FromDecimal(4), config.Instrument(Alpha, Id("EURUSD")).MaxOrderNotional);
        Assert.Equal(Money.FromDecimal(4), config.Instrument(Beta, Id("AAPL")).MaxOrderNotional); // account beats global instrument
        Assert.Equal(RiskLimits.NoMoneyLimit, Config("{}").Instrument(Beta, Id("AAPL")).MaxOrderNotional);
    }

    [Fact]
    public void Parse_OffDisablesThrottleAndDuplicateCheck()
    {
        var config = Config("""
            { "global": { "orderRate": { "maxOrders": 5, "window": "1s" }, "duplicateWindow": "1s" },
              "accounts": { "beta": { "orderRate": "off", "duplicateWindow": "off" } } }
            """);
        Assert.Equal(5, config.Account(Alpha).MaxOrdersPerWindow);
        Assert.Equal(0, config.Account(Beta).MaxOrdersPerWindow);
        Assert.Equal(0, config.Account(Beta).DuplicateWindowNanos);
    }

    [Theory]
    [InlineData("""{ "accounts": { "nobody": {} } }""", "test-risk.json: accounts.nobody: unknown account 'nobody' (known: alpha, beta)")]
    [InlineData("""{ "accounts": { "alpha": { "assetClasses": { "FOREX": { "maxAllocation": 140 } } } } }""", "test-risk.json: accounts.alpha.assetClasses.FOREX.maxAllocation: 140 is out of range [0, 100] (a percentage)")]
    [InlineData("""{ "global": { "assetClasses": { "BONDS": {} } } }""", "test-risk.json: global.assetClasses.BONDS: unknown asset class 'BONDS' (expected one of: STOCK, FOREX, CRYPTO)")]
    [InlineData("""{ "global": { "instruments": { "NOPE": {} } } }""", "test-risk.json: global.instruments.NOPE: unknown symbol 'NOPE' (not in the instrument catalogue)")]
    [InlineData("""{ "global": { "instruments": { "VIX": {} } } }""", "test-risk.json: global.instruments.VIX: 'VIX' is a reference series (Volatility) and cannot be traded")]
    [InlineData("""{ "global": { "maxLevrage": 2 } }""", "test-risk.json: global.maxLevrage: unknown field")]
    [InlineData("""{ "global": { "priceCollar": 1.5 } }""", "test-risk.json: global.priceCollar: 1.5 is out of range (0, 1] (a fraction of the mid)")]
    [InlineData("""{ "global": { "maxLeverage": 0 } }""", "test-risk.json: global.maxLeverage: 0 is out of range (0, 1000] (a multiple of equity)")]
    [InlineData("""{ "global": { "maxOrderQuantity": -3 } }""", "test-risk.json: global.maxOrderQuantity: -3 must be positive")]
    [InlineData("""{ "global": { "maxOrderNotional": 0.000000001 } }""", "test-risk.json: global.maxOrderNotional: expected a number with at most 8 decimals")]
    [InlineData("""{ "global": { "orderRate": { "maxOrders": 5 } } }""", "test-risk.json: global.orderRate.window: required field is missing")]
    [InlineData("""{ "global": { "duplicateWindow": "soon" } }""", "test-risk.json: global.duplicateWindow: invalid duration 'soon'")]
    [InlineData("""{ "global": { "closedMarket": "Wait" } }""", "test-risk.json: global.closedMarket: unknown value 'Wait' (expected one of: Reject, Hold)")]
    [InlineData("""{ "global": { "positionLimit": {} } }""", "test-risk.json: global.positionLimit: give \"quantity\", \"notional\" or both")]
    [InlineData("""{ "global": { "cashOnly": "yes" } }""", "test-risk.json: global.cashOnly: expected true or false")]
    [InlineData("""{ "duplicateMemory": 0 }""", "test-risk.json: duplicateMemory: 0 is out of range [1, 1024]")]
    [InlineData("""{ "global": { "instruments": { "AAPL": { "maxAllocation": 5 } } } }""", "test-risk.json: global.instruments.AAPL.maxAllocation: unknown field")]
    [InlineData("[]", "test-risk.json: (root): expected an object")]
    public void Parse_InvalidFile_NamesFileAndPath(string json, string expected)
    {
        var ex = Assert.Throws<ConfigurationException>(() => Config(json));
        Assert.Contains(ex.Errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ReportsEveryProblemAtOnce()
    {
        var ex = Assert.Throws<ConfigurationException>(() => Config("""
            { "global": { "maxDrawdown": 101 }, "accounts": { "alpha": { "dailyLossLimit": "lots" }, "gamma": {} } }
            """));
        Assert.Equal(3, ex.Errors.Count);
        Assert.Contains(ex.Errors, e => e.StartsWith("test-risk.json: global.maxDrawdown:", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("test-risk.json: accounts.alpha.dailyLossLimit:", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("test-risk.json: accounts.gamma:", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_SectionOfAnotherFile_PrefixesItsPath()
    {
        using var document = System.Text.Json.JsonDocument.Parse("""{ "risk": { "global": { "maxLeverage": -1 } } }""");
        var reader = new JsonSectionReader("engine.json");
        Assert.Null(RiskConfigReader.Read(document.RootElement.GetProperty("risk"), reader, "risk", Catalog, Accounts));
        Assert.Equal(["engine.json: risk.global.maxLeverage: -1 is out of range (0, 1000] (a multiple of equity)"], reader.Errors);
    }

    [Fact]
    public void Parse_MalformedJson_NamesTheFile()
    {
        var ex = Assert.Throws<ConfigurationException>(() => Config("{ \"global\": "));
        Assert.StartsWith("test-risk.json: invalid JSON:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_NamesIt()
    {
        var ex = Assert.Throws<ConfigurationException>(() => RiskConfigReader.Load("/nonexistent/risk.json", Catalog, Accounts));
        Assert.StartsWith("/nonexistent/risk.json: cannot read the risk limits", ex.Message, StringComparison.Ordinal);
    }
}
