using MultiAsset.Host.RiskAnalysis;

namespace MultiAsset.Host.Backtesting;

/// <summary>
/// Takes a one-day VaR forecast of every account at each UTC day boundary of event time, on the engine thread, so a
/// backtest can test the engine's own VaR against the P&amp;L it then made (<see cref="BacktestVaRBacktest"/>).
/// </summary>
/// <remarks>
/// A boundary is the first event of a new UTC calendar day (and the run's first event): the state read is that of
/// every event before it — the close of the previous day. Per account it keeps the equity, the forecast (the live
/// desk's parametric VaR on the positions and covariance of that moment, <see cref="LiveRiskAnalysis"/>, horizon one
/// day = 86 400 s of event time over the covariance interval) and each position's exposure and mark, so the next
/// boundary can price them again. It only reads the stages; it changes nothing the digests see. Days without events
/// (a weekend in a stocks-only run) have no boundary: that day's P&amp;L falls in the next observation.
/// </remarks>
internal sealed class BacktestVaRForecaster(EngineStages stages, double confidence)
{
    private const long NanosPerDay = 86_400_000_000_000;
    private readonly List<VaRDayMark> marks = [];
    private long day = long.MinValue;

    /// <summary>The confidence of every forecast.</summary>
    public double Confidence => confidence;

    /// <summary>One mark per boundary, oldest first.</summary>
    public IReadOnlyList<VaRDayMark> Marks => marks;

    /// <summary>Called before each market-data or execution event enters the stages.</summary>
    public void Observe(long timestamp)
    {
        var today = Math.DivRem(timestamp, NanosPerDay, out var rest) - (rest < 0 ? 1 : 0);
        if (today == day)
        {
            return;
        }

        day = today;
        marks.Add(Mark(today * NanosPerDay));
    }

    private VaRDayMark Mark(long time)
    {
        var book = stages.Accounts.Book;
        var inputs = RiskInputsCapture.Capture(stages, Enumerable.Range(0, book.AccountCount));
        var options = new LiveRiskParameters(Engine.Risk.Analytics.Measures.VaRMethod.Parametric, confidence, TimeSpan.FromDays(1)).Options(inputs.IntervalSeconds);
        var universeMarks = inputs.Universe.Where(u => u.Mark is not null).ToDictionary(u => u.Symbol, u => u.Mark!.Value, StringComparer.Ordinal);
        var accounts = new List<VaRAccountMark>(inputs.Accounts.Count);
        foreach (var held in inputs.Accounts)
        {
            var modelled = held.Positions.Where(p => p.InUniverse && p.Exposure != 0 && p.Mark is > 0)
                .Select(p => new VaRPositionMark(p.Symbol, p.Exposure, p.Mark!.Value)).ToList();
            double? forecast;
            string? note = null;
            if (modelled.Count == 0)
            {
                forecast = 0;                        // flat (in the universe): the static book cannot lose
            }
            else
            {
                var (risk, why) = LiveRiskAnalysis.MeasureAccount(held, inputs, options);
                forecast = risk?.TotalVaR;
                note = why;
            }

            var unmodelled = held.Positions.Count(p => p.Exposure != 0 && !(p.InUniverse && p.Mark is > 0));
            accounts.Add(new VaRAccountMark(held.Account, held.BaseCurrency, held.Equity, forecast, note, modelled, unmodelled));
        }

        return new VaRDayMark(time, accounts, universeMarks);
    }
}

/// <summary>The state at one day boundary.</summary>
/// <param name="Time">The boundary: midnight UTC, ns since the epoch.</param>
/// <param name="Accounts">Per account.</param>
/// <param name="Marks">The last mark of every instrument in the covariance universe that had one.</param>
internal sealed record VaRDayMark(long Time, IReadOnlyList<VaRAccountMark> Accounts, IReadOnlyDictionary<string, decimal> Marks);

/// <summary>One account at a boundary.</summary>
/// <param name="Account">Its name.</param>
/// <param name="Currency">Its base currency.</param>
/// <param name="Equity">Equity in the base currency.</param>
/// <param name="ValueAtRisk">One-day VaR in the base currency (null when it could not be taken: see <paramref name="Note"/>).</param>
/// <param name="Note">Why there is no forecast.</param>
/// <param name="Positions">The positions the forecast covers.</param>
/// <param name="Unmodelled">Open positions outside the covariance universe or without a mark (not in the forecast).</param>
internal sealed record VaRAccountMark(string Account, string Currency, decimal Equity, double? ValueAtRisk, string? Note, IReadOnlyList<VaRPositionMark> Positions, int Unmodelled);

/// <summary>A position the forecast covers: its base-currency exposure and its mark in the quote currency.</summary>
internal sealed record VaRPositionMark(string Symbol, decimal Exposure, decimal Mark);
