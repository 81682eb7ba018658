using System.Text.Json;
using MultiAsset.Engine.Backtest.Attribution;
using MultiAsset.Engine.Model;

namespace MultiAsset.Host.Backtesting;

/// <summary>
/// Brinson–Fachler attribution by asset class of each account run by one strategy, against the strategy's target
/// allocation (the seed's <c>allocation[]</c>), over daily periods linked by Carino (docs/backtest.md, "Brinson").
/// </summary>
/// <remarks>
/// <para>Periods: from one day's close to the next (the last sample of each UTC day; the first period opens at the
/// first sample). Segments: STOCK, FOREX, CRYPTO and CASH in every period.</para>
/// <para>Portfolio side: w_p(class) = the class's mean net exposure over the period's samples ÷ equity at the period's
/// start; r_p(class) = the class's P&amp;L in the period ÷ that mean exposure (0 when the class held nothing);
/// CASH takes the rest, w = 1 − Σ w_p and w·r = the period's equity change not carried by a class (FX on cash, P&amp;L
/// of a class that held nothing at any sample), so Σ w_p r_p is the account's return exactly.</para>
/// <para>Benchmark side: w_b = the targets (targetWeight ÷ 100), CASH = 1 − Σ targets; r_b(class) = the equal-weighted
/// price return, over the period, of the class's instruments in the data (0 when the data has none); r_b(CASH) = 0.</para>
/// </remarks>
internal static class BacktestBrinson
{
    private static readonly AssetClass[] Classes = [AssetClass.Stock, AssetClass.Forex, AssetClass.Crypto];

    public static IReadOnlyList<BacktestBrinsonResult> Build(BacktestRun run)
    {
        var stages = run.Engine.Stages;
        var catalog = stages.Accounts.Book.Catalog;
        var recorder = run.Recorder;
        var documents = run.Spec.Strategies.Select((s, i) => Targets(s.Json, run.StrategyIds[i])).Where(d => d is not null).Select(d => d!.Value).ToList();
        var marksByTime = recorder.Marks.GroupBy(m => m.Time).ToDictionary(g => g.Key, g => g.ToDictionary(m => m.Instrument, m => m.Price.ToDecimal()));
        var results = new List<BacktestBrinsonResult>();
        foreach (var group in documents.GroupBy(d => d.Account))
        {
            if (group.Count() != 1 || !stages.AccountNames.TryResolve(group.Key, out var account))
            {
                continue;
            }

            var (strategy, _, targets) = group.Single();
            var rows = recorder.Equity.Where(r => r.Account == account).ToList();
            var closes = DayCloses(rows);
            if (closes.Count < 2)
            {
                continue;
            }

            var periods = new List<IReadOnlyList<BrinsonSegment>>();
            var averageWeights = new double[Classes.Length];
            for (var k = 1; k < closes.Count; k++)
            {
                var start = rows[closes[k - 1]];
                var end = rows[closes[k]];
                var equity = (double)start.Equity.ToDecimal();
                if (equity <= 0)
                {
                    break;
                }

                var segments = new List<BrinsonSegment>();
                double weightSum = 0, contributionSum = 0;
                foreach (var assetClass in Classes)
                {
                    var exposure = rows.Skip(closes[k - 1]).Take(closes[k] - closes[k - 1]).Average(r => (double)Exposure(r, assetClass).ToDecimal());
                    var pnl = (double)(ClassPnl(end, assetClass) - ClassPnl(start, assetClass)).ToDecimal();
                    var weight = exposure / equity;
                    var ret = exposure != 0 ? pnl / exposure : 0;
                    weightSum += weight;
                    contributionSum += weight * ret;
                    averageWeights[(int)assetClass] += weight;
                    segments.Add(BrinsonSegment.ForAssetClass(assetClass, weight, targets[(int)assetClass], ret, ClassReturn(catalog, marksByTime, start.Time, end.Time, assetClass)));
                }

                var cashWeight = 1 - weightSum;
                var rest = ((double)(end.Equity - start.Equity).ToDecimal() / equity) - contributionSum;
                segments.Add(new BrinsonSegment("CASH", cashWeight, 1 - targets.Sum(), cashWeight != 0 ? rest / cashWeight : 0, 0));
                periods.Add(segments);
            }

            if (periods.Count == 0)
            {
                continue;
            }

            var linked = BrinsonLinking.Link(periods);
            var actual = ((double)rows[closes[^1]].Equity.ToDecimal() / (double)rows[closes[0]].Equity.ToDecimal()) - 1;
            IReadOnlyList<BrinsonEffects> chosen = linked.CarinoSegments ?? linked.ArithmeticSegments;
            results.Add(new BacktestBrinsonResult(
                stages.AccountNames.NameOf(account),
                strategy,
                linked.CarinoSegments is null ? "arithmetic" : "carino",
                periods.Count,
                linked.PortfolioReturn,
                actual,
                linked.BenchmarkReturn,
                linked.ActiveReturn,
                [.. chosen.Select(e => new BacktestBrinsonSegment(e.Segment, Target(targets, e.Segment), Average(averageWeights, e.Segment, periods.Count), e.Allocation, e.Selection, e.Interaction, e.Total))],
                linked.CarinoResidual ?? linked.ArithmeticResidual));
        }

        return results;
    }

