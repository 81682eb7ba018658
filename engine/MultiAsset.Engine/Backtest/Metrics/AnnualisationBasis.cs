using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Backtest.Metrics;

/// <summary>
/// How period returns are formed and how many such periods make a year (the factor that annualises volatility,
/// Sharpe, Sortino, alpha, tracking error and information ratio).
/// </summary>
/// <remarks>
/// Daily conventions from the trading calendars: stocks 252 sessions a year, FX 260 (24/5: 52 weeks × 5),
/// crypto 365 (24/7). A mixed portfolio uses the class that trades on the most days (crypto &gt; FX &gt; stocks):
/// with daily periods a day is counted whenever any held class produced a sample, so the busiest calendar is
/// the one the return series actually follows. FX days roll at 17:00 New York. See docs/backtest-metrics.md.
/// </remarks>
/// <param name="Period">How returns are resampled.</param>
/// <param name="PeriodsPerYear">Number of such periods in a year (&gt; 0).</param>
public sealed record AnnualisationBasis(ReturnPeriod Period, double PeriodsPerYear)
{
    /// <summary>Trading days a year for exchange-traded stocks.</summary>
    public const double StockDaysPerYear = 252;

    /// <summary>Trading days a year for FX (24 hours, 5 days a week: 52 × 5).</summary>
    public const double ForexDaysPerYear = 260;

    /// <summary>Trading days a year for crypto (every calendar day).</summary>
    public const double CryptoDaysPerYear = 365;

    /// <summary>Daily UTC returns annualised with 252 periods (stocks).</summary>
    public static AnnualisationBasis DailyStocks { get; } = new(ReturnPeriod.DailyUtc, StockDaysPerYear);

    /// <summary>Trading days a year of one asset class's calendar.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined asset class.</exception>
    public static double DaysPerYear(AssetClass assetClass) => assetClass switch
    {
        AssetClass.Stock => StockDaysPerYear,
        AssetClass.Forex => ForexDaysPerYear,
        AssetClass.Crypto => CryptoDaysPerYear,
        _ => throw new ArgumentOutOfRangeException(nameof(assetClass), assetClass, "Unknown asset class."),
    };

    /// <summary>
    /// Daily returns annualised with the calendar of the busiest class present (the largest days-per-year among
    /// <paramref name="assetClasses"/>; stocks, 252, when the set is empty). The day rolls at 17:00 New York when FX
    /// is among the classes (<see cref="ReturnPeriod.DailyNewYork1700"/>), else at UTC midnight.
    /// </summary>
    public static AnnualisationBasis DailyFor(IEnumerable<AssetClass> assetClasses)
    {
        ArgumentNullException.ThrowIfNull(assetClasses);
        double days = 0;
        var forex = false;
        foreach (var assetClass in assetClasses)
        {
            days = Math.Max(days, DaysPerYear(assetClass));
            forex |= assetClass == AssetClass.Forex;
        }

        return new AnnualisationBasis(forex ? ReturnPeriod.DailyNewYork1700 : ReturnPeriod.DailyUtc, days == 0 ? StockDaysPerYear : days);
    }

    /// <summary>Throws when the basis cannot annualise anything.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Periods per year not finite and positive, or an unknown period.</exception>
    internal void Validate()
    {
        if (!double.IsFinite(PeriodsPerYear) || PeriodsPerYear <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(PeriodsPerYear), PeriodsPerYear, "Periods per year must be finite and positive.");
        }

        if (Period is not (ReturnPeriod.DailyUtc or ReturnPeriod.EverySample or ReturnPeriod.DailyNewYork1700))
        {
            throw new ArgumentOutOfRangeException(nameof(Period), Period, "Unknown return period.");
        }
    }
}
