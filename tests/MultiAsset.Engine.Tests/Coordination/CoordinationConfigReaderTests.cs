using MultiAsset.Engine.Coordination;
using MultiAsset.Engine.Coordination.Config;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Coordination;

/// <summary>config/coordination.json: the shipped file loads; every mistake is reported with file, path and reason.</summary>
public class CoordinationConfigReaderTests
{
    private const string Source = "config/coordination.json";
    private static readonly AccountDirectory Accounts = new(CoordinationHarness.AccountNames);

    private static readonly string[] ShippedStrategies =
    [
        "safe-haven-flows", "cross-asset-arbitrage", "crypto-tech-momentum", "fx-carry-with-equity-hedge",
        "currency-momentum", "crypto-stock-correlation", "volatility-arbitrage",
    ];

    [Fact]
    public void ShippedFile_Loads()
    {
        var config = CoordinationConfigReader.Load(RepoFiles.PathOf(CoordinationConfigReader.DefaultPath), Source, Accounts);

        var opposing = config.ConflictResolution[0];
        Assert.Equal((ConflictCondition.OpposingIntents, ConflictResolution.Prioritize), (opposing.Condition, opposing.Resolution));
        Assert.Equal(ShippedStrategies.Order(), opposing.Strategies.Order());
        Assert.Contains(config.ConflictResolution, r => r is { Condition: ConflictCondition.ExposureOverlap, AssetClass: AssetClass.Crypto, MaxNotional: 150_000 });
        var allocation = Assert.Single(config.CapitalAllocation);
        Assert.Equal(CapitalAllocationMethod.FixedWeights, allocation.Method);
        Assert.Equal(ShippedStrategies.Order(), allocation.Weights.Keys.Order());
        Assert.Equal(100, allocation.Weights.Values.Sum(), 9);
        Assert.Contains(config.ExecutionPriority, p => p.Reason == IntentReason.StopLoss && p.Priority == 100);
        Assert.Equal([ExecutionAlgorithm.Vwap, ExecutionAlgorithm.Twap, ExecutionAlgorithm.Direct], config.Algorithms);
        Assert.Equal(TimeSpan.FromHours(1), config.ReallocationInterval);

        // And the stage accepts it.
        var stage = new CoordinationStage(RepoFiles.ShippedCatalog, Accounts, new(), new(64), new FixedAccountCapital(Money.FromDecimal(1m)), config);
        Assert.Equal(CapitalAllocationMethod.FixedWeights, stage.AllocationMethod(new AccountId(0)));
    }

    [Fact]
    public void EmptyObject_IsTheDefault()
    {
        var config = CoordinationConfigReader.Parse("{}", Source);
        Assert.Empty(config.ConflictResolution);
        Assert.Equal(CoordinationConfig.Default.MaxIntentsDeferred, config.MaxIntentsDeferred);
    }

