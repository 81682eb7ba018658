using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MultiAsset.Engine.Risk.Analytics.Measures;
using static MultiAsset.Engine.Tests.Risk.Analytics.Measures.RiskTestData;

namespace MultiAsset.Engine.Tests.Risk.Analytics.Measures;

public class HistoricalVaRTests
{
    private static readonly RiskMeasureOptions Historical = new() { Method = VaRMethod.Historical };

    [Fact]
    public void Hull500Scenarios_ThroughTheAnalyzer()
    {
        // One position whose scenario P&L is minus Hull's losses: VaR = fifth-worst loss, k = 5 exactly.
        var losses = TailRuleTests.HullLosses();
        var input = new RiskMeasureInput
        {
            Positions = [new("PORTFOLIO", "STOCK", "USD", 10_000_000)],
            Scenarios = new RiskMatrix(500, 1, [.. losses.Select(l => -l)]),
        };
        var r = PortfolioRiskAnalyzer.Analyze(input, Historical);
        Assert.Equal(5, r.TailCount);
        Assert.Equal(500, r.ScenarioCount);
        Close(602_968, r.ValueAtRisk, 1e-12, "VaR");
        Close(750_078, r.ExpectedShortfall, 1e-12, "ES");
        Close(602_968, r.ByInstrument[0].ComponentVaR, 1e-12, "single component");
        Close(602_968, r.ByInstrument[0].StandaloneVaR, 1e-12, "standalone");
        Close(602_968, r.ByInstrument[0].IncrementalVaR, 1e-12, "incremental");
    }

    [Fact]
    public void ScenarioPnl_AndReturns_GiveTheSameMeasures()
    {
        var book = RandomBook(6, 11, returnRows: 500);
        var fromReturns = PortfolioRiskAnalyzer.Analyze(book with { Covariance = null }, Historical);
        var returns = book.Returns!;
        var pnl = new double[returns.Values.Length];
        for (int s = 0; s < returns.Rows; s++)
        {
            for (int i = 0; i < returns.Columns; i++)
            {
                pnl[(s * returns.Columns) + i] = returns[s, i] * book.Positions[i].Exposure;
            }
        }

        var fromPnl = PortfolioRiskAnalyzer.Analyze(new RiskMeasureInput { Positions = book.Positions, Scenarios = new RiskMatrix(returns.Rows, returns.Columns, pnl) }, Historical);
        Close(fromReturns.ValueAtRisk, fromPnl.ValueAtRisk, 1e-9, "VaR");
        Close(fromReturns.ExpectedShortfall, fromPnl.ExpectedShortfall, 1e-9, "ES");
        for (int i = 0; i < 6; i++)
        {
            Close(fromReturns.ByInstrument[i].ComponentVaR, fromPnl.ByInstrument[i].ComponentVaR, 1e-9, $"component {i}");
        }
    }

    [Fact]
    public void Horizon_ScalesScenarioPnlBySquareRootOfTime()
    {
        var book = RandomBook(5, 12, returnRows: 300) with { Covariance = null };
        var one = PortfolioRiskAnalyzer.Analyze(book, Historical);
        var ten = PortfolioRiskAnalyzer.Analyze(book, Historical with { Horizon = 10 });
        Close(one.ValueAtRisk * Math.Sqrt(10), ten.ValueAtRisk, 1e-12, "VaR");
        Close(one.ExpectedShortfall * Math.Sqrt(10), ten.ExpectedShortfall, 1e-12, "ES");
    }

    [Property(MaxTest = 60)]
    public Property Components_SumToTheTotal_BothConventions() =>
        Prop.ForAll(Gen.Choose(1, 25).ToArbitrary(), Gen.Choose(0, 10_000).ToArbitrary(), Gen.Elements(QuantileConvention.KthWorst, QuantileConvention.Interpolated).ToArbitrary(), (n, seed, convention) =>
        {
            var book = RandomBook(n, seed, returnRows: 250) with { Covariance = null };
            var r = PortfolioRiskAnalyzer.Analyze(book, Historical with { Quantile = convention, Confidence = 0.975 });
            double tolerance = 1e-9 * Math.Max(1, Math.Abs(r.ValueAtRisk));
            return Math.Abs(r.ByInstrument.Sum(i => i.ComponentVaR) - r.ValueAtRisk) <= tolerance
                && Math.Abs(r.ByInstrument.Sum(i => i.ComponentExpectedShortfall) - r.ExpectedShortfall) <= tolerance
                && Math.Abs(r.ByAssetClass.Sum(g => g.ComponentVaR) - r.ValueAtRisk) <= tolerance;
        });

