using System.Text.Json;
using MultiAsset.Engine.Backtest.Metrics;
using static MultiAsset.Engine.Tests.Backtest.Metrics.EquityCurves;

namespace MultiAsset.Engine.Tests.Backtest.Metrics;

/// <summary>Undefined ratios are null, never NaN or ±∞ (which System.Text.Json refuses to write), so results serialise as is.</summary>
public sealed class PerformanceMetricsJsonTests
{
    [Fact]
    public void Serialize_EdgeCases_WritesNullsAndNeverThrows()
    {
        var flat = PerformanceCalculator.Compute(new PerformanceInput { Equity = Daily(100, 100, 100), Benchmark = Daily(5, 5, 5) });
        var single = PerformanceCalculator.Compute(new PerformanceInput { Equity = Daily(100) });

        using var flatJson = JsonDocument.Parse(JsonSerializer.Serialize(flat));
        using var singleJson = JsonDocument.Parse(JsonSerializer.Serialize(single));

        Assert.Equal(JsonValueKind.Null, flatJson.RootElement.GetProperty("Sharpe").ValueKind);
        Assert.Equal(JsonValueKind.Null, flatJson.RootElement.GetProperty("Trades").GetProperty("ProfitFactor").ValueKind);
        Assert.Equal(JsonValueKind.Null, flatJson.RootElement.GetProperty("Benchmark").GetProperty("Beta").ValueKind);
        Assert.Equal(0, flatJson.RootElement.GetProperty("Drawdown").GetProperty("MaxDrawdown").GetDouble());
        Assert.Equal(JsonValueKind.Null, singleJson.RootElement.GetProperty("Cagr").ValueKind);
        Assert.Equal(JsonValueKind.Null, singleJson.RootElement.GetProperty("Exposure").GetProperty("TimeInMarket").ValueKind);
    }
}
