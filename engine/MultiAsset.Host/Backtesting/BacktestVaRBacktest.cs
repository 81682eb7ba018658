using MultiAsset.Engine.Risk.Analytics.Measures;

namespace MultiAsset.Host.Backtesting;

/// <summary>
/// The engine's own one-day VaR tested against the P&amp;L that followed, per account (<c>varBacktest</c> in
/// result.json; docs/backtest.md). Day k runs from boundary k to boundary k + 1 (<see cref="BacktestVaRForecaster"/>);
/// its forecast is the one taken at boundary k. Two P&amp;L series are tested, as Basel's backtesting does:
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><b>hypothetical</b>: the day-start positions the forecast covered, held all day: Σ exposure × (mark at the
/// next boundary ÷ mark at this one − 1). No trading, fees or FX translation: exactly the P&amp;L the model forecasts,
/// so its exceptions test the model. The Basel zone is taken on this series.</item>
/// <item><b>actual</b>: the change in the account's equity over the day — intraday trading, fees and FX translation
/// included; its exceptions test the desk.</item>
/// </list>
/// An exception is a loss larger than the forecast (−P&amp;L &gt; VaR). Days without a forecast (the covariance still
/// warming up) are left out and counted; the last, partial day (from the last boundary to the end of the data) is
/// not an observation.
/// </remarks>
public sealed record BacktestVaRBacktest
{
    /// <summary>The account.</summary>
    public required string Account { get; init; }

    /// <summary>Its base currency (VaR and P&amp;L are in it).</summary>
    public required string Currency { get; init; }

    /// <summary>parametric (the live desk's delta-normal VaR).</summary>
    public required string Method { get; init; }

    /// <summary>Confidence of the forecasts.</summary>
    public required double Confidence { get; init; }

    /// <summary>1d.</summary>
    public required string Horizon { get; init; }

    /// <summary>Days left out because no forecast could be taken.</summary>
    public required int DaysWithoutForecast { get; init; }

    /// <summary>Kupiec, Christoffersen and the Basel zone on the hypothetical P&amp;L (null with fewer than one day).</summary>
    public VaRBacktestResult? Hypothetical { get; init; }

    /// <summary>The same tests on the actual P&amp;L.</summary>
    public VaRBacktestResult? Actual { get; init; }

    /// <summary>Every observed day.</summary>
    public required IReadOnlyList<BacktestVaRDay> Days { get; init; }

    /// <summary>Why there are no tests, when there are none.</summary>
    public string? Note { get; init; }

    internal static IReadOnlyList<BacktestVaRBacktest> Build(IReadOnlyList<VaRDayMark> marks, double confidence)
    {
        var names = marks.SelectMany(m => m.Accounts.Select(a => (a.Account, a.Currency))).Distinct().ToList();
        return [.. names.Select(n => ForAccount(n.Account, n.Currency, marks, confidence))];
    }

    private static BacktestVaRBacktest ForAccount(string account, string currency, IReadOnlyList<VaRDayMark> marks, double confidence)
    {
        var days = new List<BacktestVaRDay>();
        var skipped = 0;
        for (var k = 0; k + 1 < marks.Count; k++)
        {
            var start = marks[k].Accounts.FirstOrDefault(a => a.Account == account);
            var end = marks[k + 1].Accounts.FirstOrDefault(a => a.Account == account);
            if (start?.ValueAtRisk is not double forecast || end is null)
            {
                skipped++;
                continue;
            }

            var hypothetical = 0m;
            var held = new List<BacktestVaRPosition>(start.Positions.Count);
            foreach (var p in start.Positions)
            {
                // An instrument with no mark at the next boundary has not moved (no new price).
                var next = marks[k + 1].Marks.GetValueOrDefault(p.Symbol, p.Mark);
                hypothetical += p.Exposure * ((next / p.Mark) - 1);
                held.Add(new BacktestVaRPosition(p.Symbol, p.Exposure, p.Mark, next));
            }

            // The exceptions and the tests use the figures as reported (VaR and hypothetical P&L to the cent).
            var valueAtRisk = Math.Round(forecast, 2);
            hypothetical = Math.Round(hypothetical, 2);
            var actual = end.Equity - start.Equity;
            days.Add(new BacktestVaRDay(
                DateOnly.FromDateTime(DateTime.UnixEpoch.AddTicks(marks[k].Time / 100)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                valueAtRisk, hypothetical, actual, -(double)hypothetical > valueAtRisk, -(double)actual > valueAtRisk, held));
        }

        return new BacktestVaRBacktest
        {
            Account = account,
            Currency = currency,
            Method = "parametric",
            Confidence = confidence,
            Horizon = "1d",
            DaysWithoutForecast = skipped,
            Hypothetical = days.Count == 0 ? null : VaRBacktest.Run([.. days.Select(d => (double)d.HypotheticalPnl)], [.. days.Select(d => d.ValueAtRisk)], confidence),
            Actual = days.Count == 0 ? null : VaRBacktest.Run([.. days.Select(d => (double)d.ActualPnl)], [.. days.Select(d => d.ValueAtRisk)], confidence),
            Days = days,
            Note = days.Count == 0 ? "no whole day with a forecast: a VaR backtest needs data spanning at least two UTC day boundaries after the covariance has warmed up" : null,
        };
    }
}

/// <summary>One observed day.</summary>
/// <param name="Date">The UTC day (its start is the forecast's boundary).</param>
/// <param name="ValueAtRisk">The forecast, in the base currency, rounded to the cent (the tests use this figure).</param>
/// <param name="HypotheticalPnl">Day-start positions held all day, revalued (rounded to the cent).</param>
/// <param name="ActualPnl">Change in equity over the day.</param>
/// <param name="HypotheticalException">−hypothetical P&amp;L &gt; VaR.</param>
/// <param name="ActualException">−actual P&amp;L &gt; VaR.</param>
/// <param name="Positions">The day-start positions the forecast covered.</param>
public sealed record BacktestVaRDay(string Date, double ValueAtRisk, decimal HypotheticalPnl, decimal ActualPnl, bool HypotheticalException, bool ActualException, IReadOnlyList<BacktestVaRPosition> Positions);

/// <summary>A day-start position: its base-currency exposure, its mark then and at the next boundary (quote currency).</summary>
public sealed record BacktestVaRPosition(string Symbol, decimal Exposure, decimal Mark, decimal NextMark);
