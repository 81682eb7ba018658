using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Signals.Rules;
using MultiAsset.Engine.Signals.Strategies;
using MultiAsset.Engine.Tests.Model.Instruments;
using MultiAsset.Engine.Tests.Signals.Rules;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Signals.Strategies;

public sealed class StrategyDocumentLoaderTests
{
    private const string Source = "config/strategies/x.json";

    private static readonly string[] ShippedFiles =
    [
        "crypto-tech-momentum.json", "fx-carry-equity-hedge.json", "cross-asset-arbitrage.json", "currency-momentum.json",
        "crypto-stock-correlation.json", "safe-haven-flows.json", "volatility-arbitrage.json",
    ];

    private static StrategyDocument Shipped(string file)
        => StrategyDocumentLoader.Load(RepoFiles.PathOf($"config/strategies/{file}"), RuleTestFixture.Catalog, RuleTestFixture.Compiler, $"config/strategies/{file}");

    private static IReadOnlyList<string> Errors(string json)
        => Assert.Throws<ConfigurationException>(() => StrategyDocumentLoader.Parse(json, Source, RuleTestFixture.Catalog, RuleTestFixture.Compiler)).Errors;

    private static StrategyDocument Parse(string json) => StrategyDocumentLoader.Parse(json, Source, RuleTestFixture.Catalog);

    [Fact]
    public void Seed_crypto_tech_example_loads_with_the_seed_values()
    {
        var doc = Shipped("crypto-tech-momentum.json");

        Assert.Equal("Crypto-Tech Momentum", doc.Name);
        Assert.Equal("crypto-tech-momentum", doc.Id);
        Assert.True(doc.IdDerived);
        Assert.Equal(StrategyType.Correlation, doc.Type);
        Assert.Equal([AssetClass.Crypto, AssetClass.Stock], doc.AssetClasses);
        Assert.Equal(2, doc.Allocation.Count);
        Assert.Equal(new AssetAllocation { AssetClass = AssetClass.Crypto, TargetWeight = 30, MinWeight = 20, MaxWeight = 40 }, doc.Allocation[0]);
        Assert.Equal(new AssetAllocation { AssetClass = AssetClass.Stock, TargetWeight = 70, MinWeight = 60, MaxWeight = 80 }, doc.Allocation[1]);
        var rule = Assert.Single(doc.ExecutionRules);
        Assert.Equal("BTC momentum > 0.05 AND NASDAQ momentum > 0.03", rule.Trigger);
        Assert.Equal("Increase crypto allocation by 5%", rule.Action);
        Assert.Equal(RuleActionKind.IncreaseAllocation, rule.CompiledAction.Kind);
        Assert.Equal(AssetClass.Crypto, rule.CompiledAction.AssetClass);
        Assert.Equal(0.05, rule.CompiledAction.Amount, 12);
        Assert.Equal([RuleTestFixture.Id("BTCUSD"), RuleTestFixture.Id("NASDAQ")], rule.CompiledTrigger.Instruments);
        Assert.Equal(StrategyDocument.DefaultAccount, doc.Account);
        Assert.Empty(doc.Instruments);
        Assert.Empty(doc.RebalancingRules);
        Assert.Same(CrossAssetRiskConfig.None, doc.RiskParameters);
        Assert.Null(doc.Parameters);
    }