    [Fact]
    public void FullExample_IsRead()
    {
        var config = CoordinationConfigReader.Parse("""
            {
              "conflictResolution": [
                { "condition": "OpposingIntents", "resolution": "Defer", "parameters": { "retries": 5, "account": "fx-carry" } },
                { "condition": "ExposureOverlap", "resolution": "Cancel", "parameters": { "maxNotional": 1000.5 } }
              ],
              "capitalAllocation": [
                { "account": "default", "method": "PerformanceWeighted", "lookback": "7d", "floor": 5 },
                { "account": "fx-carry", "method": "InverseVolatility", "lookback": "30d" }
              ],
              "executionPriority": [ { "strategy": "a", "priority": -3 } ],
              "algorithms": { "Low": "Implementation" },
              "maxIntentsDeferred": 3, "reallocationInterval": "15m", "conflictLogCapacity": 10, "allocationLogCapacity": 20
            }
            """, Source, Accounts);

        var defer = config.ConflictResolution[0];
        Assert.Equal((ConflictCondition.OpposingIntents, ConflictResolution.Defer, 5, "fx-carry", (AssetClass?)null), (defer.Condition, defer.Resolution, defer.Retries, defer.Account, defer.AssetClass));
        Assert.Equal(1000.5, config.ConflictResolution[1].MaxNotional);
        Assert.Equal((CapitalAllocationMethod.PerformanceWeighted, TimeSpan.FromDays(7), 5.0), (config.CapitalAllocation[0].Method, config.CapitalAllocation[0].Lookback, config.CapitalAllocation[0].FloorPercent));
        Assert.Equal(("a", -3), (config.ExecutionPriority[0].Strategy, config.ExecutionPriority[0].Priority));
        Assert.Equal(ExecutionAlgorithm.Implementation, config.Algorithms[0]);
        Assert.Equal(ExecutionAlgorithm.Twap, config.Algorithms[1]);
        Assert.Equal((3, TimeSpan.FromMinutes(15), 10, 20), (config.MaxIntentsDeferred, config.ReallocationInterval, config.ConflictLogCapacity, config.AllocationLogCapacity));
    }

