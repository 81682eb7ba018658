using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Risk;
using static MultiAsset.Engine.Tests.Risk.RiskTestSupport;

namespace MultiAsset.Engine.Tests.Risk;

/// <summary>risk.json's <c>varLimit</c>: resolution (global, account, "off"), defaults, z at load, and the rejections.</summary>
public class RiskConfigReaderVarLimitTests
{
    [Fact]
    public void Parse_VarLimit_ResolvesBudgetConfidenceHorizonAndZ()
    {
        var config = Config("""{ "accounts": { "alpha": { "varLimit": { "budget": 25000, "confidence": 0.95, "horizon": "10d" } } } }""");
        var limit = config.Account(Alpha).Var;
        Assert.True(limit.IsSet);
        Assert.Equal(Money.FromDecimal(25_000), limit.Budget);
        Assert.Equal(0.95, limit.Confidence);
        Assert.Equal(10 * 86_400 * Second, limit.HorizonNanoseconds);
        Assert.Equal(1.6448536269514722, limit.Z, 1e-12); // Φ⁻¹(0.95)
        Assert.Equal(1.6448536269514722 * Math.Sqrt(14_400), limit.Scale(60 * Second), 1e-9); // 10 d over 60 s intervals
        Assert.False(config.Account(Beta).Var.IsSet);
    }

    [Fact]
    public void Parse_VarLimit_DefaultsTo99PercentOverOneDay()
    {
        var limit = Config("""{ "accounts": { "alpha": { "varLimit": { "budget": 1000.5 } } } }""").Account(Alpha).Var;
        Assert.Equal(Money.FromDecimal(1000.5m), limit.Budget);
        Assert.Equal(0.99, limit.Confidence);
        Assert.Equal(86_400 * Second, limit.HorizonNanoseconds);
        Assert.Equal(2.3263478740408408, limit.Z, 1e-12);
    }

    [Fact]
    public void Parse_VarLimit_AccountReplacesGlobalAsAWholeAndOffRemovesIt()
    {
        var config = Config("""
            {
              "global": { "varLimit": { "budget": 50000, "confidence": 0.975, "horizon": "1d" } },
              "accounts": { "alpha": { "varLimit": { "budget": 10000 } }, "beta": { "varLimit": "off" } }
            }
            """);
        Assert.Equal(Money.FromDecimal(10_000), config.Account(Alpha).Var.Budget);
        Assert.Equal(0.99, config.Account(Alpha).Var.Confidence); // not the global 0.975: the whole object is the account's
        Assert.False(config.Account(Beta).Var.IsSet);
    }

    [Fact]
    public void Parse_ShippedFile_CarriesNoVarBudget()
    {
        var config = ShippedConfig();
        for (var a = 0; a < config.AccountCount; a++)
        {
            Assert.False(config.Account(new AccountId(a)).Var.IsSet);
        }
    }

    [Theory]
    [InlineData("""{ "budget": 25000, "confidence": 99 }""", "test-risk.json: accounts.alpha.varLimit.confidence: 99 looks like a percent: the confidence is a fraction, e.g. 0.99 for 99 %")]
    [InlineData("""{ "budget": 25000, "confidence": 1 }""", "test-risk.json: accounts.alpha.varLimit.confidence: 1 is out of range (0.5, 1)")]
    [InlineData("""{ "budget": 25000, "confidence": 0.4 }""", "test-risk.json: accounts.alpha.varLimit.confidence: 0.4 is out of range (0.5, 1)")]
    [InlineData("""{ "budget": 25000, "confidence": "high" }""", "test-risk.json: accounts.alpha.varLimit.confidence: expected a number")]
    [InlineData("""{ "confidence": 0.99 }""", "test-risk.json: accounts.alpha.varLimit.budget: required field is missing")]
    [InlineData("""{ "budget": -5 }""", "test-risk.json: accounts.alpha.varLimit.budget: -5 must be positive")]
    [InlineData("""{ "budget": "lots" }""", "test-risk.json: accounts.alpha.varLimit.budget: expected a number")]
    [InlineData("""{ "budget": 25000, "horizon": "tomorrow" }""", "test-risk.json: accounts.alpha.varLimit.horizon: invalid duration 'tomorrow'")]
    [InlineData("""{ "budget": 25000, "horizon": "0s" }""", "test-risk.json: accounts.alpha.varLimit.horizon: invalid duration '0s'")]
    [InlineData("""{ "budget": 25000, "horizon": 1 }""", "test-risk.json: accounts.alpha.varLimit.horizon:")]
    [InlineData("""{ "budget": 25000, "horizn": "1d" }""", "test-risk.json: accounts.alpha.varLimit.horizn: unknown field")]
    [InlineData("25000", "test-risk.json: accounts.alpha.varLimit: expected { \"budget\": 25000, \"confidence\": 0.99, \"horizon\": \"1d\" } or \"off\"")]
    [InlineData("\"on\"", "test-risk.json: accounts.alpha.varLimit: expected {")]
    public void Parse_InvalidVarLimit_NamesFileAndPath(string limit, string expected)
    {
        var ex = Assert.Throws<ConfigurationException>(() => Config($$"""{ "accounts": { "alpha": { "varLimit": {{limit}} } } }"""));
        Assert.Contains(ex.Errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_VarLimitInAnAssetClassSection_IsAnUnknownField()
    {
        var ex = Assert.Throws<ConfigurationException>(() => Config("""{ "global": { "assetClasses": { "STOCK": { "varLimit": { "budget": 1 } } } } }"""));
        Assert.Contains(ex.Errors, e => e.StartsWith("test-risk.json: global.assetClasses.STOCK.varLimit: unknown field", StringComparison.Ordinal));
    }
}
