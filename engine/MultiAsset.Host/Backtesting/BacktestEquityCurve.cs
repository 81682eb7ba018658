using System.Globalization;

namespace MultiAsset.Host.Backtesting;

/// <summary>
/// The portfolio's equity curve of a finished run, from its <c>equity.csv</c> (one row per account per sample): the
/// accounts' equity summed per sample time — only when they share one base currency (<see cref="BacktestResult.Portfolio"/>
/// is not null), since a sum across currencies means nothing. At most <c>maxPoints</c> points: every k-th sample and
/// the last, so the drawdown a chart shows is the curve's, thinned evenly.
/// </summary>
internal static class BacktestEquityCurve
{
    public static IReadOnlyList<(string Time, decimal Equity)>? Read(BacktestResult result, int maxPoints = 2_000)
    {
        var path = Path.Combine(result.Output, "equity.csv");
        if (result.Portfolio is null || !File.Exists(path))
        {
            return null;
        }

        var sums = new List<(string Time, decimal Equity)>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var cells = line.Split(',');
            if (cells.Length < 3 || !decimal.TryParse(cells[2], NumberStyles.Number, CultureInfo.InvariantCulture, out var equity))
            {
                continue;
            }

            if (sums.Count > 0 && sums[^1].Time == cells[0])
            {
                sums[^1] = (cells[0], sums[^1].Equity + equity);
            }
            else
            {
                sums.Add((cells[0], equity));
            }
        }

        if (sums.Count <= maxPoints)
        {
            return sums;
        }

        var step = (sums.Count + maxPoints - 2) / (maxPoints - 1);
        var thinned = sums.Where((_, i) => i % step == 0).ToList();
        if (thinned[^1] != sums[^1])
        {
            thinned.Add(sums[^1]);
        }

        return thinned;
    }
}
