using System.Text.Json.Nodes;
using MultiAsset.Host.Backtesting.Sweeps;

namespace MultiAsset.Host.Tests.Backtesting.Sweeps;

public sealed class SweepGridTests
{
    private static List<JsonNode> Values(params object[] values) => values.Select(v => JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(v))!).ToList();

    [Fact]
    public void Expand_ThreeParameters_IsTheCartesianProductLastFastest()
    {
        var sets = SweepGrid.Expand([("fast", Values(5, 10)), ("slow", Values(30, 60, 90)), ("timeframe", Values("1m"))]);

        Assert.Equal(
            ["fast=5 slow=30 timeframe=\"1m\"", "fast=5 slow=60 timeframe=\"1m\"", "fast=5 slow=90 timeframe=\"1m\"",
             "fast=10 slow=30 timeframe=\"1m\"", "fast=10 slow=60 timeframe=\"1m\"", "fast=10 slow=90 timeframe=\"1m\""],
            sets.Select(s => s.ToString()));
        Assert.Equal(6, sets.Select(s => s.RunId).Distinct().Count());
    }

    [Fact]
    public void RunId_SameValuesInAnotherOrder_IsTheSame()
    {
        var a = new SweepParameterSet([("fast", JsonValue.Create(5)), ("slow", JsonValue.Create(30))]);
        var b = new SweepParameterSet([("slow", JsonValue.Create(30)), ("fast", JsonValue.Create(5))]);
        var c = new SweepParameterSet([("fast", JsonValue.Create(5)), ("slow", JsonValue.Create(31))]);

        Assert.Equal(a.RunId, b.RunId);
        Assert.NotEqual(a.RunId, c.RunId);
        Assert.Equal(10, a.RunId.Length);
    }
}
