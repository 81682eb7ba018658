using System.Globalization;
using System.Text;
using System.Text.Json;
using MultiAsset.Engine.Backtest.Metrics;
using MultiAsset.Engine.Model;

namespace MultiAsset.Host.Backtesting.Sweeps;

/// <summary>
/// The stitched out-of-sample equity of a walk-forward: each window's out-of-sample curve (the sum of its accounts'
/// equity.csv rows at each time) is turned into returns on its own first sample and compounded onto the previous
/// windows', starting from the first window's first equity. Its metrics come from <see cref="PerformanceCalculator"/>.
/// </summary>
public static class WalkForwardEquity
{
    /// <summary>The stitched samples: (time, window label, equity).</summary>
    public static IReadOnlyList<(long TimeNs, string Window, decimal Equity)> Stitch(IEnumerable<(string Window, string RunFolder)> windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var stitched = new List<(long, string, decimal)>();
        decimal? chain = null;
        foreach (var (window, folder) in windows)
        {
            var curve = ReadCurve(Path.Combine(folder, "equity.csv"));
            if (curve.Count == 0 || curve[0].Equity <= 0)
            {
                continue;
            }

            var start = curve[0].Equity;
            chain ??= start;
            foreach (var (time, equity) in curve)
            {
                stitched.Add((time, window, Math.Round(chain.Value * equity / start, 8, MidpointRounding.AwayFromZero)));
            }

            chain = chain.Value * curve[^1].Equity / start;
        }

        return stitched;
    }

    /// <summary>Metrics of the stitched curve (null when it is empty), with the out-of-sample runs' annualisation basis.</summary>
    public static PerformanceMetrics? Metrics(IReadOnlyList<(long TimeNs, string Window, decimal Equity)> stitched, AnnualisationBasis basis, double riskFreeRate)
    {
        ArgumentNullException.ThrowIfNull(stitched);
        if (stitched.Count == 0)
        {
            return null;
        }

        var samples = stitched.Select(s => new EquitySample(s.TimeNs, Money.FromDecimal(s.Equity))).ToArray();
        return PerformanceCalculator.Compute(new PerformanceInput { Equity = samples, Basis = basis, RiskFreeRate = riskFreeRate });
    }

    /// <summary>The annualisation basis a run's result.json reports (portfolio, else first account), or daily stocks.</summary>
    public static AnnualisationBasis BasisOf(string runFolder)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(runFolder, SweepResultFile.FileName)));
            var root = document.RootElement;
            var book = root.TryGetProperty("portfolio", out var p) && p.ValueKind == JsonValueKind.Object ? p : root.GetProperty("accounts")[0];
            var basis = book.GetProperty("metrics").GetProperty("basis");
            return new AnnualisationBasis(Enum.Parse<ReturnPeriod>(basis.GetProperty("period").GetString()!), basis.GetProperty("periodsPerYear").GetDouble());
        }
        catch (Exception ex) when (ex is IOException or JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            return AnnualisationBasis.DailyStocks;
        }
    }

    /// <summary>Writes walkforward-equity.csv: <c>time,window,equity</c>.</summary>
    public static void Write(string path, IReadOnlyList<(long TimeNs, string Window, decimal Equity)> stitched)
    {
        ArgumentNullException.ThrowIfNull(stitched);
        var text = new StringBuilder("time,window,equity\n");
        foreach (var (time, window, equity) in stitched)
        {
            text.Append(CultureInfo.InvariantCulture, $"{BacktestResultBuilder.Time(time)},{window},{equity}\n");
        }

        SweepTableWriter.Replace(path, text.ToString());
    }

    /// <summary>equity.csv summed over accounts at each time, in file order.</summary>
    private static List<(long Time, decimal Equity)> ReadCurve(string path)
    {
        var curve = new List<(long, decimal)>();
        if (!File.Exists(path))
        {
            return curve;
        }

        string? lastText = null;
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var fields = line.Split(',');
            if (fields.Length < 3)
            {
                continue;
            }

            var equity = decimal.Parse(fields[2], CultureInfo.InvariantCulture);
            if (fields[0] == lastText)
            {
                curve[^1] = (curve[^1].Item1, curve[^1].Item2 + equity);
                continue;
            }

            var instant = DateTimeOffset.Parse(fields[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
            curve.Add(((instant.UtcTicks - DateTime.UnixEpoch.Ticks) * 100, equity));
            lastText = fields[0];
        }

        return curve;
    }
}