    private static Money Exposure(EquityRow row, AssetClass assetClass) => assetClass switch
    {
        AssetClass.Stock => row.Stock,
        AssetClass.Forex => row.Forex,
        _ => row.Crypto,
    };

    private static Money ClassPnl(EquityRow row, AssetClass assetClass) => assetClass switch
    {
        AssetClass.Stock => row.StockPnl,
        AssetClass.Forex => row.ForexPnl,
        _ => row.CryptoPnl,
    };

    /// <summary>Indices of the first sample and of the last sample of each UTC day, ascending.</summary>
    private static List<int> DayCloses(List<EquityRow> rows)
    {
        var closes = new List<int>();
        for (var i = 0; i < rows.Count; i++)
        {
            var last = i == rows.Count - 1 || Day(rows[i + 1].Time) != Day(rows[i].Time);
            if (i == 0 || last)
            {
                closes.Add(i);
            }
        }

        return closes.Distinct().ToList();
    }

    private static long Day(long time) => Math.DivRem(time, 86_400_000_000_000L, out var rest) - (rest < 0 ? 1 : 0);

    /// <summary>The equal-weighted price return of the class's instruments priced at both ends; 0 when none is.</summary>
    private static double ClassReturn(MultiAsset.Engine.Model.Instruments.InstrumentCatalog catalog, Dictionary<long, Dictionary<InstrumentId, decimal>> marks, long start, long end, AssetClass assetClass)
    {
        if (!marks.TryGetValue(start, out var from) || !marks.TryGetValue(end, out var to))
        {
            return 0;
        }

        var returns = from.Where(m => catalog[m.Key].AssetClass == assetClass && m.Value > 0 && to.ContainsKey(m.Key))
            .Select(m => (double)(to[m.Key] / m.Value) - 1)
            .ToList();
        return returns.Count == 0 ? 0 : returns.Average();
    }

    private static double Target(double[] targets, string segment)
        => AssetClassNames.TryParse(segment, out var assetClass) ? targets[(int)assetClass] : 1 - targets.Sum();

    private static double Average(double[] weights, string segment, int periods)
        => AssetClassNames.TryParse(segment, out var assetClass) ? weights[(int)assetClass] / periods : 1 - (weights.Sum() / periods);

    /// <summary>A document's id (as the engine gave it), account and target weights by class (fractions); null without an allocation.</summary>
    private static (string Id, string Account, double[] Targets)? Targets(string json, string id)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (!root.TryGetProperty("allocation", out var allocation) || allocation.ValueKind != JsonValueKind.Array || allocation.GetArrayLength() == 0)
        {
            return null;
        }

        var targets = new double[Classes.Length];
        foreach (var item in allocation.EnumerateArray())
        {
            if (item.TryGetProperty("assetClass", out var name) && AssetClassNames.TryParse(name.GetString(), out var assetClass)
                && item.TryGetProperty("targetWeight", out var weight) && weight.TryGetDouble(out var percent))
            {
                targets[(int)assetClass] += percent / 100;
            }
        }

        var account = root.TryGetProperty("account", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString()! : "default";
        return (id, account, targets);
    }
}

/// <summary>
/// Brinson–Fachler effects of one account against its strategy's target allocation. <c>PortfolioReturn</c> is the
/// linked return the effects explain; <c>AccountReturn</c> the account's return from its equity (equal to it, up to
/// floating point); <c>Linking</c> says how the daily effects were added up (Carino, or the arithmetic sum when a day
/// lost 100 %); <c>Residual</c> = active return − Σ effects.
/// </summary>
public sealed record BacktestBrinsonResult(
    string Account,
    string Strategy,
    string Linking,
    int Periods,
    double PortfolioReturn,
    double AccountReturn,
    double BenchmarkReturn,
    double ActiveReturn,
    IReadOnlyList<BacktestBrinsonSegment> Segments,
    double Residual);

/// <summary>One segment's effects (fractions of the account's starting capital), its target and its average weight.</summary>
public sealed record BacktestBrinsonSegment(string Segment, double TargetWeight, double AverageWeight, double Allocation, double Selection, double Interaction, double Total);