    [Fact]
    public void Seed_carry_example_loads_with_the_seed_values()
    {
        var doc = Shipped("fx-carry-equity-hedge.json");

        Assert.Equal("FX Carry with Equity Hedge", doc.Name);
        Assert.Equal("fx-carry-with-equity-hedge", doc.Id);
        Assert.Equal(StrategyType.Arbitrage, doc.Type);
        Assert.Equal([AssetClass.Forex, AssetClass.Stock], doc.AssetClasses);
        Assert.Equal(new AssetAllocation { AssetClass = AssetClass.Forex, TargetWeight = 60, MinWeight = 50, MaxWeight = 70 }, doc.Allocation[0]);
        Assert.Equal(new AssetAllocation { AssetClass = AssetClass.Stock, TargetWeight = 40, MinWeight = 30, MaxWeight = 50 }, doc.Allocation[1]);
        var rule = Assert.Single(doc.ExecutionRules);
        Assert.Equal("Interest rate differential > 2%", rule.Trigger);
        Assert.Equal("Initiate carry trade with equity hedge", rule.Action);
        Assert.Equal(RuleActionKind.InitiateCarryTrade, rule.CompiledAction.Kind);
        Assert.Equal(AssetClass.Stock, rule.CompiledAction.Hedge);
        Assert.Equal(StrategyDocumentLoader.DefaultCarryPair, doc.DefaultPair);
        Assert.Equal([RuleTestFixture.Id("AUD_RATE"), RuleTestFixture.Id("JPY_RATE")], rule.CompiledTrigger.Instruments);
    }

