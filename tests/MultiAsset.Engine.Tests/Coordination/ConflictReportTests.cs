using System.Text.Json;
using MultiAsset.Engine.Coordination;
using MultiAsset.Engine.Coordination.Config;
using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Tests.Coordination;

/// <summary>Conflict records: counted, kept in a ring, and served as the JSON of GET /api/multi-asset/conflicts.</summary>
public class ConflictReportTests
{
    [Fact]
    public void Report_HasCountsAndNamedRecords_NewestFirst()
    {
        var h = new CoordinationHarness(ConflictResolutionTests.With(new ConflictRule
        {
            Condition = ConflictCondition.OpposingIntents,
            Resolution = ConflictResolution.Prioritize,
            Strategies = ["cross-asset-arbitrage"],
        }));
        var arb = h.Register("cross-asset-arbitrage");
        var momentum = h.Register("crypto-tech-momentum");
        var time = new DateTimeOffset(2026, 3, 2, 14, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;
        h.Batch(h.Buy(arb, "AAPL", 100, time: time), h.Sell(momentum, "AAPL", 40.5, time: time));
        h.Batch(h.ClassWeight(momentum, AssetClass.Crypto, 0.45, change: false, time: time + 1));

        var report = h.Stage.ConflictReport();
        Assert.Equal((2L, 2), (report.Total, report.Returned));
        Assert.Equal(1, report.ByCondition["OpposingIntents"]);
        Assert.Equal(1, report.ByCondition["AllocationBand"]);
        Assert.Equal(0, report.ByCondition["ExposureOverlap"]);
        Assert.Equal(2, report.ByResolution["Prioritize"]);

        var band = report.Conflicts[0];
        Assert.Equal(("AllocationBand", "CRYPTO", (string?)null, 45.0, 40.0), (band.Condition, band.AssetClass, band.Instrument, band.WeightRequested, band.WeightApplied));

        var opposing = report.Conflicts[1];
        Assert.Equal(("default", "AAPL", "OpposingIntents", "Prioritize"), (opposing.Account, opposing.Instrument, opposing.Condition, opposing.Resolution));
        Assert.Equal("2026-03-02T14:30:00.0000000Z", opposing.Time);
        Assert.Equal(new ConflictStrategyView("cross-asset-arbitrage", "winner", 100m, 100m), opposing.Strategies[0]);
        Assert.Equal(new ConflictStrategyView("crypto-tech-momentum", "loser", -40m, 0m), opposing.Strategies[1]); // 40.5 → 40 shares

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(report, ConflictReportBuilder.JsonOptions));
        var root = json.RootElement;
        Assert.Equal(2, root.GetProperty("total").GetInt64());
        var first = root.GetProperty("conflicts")[1];
        Assert.Equal("crypto-tech-momentum", first.GetProperty("strategies")[1].GetProperty("id").GetString());
        Assert.Equal(60m, first.GetProperty("netQuantityBefore").GetDecimal());
        Assert.Equal(100m, first.GetProperty("netQuantityAfter").GetDecimal());
        Assert.False(first.TryGetProperty("weightRequested", out _)); // nulls are left out
        Assert.Equal(45.0, root.GetProperty("conflicts")[0].GetProperty("weightRequested").GetDouble());
        Assert.Equal(1, root.GetProperty("byCondition").GetProperty("AllocationBand").GetInt64());
    }

    [Fact]
    public void Ring_KeepsTheLatestRecords_CountersKeepCounting()
    {
        var h = new CoordinationHarness(new CoordinationConfig { ConflictLogCapacity = 2 });
        var s = h.Register("s");
        for (var i = 0; i < 5; i++)
        {
            h.Batch(h.ClassWeight(s, AssetClass.Stock, 0.9 + (i * 0.01), change: false));
        }

        var kept = h.Stage.Conflicts.Recent();
        Assert.Equal([4L, 5L], kept.Select(r => r.Id));
        Assert.Equal(0.94, kept[1].WeightRequested, 12);
        Assert.Equal(5, h.Stage.Conflicts.Total);
        Assert.Equal(5, h.Stage.Conflicts.Count(ConflictCondition.AllocationBand));
        Assert.Single(h.Stage.Conflicts.Recent(1));
        Assert.Single(h.Stage.ConflictReport(limit: 1).Conflicts);
    }
}
