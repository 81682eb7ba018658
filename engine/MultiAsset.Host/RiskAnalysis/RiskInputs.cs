using System.Text.Json.Serialization;

namespace MultiAsset.Host.RiskAnalysis;

/// <summary>
/// What the risk analytics need, copied out of the stages on the engine thread between two input events
/// (<see cref="RiskInputsCapture"/>), so VaR, stress and hedging run afterwards on a control-plane thread and never hold
/// the engine. A read: never journalled, changes nothing.
/// </summary>
/// <param name="AsOfNanoseconds">Event time of the copy (the accounts' last market or execution event), Unix nanoseconds.</param>
/// <param name="Universe">The live covariance matrix's instruments, in its row order.</param>
/// <param name="Covariance">EWMA covariance (λ) of the per-interval log returns, n×n row-major.</param>
/// <param name="LongRunCovariance">The slow EWMA (λ_long) of the same returns, n×n row-major.</param>
/// <param name="CovarianceUpdates">Intervals folded into the matrices so far.</param>
/// <param name="IntervalSeconds">The matrices' bar clock: returns are per this many seconds of event time.</param>
/// <param name="Lambda">Decay of <paramref name="Covariance"/>.</param>
/// <param name="LongRunLambda">Decay of <paramref name="LongRunCovariance"/>.</param>
/// <param name="Accounts">The accounts asked for.</param>
public sealed record RiskInputs(
    long AsOfNanoseconds,
    IReadOnlyList<RiskUniverseInstrument> Universe,
    double[] Covariance,
    double[] LongRunCovariance,
    long CovarianceUpdates,
    double IntervalSeconds,
    double Lambda,
    double LongRunLambda,
    IReadOnlyList<AccountRiskInputs> Accounts)
{
    /// <summary>Instruments in the matrices.</summary>
    [JsonIgnore]
    public int Size => Universe.Count;

    /// <summary>Row of each symbol in the matrices (built on first use; the inputs never change).</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, int> Slots => slots ??= Universe.Select((u, i) => (u.Symbol, i)).ToDictionary(x => x.Symbol, x => x.i, StringComparer.Ordinal);

    private Dictionary<string, int>? slots;

    /// <summary>The variance of <paramref name="symbol"/>'s per-interval return (live matrix); it must be in the universe.</summary>
    public double Variance(string symbol) => Covariance[(Slots[symbol] * Size) + Slots[symbol]];

    /// <summary>The rows and columns of <paramref name="matrix"/> (n×n over the universe) for <paramref name="symbols"/>, in that order; every symbol must be in the universe.</summary>
    public double[] SubMatrix(double[] matrix, IReadOnlyList<string> symbols)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(symbols);
        var rows = symbols.Select(s => Slots[s]).ToArray();
        var k = rows.Length;
        var result = new double[k * k];
        for (var a = 0; a < k; a++)
        {
            for (var b = 0; b < k; b++)
            {
                result[(a * k) + b] = matrix[(rows[a] * Size) + rows[b]];
            }
        }

        return result;
    }

    /// <summary>
    /// The same inputs over <paramref name="symbols"/> only (in that order; the accounts are kept); false with the
    /// first symbol that is not in the universe.
    /// </summary>
    public bool TrySubset(IReadOnlyList<string> symbols, out RiskInputs subset, out string missing)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        subset = this;
        missing = symbols.FirstOrDefault(s => !Slots.ContainsKey(s)) ?? string.Empty;
        if (missing.Length > 0)
        {
            return false;
        }

        subset = this with
        {
            Universe = [.. symbols.Select(s => Universe[Slots[s]])],
            Covariance = SubMatrix(Covariance, symbols),
            LongRunCovariance = SubMatrix(LongRunCovariance, symbols),
        };
        subset.slots = null;
        return true;
    }
}

