using System.Text.Json.Nodes;
using MultiAsset.Host.Backtesting.Sweeps;

namespace MultiAsset.Host.Tests.Backtesting.Sweeps;

public sealed class SweepRankingTests
{
    private static SweepRunRow Row(string id, double? drawdown, double? sharpe, SweepRunStatus status = SweepRunStatus.Ok)
        => new(id, new SweepParameterSet([("p", JsonValue.Create(id))]), status, null,
            status == SweepRunStatus.Ok ? new SweepMetrics(0, 0, sharpe, null, null, drawdown, 1, null, null) : null, null, Resumed: false);

    [Fact]
    public void Sort_MaxDrawdown_AscendingNullsLastTiesByRunId()
    {
        var rows = new[] { Row("e", null, 1, SweepRunStatus.Invalid), Row("d", 0.2, 1), Row("c", 0.05, 1), Row("b", 0.2, 1), Row("a", null, 1, SweepRunStatus.Failed) };

        var ranked = SweepRanking.Sort(rows, SweepMetric.MaxDrawdown);

        Assert.Equal(["c", "b", "d", "a", "e"], ranked.Select(r => r.RunId));
    }

    [Fact]
    public void Sort_Sharpe_DescendingNullsAndNaNLast()
    {
        var rows = new[] { Row("a", 0.1, null), Row("b", 0.1, -1), Row("c", 0.1, 2), Row("d", 0.1, double.NaN), Row("e", 0.1, 2) };

        var ranked = SweepRanking.Sort(rows, SweepMetric.Sharpe);

        Assert.Equal(["c", "e", "b", "a", "d"], ranked.Select(r => r.RunId));
    }
}