    [Property(MaxTest = 60)]
    public Property VaR_IsPositivelyHomogeneous() =>
        Prop.ForAll(Gen.Choose(1, 15).ToArbitrary(), Gen.Choose(1, 500).ToArbitrary(), (n, seed) =>
        {
            double lambda = seed / 17.0;
            var book = RandomBook(n, seed, returnRows: 200) with { Covariance = null };
            var scaled = book with { Positions = [.. book.Positions.Select(p => p with { Exposure = p.Exposure * lambda })] };
            double a = PortfolioRiskAnalyzer.Analyze(book, Historical).ValueAtRisk;
            double b = PortfolioRiskAnalyzer.Analyze(scaled, Historical).ValueAtRisk;
            return Math.Abs((lambda * a) - b) <= 1e-9 * Math.Max(1, Math.Abs(b));
        });

    [Fact]
    public void IncrementalAndStandalone_AreFullRevaluations()
    {
        var book = RandomBook(4, 21, returnRows: 400) with { Covariance = null };
        var r = PortfolioRiskAnalyzer.Analyze(book, Historical with { Quantile = QuantileConvention.Interpolated });
        for (int i = 0; i < 4; i++)
        {
            var without = book with { Positions = [.. book.Positions.Select((p, j) => j == i ? p with { Exposure = 0 } : p)] };
            var alone = book with { Positions = [.. book.Positions.Select((p, j) => j == i ? p : p with { Exposure = 0 })] };
            Close(r.ValueAtRisk - PortfolioRiskAnalyzer.Analyze(without, Historical with { Quantile = QuantileConvention.Interpolated }).ValueAtRisk, r.ByInstrument[i].IncrementalVaR, 1e-9, "incremental");
            Close(PortfolioRiskAnalyzer.Analyze(alone, Historical with { Quantile = QuantileConvention.Interpolated }).ValueAtRisk, r.ByInstrument[i].StandaloneVaR, 1e-9, "standalone");
        }
    }

    [Theory]
    [InlineData(false)] // 4 currencies: masked SIMD group sums
    [InlineData(true)]  // one currency per position (> 16 groups): scalar scatter
    public void GroupRevaluation_MatchesAnalysingTheSubBook(bool manyGroups)
    {
        var book = RandomBook(20, 31, returnRows: 300) with { Covariance = null };
        if (manyGroups)
        {
            book = book with { Positions = [.. book.Positions.Select((p, i) => p with { Currency = $"C{i}" })] };
        }

        var r = PortfolioRiskAnalyzer.Analyze(book, Historical);
        Assert.Equal(manyGroups ? 20 : 4, r.ByCurrency.Count);
        foreach (var group in r.ByCurrency)
        {
            var alone = book with { Positions = [.. book.Positions.Select(p => p.Currency == group.Name ? p : p with { Exposure = 0 })] };
            var without = book with { Positions = [.. book.Positions.Select(p => p.Currency == group.Name ? p with { Exposure = 0 } : p)] };
            Close(PortfolioRiskAnalyzer.Analyze(alone, Historical).ValueAtRisk, group.StandaloneVaR, 1e-9, $"{group.Name} standalone");
            Close(r.ValueAtRisk - PortfolioRiskAnalyzer.Analyze(without, Historical).ValueAtRisk, group.IncrementalVaR, 1e-9, $"{group.Name} incremental");
        }
    }

    [Fact]
    public void Historical_WithoutScenarioData_NamesTheMissingField()
    {
        var e = Assert.Throws<RiskMeasureInputException>(() => PortfolioRiskAnalyzer.Analyze(TwoAssets(), Historical));
        Assert.Equal("returns", e.Field);
    }
}