/// <summary>An instrument of the covariance universe.</summary>
/// <param name="Symbol">Symbol.</param>
/// <param name="AssetClass">STOCK, FOREX or CRYPTO.</param>
/// <param name="Currency">Quote currency (what its price is in).</param>
/// <param name="Mark">Last mark in the quote currency (null before the first).</param>
/// <param name="LotSize">Smallest tradable quantity step.</param>
public sealed record RiskUniverseInstrument(string Symbol, string AssetClass, string Currency, decimal? Mark = null, decimal? LotSize = null);

/// <summary>One account's holdings and limits, valued in its base currency at the book's marks and FX rates.</summary>
/// <param name="Account">Account id.</param>
/// <param name="BaseCurrency">Currency of every amount below.</param>
/// <param name="Equity">Cash plus positions.</param>
/// <param name="GrossExposure">Σ |exposure|.</param>
/// <param name="Drawdown">Fraction below peak equity now.</param>
/// <param name="Positions">Open positions.</param>
/// <param name="Cash">Balances by currency (non-zero ones).</param>
/// <param name="Limits">The account's limits from the risk configuration.</param>
/// <param name="UsdPerBase">US dollars per unit of the base currency (to add accounts up for the firm; null without a rate).</param>
/// <param name="BasePerUnit">Base currency per unit of each currency the universe is quoted in (absent without a rate).</param>
public sealed record AccountRiskInputs(
    string Account,
    string BaseCurrency,
    decimal Equity,
    decimal GrossExposure,
    double Drawdown,
    IReadOnlyList<PositionRiskInput> Positions,
    IReadOnlyList<CashRiskInput> Cash,
    AccountLimitsInput Limits,
    decimal? UsdPerBase,
    IReadOnlyDictionary<string, decimal>? BasePerUnit = null);

/// <summary>An open position.</summary>
/// <param name="Symbol">Instrument.</param>
/// <param name="AssetClass">STOCK, FOREX or CRYPTO.</param>
/// <param name="Currency">Quote currency.</param>
/// <param name="Quantity">Signed quantity (negative = short).</param>
/// <param name="Mark">Last mark in the quote currency (null before the first).</param>
/// <param name="Exposure">Quantity × mark in the base currency (signed): what VaR is taken on.</param>
/// <param name="FxToBase">Base currency per unit of the quote currency (1 for the base currency itself).</param>
/// <param name="InUniverse">Whether the instrument is in the covariance matrix (outside it, no VaR can be computed for it).</param>
public sealed record PositionRiskInput(string Symbol, string AssetClass, string Currency, decimal Quantity, decimal? Mark, decimal Exposure, decimal FxToBase, bool InUniverse);

/// <summary>A cash balance.</summary>
/// <param name="Currency">Currency.</param>
/// <param name="Amount">Balance in that currency.</param>
/// <param name="InBase">The balance in the base currency.</param>
public sealed record CashRiskInput(string Currency, decimal Amount, decimal InBase);

/// <summary>The account's configured limits (fractions, not percents; null = unlimited).</summary>
/// <param name="MaxLeverage">Gross exposure ÷ equity.</param>
/// <param name="MaxDrawdown">Fraction below peak equity.</param>
/// <param name="DailyLossLimit">Loss in the base currency since the day's start.</param>
/// <param name="AssetClasses">The seed's <c>assetClassLimits</c>, by class.</param>
public sealed record AccountLimitsInput(double? MaxLeverage, double? MaxDrawdown, decimal? DailyLossLimit, IReadOnlyDictionary<string, AssetClassLimitsInput> AssetClasses);

/// <summary>The seed's <c>assetClassLimits[class]</c>, as fractions (null = unlimited).</summary>
/// <param name="MaxAllocation">Exposure of the class ÷ equity.</param>
/// <param name="MaxDrawdown">Drawdown of the class sleeve.</param>
/// <param name="MaxLeverage">Exposure of the class ÷ equity, as a multiple.</param>
/// <param name="StopLossThreshold">Loss of the class ÷ its basis at which it is closed.</param>
public sealed record AssetClassLimitsInput(double? MaxAllocation, double? MaxDrawdown, double? MaxLeverage, double? StopLossThreshold);
