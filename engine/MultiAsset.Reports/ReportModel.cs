namespace MultiAsset.Reports;

/// <summary>One strategy's cumulative P&amp;L series from strategies.csv.</summary>
internal sealed record StrategySeries(string Label, string Account, string Strategy, IReadOnlyList<TimedValue> Pnl);

/// <summary>
/// What the charts are drawn from: the headline curve (the portfolio, or the summed accounts of one base currency),
/// its exposures by asset class, and the strategies' P&amp;L series.
/// </summary>
internal sealed class ReportModel
{
    public required ResultsFolder Folder { get; init; }

    /// <summary>What the headline curve is, e.g. "portfolio (USD)" or "accounts in EUR: a, b".</summary>
    public required string CurveLabel { get; init; }

    public required string Currency { get; init; }

    /// <summary>A note when some accounts are left out of the headline curve (another base currency).</summary>
    public string? CurveNote { get; init; }

    public required IReadOnlyList<TimedValue> Equity { get; init; }

    public required IReadOnlyList<TimedValue> Gross { get; init; }

    public required IReadOnlyList<TimedValue> Stock { get; init; }

    public required IReadOnlyList<TimedValue> Forex { get; init; }

    public required IReadOnlyList<TimedValue> Crypto { get; init; }

    /// <summary>Periods per year of the headline book's metrics (result.json metrics.basis.periodsPerYear; 252 if absent).</summary>
    public required double PeriodsPerYear { get; init; }

    public required double RiskFreeRate { get; init; }

    public required IReadOnlyList<StrategySeries> Strategies { get; init; }

    public static ReportModel From(ResultsFolder folder)
    {
        var result = folder.Result;
        var accounts = result.Accounts ?? [];
        var currencyOf = accounts.GroupBy(a => a.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Currency, StringComparer.Ordinal);
        var inCurve = folder.Equity.Select(r => r.Account).Distinct(StringComparer.Ordinal).ToList();
        string label, currency;
        string? note = null;
        ResultBook? book;
        if (result.Portfolio is { } portfolio)
        {
            currency = portfolio.Currency;
            label = $"portfolio ({currency})";
            book = portfolio;
        }
        else
        {
            // No portfolio: the accounts' base currencies differ. Sum the currency with the most accounts.
            currency = inCurve.Select(a => currencyOf.GetValueOrDefault(a, string.Empty)).GroupBy(c => c, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).First().Key;
            var left = inCurve.Where(a => currencyOf.GetValueOrDefault(a, string.Empty) != currency).ToList();
            inCurve = inCurve.Where(a => currencyOf.GetValueOrDefault(a, string.Empty) == currency).ToList();
            label = $"accounts in {(currency.Length > 0 ? currency : "an unknown currency")}: {string.Join(", ", inCurve)}";
            if (left.Count > 0)
            {
                note = $"Not summed (another base currency): {string.Join(", ", left)}." + (result.PortfolioNote is { } why ? $" {why}" : string.Empty);
            }

            book = accounts.FirstOrDefault(a => inCurve.Contains(a.Name, StringComparer.Ordinal));
        }

        var chosen = new HashSet<string>(inCurve, StringComparer.Ordinal);
        var sums = ReportMath.SumAsOf(
            folder.Equity.Where(r => chosen.Contains(r.Account)).Select(r => (r.Time, r.Account, new[] { r.Equity, r.Gross, r.Stock, r.Forex, r.Crypto })), 5);
        List<TimedValue> Column(int i) => sums.Select(s => new TimedValue(s.Time, s.Values[i])).ToList();

        var strategies = new List<StrategySeries>();
        if (folder.Strategies is { } rows)
        {
            var groups = rows.GroupBy(r => (r.Account, r.Strategy)).ToList();
            var names = groups.GroupBy(g => g.Key.Strategy, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            foreach (var group in groups)
            {
                var (account, strategy) = group.Key;
                // A strategy name used in two accounts is told apart by its account.
                var seriesLabel = names[strategy] > 1 ? $"{strategy} ({account})" : strategy;
                strategies.Add(new StrategySeries(seriesLabel, account, strategy, group.Select(r => new TimedValue(r.Time, r.Pnl)).ToList()));
            }
        }

        var periodsPerYear = book?.Metrics?.Basis?.PeriodsPerYear is > 0 and var p ? p : 252;
        return new ReportModel
        {
            Folder = folder,
            CurveLabel = label,
            Currency = currency,
            CurveNote = note,
            Equity = Column(0),
            Gross = Column(1),
            Stock = Column(2),
            Forex = Column(3),
            Crypto = Column(4),
            PeriodsPerYear = periodsPerYear,
            RiskFreeRate = result.Settings?.RiskFreeRate ?? 0,
            Strategies = strategies,
        };
    }
}