    [Fact]
    public void Seed_examples_are_the_seed_text_as_json()
    {
        // The shipped files hold exactly the seed's fields: nothing added (no id, account, instruments, ...).
        foreach (var file in ShippedFiles[..2])
        {
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(RepoFiles.PathOf($"config/strategies/{file}")));
            Assert.Equal(["name", "type", "assetClasses", "allocation", "executionRules"], json.RootElement.EnumerateObject().Select(p => p.Name));
            foreach (var allocation in json.RootElement.GetProperty("allocation").EnumerateArray())
            {
                Assert.Equal(["assetClass", "targetWeight", "minWeight", "maxWeight"], allocation.EnumerateObject().Select(p => p.Name));
            }
        }
    }

    [Fact]
    public void All_shipped_strategies_load_with_unique_ids()
    {
        var docs = StrategyDocumentLoader.LoadDirectory(RepoFiles.PathOf("config/strategies"), RuleTestFixture.Catalog, RuleTestFixture.Compiler);

        Assert.Equal(ShippedFiles.Length, docs.Count);
        Assert.Equal(docs.Count, docs.Select(d => d.Id).Distinct().Count());
        foreach (var file in ShippedFiles)
        {
            var doc = Shipped(file);
            Assert.NotEmpty(doc.ExecutionRules);
            Assert.Equal(100, doc.Allocation.Sum(a => a.TargetWeight), 9);
        }
    }

    [Fact]
    public void Designed_strategies_carry_their_ids_risk_limits_and_rebalancing_rules()
    {
        var doc = Shipped("safe-haven-flows.json");

        Assert.Equal("safe-haven-flows", doc.Id);
        Assert.False(doc.IdDerived);
        Assert.Equal(["USDJPY", "USDCHF", "GLD", "TLT", "SPY"], doc.Instruments);
        Assert.Equal("USDJPY", doc.DefaultPair);
        Assert.Equal(2, doc.RiskParameters.AssetClassLimits.Count);
        Assert.Equal(new AssetClassRiskLimits { AssetClass = AssetClass.Forex, MaxAllocation = 50, MaxDrawdown = 6, MaxLeverage = 3, StopLossThreshold = 2 }, doc.RiskParameters.AssetClassLimits[0]);
        Assert.Equal(5, doc.AllocationOf(AssetClass.Stock)!.RebalanceThreshold);
        Assert.Contains(doc.ExecutionRules, r => r.CompiledAction.Kind == RuleActionKind.Buy && r.CompiledAction.Instrument == RuleTestFixture.Id("GLD"));
        Assert.Equal(TimeSpan.FromDays(1), doc.RebalancingRules.Single(r => r.Type == RebalanceTriggerType.Time).Interval);
        var volatility = doc.RebalancingRules.Single(r => r.Type == RebalanceTriggerType.Volatility);
        Assert.Equal(RebalanceAction.HedgeRisk, volatility.Action);
        Assert.Equal([RuleTestFixture.Id("VIX")], volatility.CompiledCondition!.Instruments);
        Assert.True(doc.Parameters.HasValue);
    }

    [Theory]
    [InlineData("FX Carry with Equity Hedge", "fx-carry-with-equity-hedge")]
    [InlineData("  Crypto--Tech  Momentum! ", "crypto-tech-momentum")]
    [InlineData("S&P 500 / VIX", "s-p-500-vix")]
    public void Id_from_name_is_a_slug(string name, string id) => Assert.Equal(id, StrategyDocumentLoader.IdFromName(name));

    [Fact]
    public void Every_problem_is_reported_at_once_with_its_path()
    {
        const string json = """
            {
              "name": "Bad",
              "type": "Scalping",
              "assetClasses": ["CRYPTO", "BONDS", "STOCK"],
              "allocation": [
                { "assetClass": "CRYPTO", "targetWeight": 50, "minWeight": 60, "maxWeight": 40 },
                { "assetClass": "STOCK", "targetWeight": 90, "minWeight": 10, "maxWeight": 80, "rebalanceThreshold": 0 },
                { "assetClass": "FOREX", "targetWeight": 120, "minWeight": -5, "maxWeight": 100, "weight": 3 }
              ],
              "instruments": ["BTCUSD", "BTCUSDX", "VIX", "EURUSD"],
              "riskParameters": { "assetClassLimits": { "CRYPTO": { "maxAllocation": 150, "maxLeverage": 0, "drawdown": 1 } }, "var": 1 },
              "executionRules": [
                { "trigger": "BTC momentum 0.05", "action": "Increase crypto allocation by 5%" },
                { "trigger": "BTX momentum > 0.05", "action": "Buy NASDAQ" },
                { "trigger": "VIX > 30", "action": "Decrease FOREX allocation by 5%" }
              ],
              "rebalancingRules": [
                { "type": "Time", "condition": "daily", "action": "Rebalance" },
                { "type": "Sometimes", "condition": "x", "action": "Panic" },
                { "type": "Volatility", "condition": "VIX >", "action": "HedgeRisk" }
              ],
              "parameters": 3,
              "colour": "blue"
            }
            """;

        var errors = Errors(json);

        string[] expected =
        [
            $"{Source}: colour: unknown field",
            $"{Source}: type: unknown value 'Scalping' (expected one of: Arbitrage, Correlation, Momentum, MeanReversion, Pairs, SmaCross)",
            $"{Source}: assetClasses[1]: unknown asset class 'BONDS' (expected one of: STOCK, FOREX, CRYPTO)",
            $"{Source}: allocation[0]: minWeight 60 is greater than maxWeight 40",
            $"{Source}: allocation[1].rebalanceThreshold: 0 is out of range (0, 100]",
            $"{Source}: allocation[1].targetWeight: 90 is outside [minWeight, maxWeight] = [10, 80]",
            $"{Source}: allocation[2].weight: unknown field",
            $"{Source}: allocation[2].targetWeight: 120 is out of range [0, 100]",
            $"{Source}: allocation[2].minWeight: -5 is out of range [0, 100]",
            $"{Source}: allocation[2].assetClass: 'FOREX' is not one of the strategy's assetClasses",
            $"{Source}: riskParameters.var: unknown field",
            $"{Source}: riskParameters.assetClassLimits.CRYPTO.drawdown: unknown field",
            $"{Source}: riskParameters.assetClassLimits.CRYPTO.maxAllocation: 150 is out of range [0, 100]",
            $"{Source}: riskParameters.assetClassLimits.CRYPTO.maxLeverage: 0 must be greater than 0",
            $"{Source}: instruments[1]: unknown instrument symbol 'BTCUSDX' (not in the instrument catalogue)",
            $"{Source}: instruments[2]: 'VIX' is a reference series (Volatility), not a tradable instrument",
            $"{Source}: instruments[3]: 'EURUSD' is FOREX, not one of the strategy's assetClasses",
            $"{Source}: executionRules[0].trigger: 1:14: expected a comparison operator (>, >=, <, <=, ==, !=) but found '0.05'",
            $"{Source}: executionRules[1].trigger: 1:1: unknown symbol 'BTX'",
            $"{Source}: executionRules[1].action: 1:5: 'NASDAQ' is a reference series (Index), not a tradable instrument",
            $"{Source}: executionRules[2].action: acts on 'FOREX', which is not one of the strategy's assetClasses",
            $"{Source}: rebalancingRules[0].condition: invalid duration 'daily'",
            $"{Source}: rebalancingRules[1].type: unknown value 'Sometimes'",
            $"{Source}: rebalancingRules[1].action: unknown value 'Panic'",
            $"{Source}: rebalancingRules[2].condition: 1:6: expected ",
            $"{Source}: parameters: expected an object but found the number 3",
        ];
        foreach (var prefix in expected)
        {
            Assert.True(errors.Any(e => e.StartsWith(prefix, StringComparison.Ordinal)), $"missing '{prefix}' in:\n{string.Join("\n", errors)}");
        }

        Assert.Equal(expected.Length, errors.Count);
    }

    [Fact]
    public void Target_weights_must_sum_to_100()
    {
        var errors = Errors("""
            { "name": "S", "type": "Pairs", "assetClasses": ["STOCK", "CRYPTO"],
              "allocation": [ { "assetClass": "STOCK", "targetWeight": 60, "minWeight": 0, "maxWeight": 100 },
                              { "assetClass": "CRYPTO", "targetWeight": 30, "minWeight": 0, "maxWeight": 100 } ] }
            """);

        Assert.Equal([$"{Source}: allocation: target weights sum to 90, not 100"], errors);
    }

    [Fact]
    public void Weights_summing_to_100_within_tolerance_are_accepted()
    {
        var doc = Parse("""
            { "name": "Thirds", "type": "MeanReversion", "assetClasses": ["STOCK", "CRYPTO", "FOREX"],
              "allocation": [ { "assetClass": "STOCK", "targetWeight": 33.333333333333336, "minWeight": 0, "maxWeight": 100 },
                              { "assetClass": "CRYPTO", "targetWeight": 33.333333333333336, "minWeight": 0, "maxWeight": 100 },
                              { "assetClass": "FOREX", "targetWeight": 33.33333333333333, "minWeight": 0, "maxWeight": 100 } ] }
            """);

        Assert.Equal(3, doc.Allocation.Count);
        Assert.Equal("thirds", doc.Id);
    }

    [Fact]
    public void Missing_required_fields_and_missing_or_duplicate_allocations_are_reported()
    {
        var errors = Errors("""
            { "assetClasses": ["STOCK", "CRYPTO", "STOCK"],
              "allocation": [ { "assetClass": "STOCK", "targetWeight": 50, "minWeight": 0, "maxWeight": 100 },
                              { "assetClass": "STOCK", "targetWeight": 50, "minWeight": 0 } ] }
            """);

        Assert.Equal(
            [
                $"{Source}: name: required field is missing",
                $"{Source}: type: required field is missing",
                $"{Source}: assetClasses[2]: duplicate asset class 'STOCK'",
                $"{Source}: allocation[1].maxWeight: required field is missing",
                $"{Source}: allocation[1].assetClass: duplicate allocation for 'STOCK'",
                $"{Source}: allocation: no allocation for asset class 'CRYPTO'",
            ],
            errors);
    }

    [Fact]
    public void Rule_syntax_error_position_flows_through()
    {
        var errors = Errors("""
            { "name": "R", "type": "Momentum", "assetClasses": ["CRYPTO"],
              "allocation": [ { "assetClass": "CRYPTO", "targetWeight": 100, "minWeight": 100, "maxWeight": 100 } ],
              "executionRules": [ { "trigger": "BTC momentum > 0.05 AND", "action": "Increase crypto allocation by 5" } ] }
            """);

        var direct = Assert.Throws<RuleSyntaxException>(() => RuleTestFixture.Compiler.CompileTrigger("BTC momentum > 0.05 AND"));
        Assert.Equal(
            [
                $"{Source}: executionRules[0].trigger: {direct.Line}:{direct.Column}: expected {direct.Expected} but found {direct.Found}",
                $"{Source}: executionRules[0].action: 1:32: expected '%' but found end of rule",
            ],
            errors);
        Assert.Equal($"{Source}: executionRules[0].trigger: 1:24: expected an indicator, symbol or number but found end of rule", errors[0]);
    }

    [Fact]
    public void Invalid_json_and_missing_file_are_configuration_errors()
    {
        var bad = Assert.Throws<ConfigurationException>(() => Parse("{ \"name\": "));
        Assert.StartsWith($"{Source}: invalid JSON", bad.Message, StringComparison.Ordinal);

        var missing = Assert.Throws<ConfigurationException>(() => StrategyDocumentLoader.Load("/nonexistent/s.json", RuleTestFixture.Catalog));
        Assert.Equal("/nonexistent/s.json: file not found", missing.Message);

        var notObject = Assert.Throws<ConfigurationException>(() => Parse("[]"));
        Assert.Equal($"{Source}: $: expected an object but found an array", notObject.Message);
    }

    [Fact]
    public void Carry_without_forex_and_risk_cap_below_max_weight_are_rejected()
    {
        var errors = Errors("""
            { "name": "C", "type": "Arbitrage", "assetClasses": ["STOCK"],
              "allocation": [ { "assetClass": "STOCK", "targetWeight": 100, "minWeight": 90, "maxWeight": 100 } ],
              "riskParameters": { "assetClassLimits": { "STOCK": { "maxAllocation": 95 }, "CRYPTO": { "maxDrawdown": 10 } } },
              "executionRules": [ { "trigger": "interest rate differential of EURUSD > 1%", "action": "Initiate carry trade" } ] }
            """);

        Assert.Equal(
            [
                $"{Source}: riskParameters.assetClassLimits.STOCK.maxAllocation: 95 is below the allocation's maxWeight 100",
                $"{Source}: riskParameters.assetClassLimits.CRYPTO: 'CRYPTO' is not one of the strategy's assetClasses",
                $"{Source}: executionRules[0].action: a carry trade needs FOREX among the strategy's assetClasses",
            ],
            errors);
    }

    [Theory]
    [InlineData("\"name\": \"a\", \"name\": \"b\"", "name: the key is written twice in the same object")]
    [InlineData("\"name\": \"x\", \"parameters\": { \"k\": 1, \"k\": 2 }", "parameters.k: the key is written twice in the same object")]
    [InlineData("\"name\": \"x\", \"parameters\": { \"k\": 1e999 }", "parameters.k: the number 1e999 is outside the range of a double")]
    public void Keys_written_twice_and_numbers_beyond_a_double_are_errors_with_their_path(string fields, string expected)
    {
        var json = "{ " + fields + ", \"type\": \"Momentum\", \"assetClasses\": [\"STOCK\"], \"allocation\": [ { \"assetClass\": \"STOCK\", \"targetWeight\": 100, \"minWeight\": 0, \"maxWeight\": 100 } ] }";

        Assert.Equal([$"{Source}: {expected}"], Errors(json));
    }

    [Theory]
    [InlineData("name", "\\u0000", "name: '?' is not a valid name")]
    [InlineData("name", "../../etc/passwd", "name: '../../etc/passwd' is not a valid name")]
    [InlineData("id", "a/b", "id: 'a/b' is not a valid id")]
    [InlineData("account", "a/b", "account: 'a/b' is not a valid account")]
    public void Ids_names_and_accounts_follow_the_identifier_rules(string field, string value, string expected)
    {
        var name = field == "name" ? value : "ok";
        var extra = field == "name" ? string.Empty : $", \"{field}\": \"{value}\"";
        var json = "{ \"name\": \"" + name + "\"" + extra + ", \"type\": \"Momentum\", \"assetClasses\": [\"STOCK\"], \"allocation\": [ { \"assetClass\": \"STOCK\", \"targetWeight\": 100, \"minWeight\": 0, \"maxWeight\": 100 } ] }";

        Assert.Contains(Errors(json), e => e.StartsWith($"{Source}: {expected}", StringComparison.Ordinal));
    }
}