    [Theory]
    [InlineData("""{ "conflictResolution": [ { "condition": "Overlap", "resolution": "Average" } ] }""", "conflictResolution[0].condition: unknown value 'Overlap'")]
    [InlineData("""{ "conflictResolution": [ { "condition": "OpposingIntents", "resolution": "Vote" } ] }""", "conflictResolution[0].resolution: unknown value 'Vote'")]
    [InlineData("""{ "conflictResolution": [ { "condition": "OpposingIntents" } ] }""", "conflictResolution[0].resolution: required field is missing")]
    [InlineData("""{ "conflictResolution": [ { "condition": "AllocationBand", "resolution": "Average" } ] }""", "conflictResolution[0].resolution: Average does not apply to AllocationBand")]
    [InlineData("""{ "conflictResolution": [ { "condition": "ExposureOverlap", "resolution": "Cancel" } ] }""", "conflictResolution[0].parameters.maxNotional: required field is missing")]
    [InlineData("""{ "conflictResolution": [ { "condition": "ExposureOverlap", "resolution": "Cancel", "parameters": { "maxNotional": -5 } } ] }""", "conflictResolution[0].parameters.maxNotional: -5 is out of range")]
    [InlineData("""{ "conflictResolution": [ { "condition": "ExposureOverlap", "resolution": "Cancel", "parameters": { "maxNotional": 0 } } ] }""", "conflictResolution[0].parameters.maxNotional: must be positive")]
    [InlineData("""{ "conflictResolution": [ { "condition": "OpposingIntents", "resolution": "Cancel", "parameters": { "retries": 2 } } ] }""", "conflictResolution[0].parameters.retries: unknown field")]
    [InlineData("""{ "conflictResolution": [ { "condition": "OpposingIntents", "resolution": "Defer", "parameters": { "retries": 1000 } } ] }""", "conflictResolution[0].parameters.retries: 1000 is out of range")]
    [InlineData("""{ "conflictResolution": [ { "condition": "OpposingIntents", "resolution": "Prioritize", "parameters": { "strategies": ["a", "a"] } } ] }""", "conflictResolution[0].parameters.strategies[1]: strategy 'a' is listed twice")]
    [InlineData("""{ "conflictResolution": [ { "condition": "OpposingIntents", "resolution": "Cancel", "parameters": { "assetClass": "BONDS" } } ] }""", "conflictResolution[0].parameters.assetClass: unknown asset class 'BONDS'")]
    [InlineData("""{ "conflictResolution": [ { "condition": "OpposingIntents", "resolution": "Cancel", "parameters": { "account": "nope" } } ] }""", "conflictResolution[0].parameters.account: unknown account 'nope'")]
    [InlineData("""{ "capitalAllocation": [ { "account": "default", "method": "FixedWeights", "weights": { "a": 70, "b": 40 } } ] }""", "capitalAllocation[0].weights: weights add up to 110%, more than 100%")]
    [InlineData("""{ "capitalAllocation": [ { "account": "default", "method": "FixedWeights" } ] }""", "capitalAllocation[0].weights: required field is missing")]
    [InlineData("""{ "capitalAllocation": [ { "account": "default", "method": "Equal", "weights": { "a": 10 } } ] }""", "capitalAllocation[0].weights: does not apply to method Equal")]
    [InlineData("""{ "capitalAllocation": [ { "account": "default", "method": "InverseVolatility", "lookback": "soon" } ] }""", "capitalAllocation[0].lookback: invalid duration 'soon'")]
    [InlineData("""{ "capitalAllocation": [ { "account": "default", "method": "Equal" }, { "account": "default", "method": "Equal" } ] }""", "capitalAllocation[1].account: account 'default' already has a capital allocation at capitalAllocation[0]")]
    [InlineData("""{ "capitalAllocation": [ { "account": "ghost", "method": "Equal" } ] }""", "capitalAllocation[0].account: unknown account 'ghost'")]
    [InlineData("""{ "executionPriority": [ { "reason": "StopLoss", "strategy": "a", "priority": 1 } ] }""", "executionPriority[0]: give exactly one of 'reason'")]
    [InlineData("""{ "executionPriority": [ { "reason": "Panic", "priority": 1 } ] }""", "executionPriority[0].reason: unknown value 'Panic'")]
    [InlineData("""{ "executionPriority": [ { "reason": "None", "priority": 1 } ] }""", "executionPriority[0].reason: 'None' is not a reason")]
    [InlineData("""{ "executionPriority": [ { "strategy": "a", "priority": 5000 } ] }""", "executionPriority[0].priority: 5000 is out of range")]
    [InlineData("""{ "executionPriority": [ { "strategy": "a", "priority": 1 }, { "strategy": "a", "priority": 2 } ] }""", "executionPriority[1]: strategy a already has a priority at executionPriority[0]")]
    [InlineData("""{ "algorithms": { "Urgent": "Direct" } }""", "algorithms.Urgent: unknown field")]
    [InlineData("""{ "algorithms": { "Low": "Iceberg" } }""", "algorithms.Low: unknown value 'Iceberg'")]
    [InlineData("""{ "maxIntentsDeferred": -1 }""", "maxIntentsDeferred: -1 is out of range")]
    [InlineData("""{ "conflictLogCapacity": 0 }""", "conflictLogCapacity: 0 is out of range")]
    [InlineData("""{ "strategies": [] }""", "strategies: unknown field")]
    [InlineData("""[]""", "(root): expected an object")]
    public void Mistakes_AreReportedWithFilePathAndReason(string json, string expected)
    {
        var e = Assert.Throws<ConfigurationException>(() => CoordinationConfigReader.Parse(json, Source, Accounts));
        Assert.Contains($"{Source}: {expected}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryMistakeIsReportedAtOnce()
    {
        var e = Assert.Throws<ConfigurationException>(() => CoordinationConfigReader.Parse(
            """{ "maxIntentsDeferred": "many", "conflictResolution": [ { "condition": "X", "resolution": "Y" } ] }""", Source));
        Assert.Equal(3, e.Errors.Count);
    }

    [Fact]
    public void InvalidJson_NamesTheFile()
    {
        var e = Assert.Throws<ConfigurationException>(() => CoordinationConfigReader.Parse("{ \"maxIntentsDeferred\": ", Source));
        Assert.StartsWith($"{Source}: invalid JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFile_NamesIt()
    {
        var e = Assert.Throws<ConfigurationException>(() => CoordinationConfigReader.Load("/nonexistent/coordination.json", Source));
        Assert.StartsWith($"{Source}: cannot read", e.Message, StringComparison.Ordinal);
    }
}
