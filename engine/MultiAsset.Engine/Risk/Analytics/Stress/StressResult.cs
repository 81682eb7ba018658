namespace MultiAsset.Engine.Risk.Analytics.Stress;

/// <summary>
/// The stressed revaluation of one account under one scenario. Money is in <see cref="BaseCurrency"/>, rounded to
/// 10⁻⁸ per line; every total is the exact sum of its lines: <see cref="Pnl"/> = Σ instrument P&amp;L + <see cref="CashPnl"/>
/// = Σ class P&amp;L + <see cref="CashPnl"/> = Σ currency P&amp;L.
/// </summary>
public sealed record StressResult
{
    /// <summary>Scenario name.</summary>
    public required string Scenario { get; init; }

    /// <summary>historical | hypothetical | adhoc.</summary>
    public required string Kind { get; init; }

    /// <summary>Account id or name.</summary>
    public required string Account { get; init; }

    /// <summary>Currency of every amount.</summary>
    public required string BaseCurrency { get; init; }

    /// <summary>Equity before the shock.</summary>
    public required decimal EquityBefore { get; init; }

    /// <summary>Equity after the shock (= before + <see cref="Pnl"/>).</summary>
    public required decimal EquityAfter { get; init; }

    /// <summary>Total stressed P&amp;L.</summary>
    public required decimal Pnl { get; init; }

    /// <summary>P&amp;L ÷ equity before; null when equity before ≤ 0.</summary>
    public decimal? PnlFraction { get; init; }

    /// <summary>Σ |position value| before.</summary>
    public required decimal GrossExposureBefore { get; init; }

    /// <summary>Σ |position value| after.</summary>
    public required decimal GrossExposureAfter { get; init; }

    /// <summary>Gross ÷ equity before; 0 without exposure; null when there is exposure and equity ≤ 0 (unbounded).</summary>
    public decimal? LeverageBefore { get; init; }

    /// <summary>Gross ÷ equity after (same conventions).</summary>
    public decimal? LeverageAfter { get; init; }

    /// <summary>Loss as a fraction of current equity: max(0, −P&amp;L) ÷ equity before; null when equity before ≤ 0.</summary>
    public decimal? DrawdownFromCurrent { get; init; }

    /// <summary>(peak − equity after) ÷ peak, peak = max(peak equity, equity before); null when the peak ≤ 0.</summary>
    public decimal? DrawdownFromPeak { get; init; }

    /// <summary>Stressed P&amp;L of cash balances (currency moves only).</summary>
    public required decimal CashPnl { get; init; }

    /// <summary>Per position, in input order.</summary>
    public required IReadOnlyList<StressInstrumentResult> Instruments { get; init; }

    /// <summary>Per asset class with a position, in STOCK, FOREX, CRYPTO order.</summary>
    public required IReadOnlyList<StressClassResult> AssetClasses { get; init; }

    /// <summary>Per currency (an instrument's P&amp;L counts in its quote currency, a balance's in its own), ordinal order.</summary>
    public required IReadOnlyList<StressCurrencyResult> Currencies { get; init; }

    /// <summary>Per cash balance, in input order.</summary>
    public required IReadOnlyList<StressCashResult> Cash { get; init; }

    /// <summary>The limits the stressed account would breach (empty without limits or without breaches).</summary>
    public required IReadOnlyList<StressBreach> Breaches { get; init; }
}

/// <summary>One position's stressed revaluation.</summary>
public sealed record StressInstrumentResult
{
    /// <summary>Symbol.</summary>
    public required string Symbol { get; init; }

    /// <summary>STOCK | FOREX | CRYPTO.</summary>
    public required string AssetClass { get; init; }

    /// <summary>Quote currency (the currency the P&amp;L is attributed to).</summary>
    public required string Currency { get; init; }

    /// <summary>Signed quantity.</summary>
    public required decimal Quantity { get; init; }

    /// <summary>Price before, quote currency.</summary>
    public required decimal PriceBefore { get; init; }

    /// <summary>Stressed price, quote currency.</summary>
    public required decimal PriceAfter { get; init; }

    /// <summary>The price shock applied (before the currency part).</summary>
    public required decimal PriceShock { get; init; }

    /// <summary>Which rule gave the price shock: instrument | assetClass | factor | none.</summary>
    public required string ShockSource { get; init; }

    /// <summary>Total relative move of the position's value in the account currency.</summary>
    public required decimal ValueShock { get; init; }

    /// <summary>Signed exposure before (q·P·R), account currency.</summary>
    public required decimal ExposureBefore { get; init; }

    /// <summary>Signed exposure after (q·P'·R'), account currency.</summary>
    public required decimal ExposureAfter { get; init; }

    /// <summary>Stressed P&amp;L.</summary>
    public required decimal Pnl { get; init; }

    /// <summary>The part from the price move at today's rate, q·(P' − P)·R.</summary>
    public required decimal PricePnl { get; init; }

    /// <summary>The rest, from the currency conversion (<see cref="Pnl"/> − <see cref="PricePnl"/>).</summary>
    public required decimal FxPnl { get; init; }
}

/// <summary>One asset class's stressed figures.</summary>
public sealed record StressClassResult
{
    /// <summary>STOCK | FOREX | CRYPTO.</summary>
    public required string AssetClass { get; init; }

    /// <summary>Σ P&amp;L of its positions.</summary>
    public required decimal Pnl { get; init; }

    /// <summary>Σ |exposure| before.</summary>
    public required decimal GrossExposureBefore { get; init; }

    /// <summary>Σ |exposure| after.</summary>
    public required decimal GrossExposureAfter { get; init; }

    /// <summary>Gross after ÷ equity after (the allocation and class leverage checked); null when equity after ≤ 0.</summary>
    public decimal? AllocationAfter { get; init; }

    /// <summary>Sleeve drawdown after, fraction of peak equity; null when the peak ≤ 0.</summary>
    public decimal? DrawdownAfter { get; init; }

    /// <summary>Class loss after ÷ cost basis (positive = loss); null without a cost basis.</summary>
    public decimal? LossFractionAfter { get; init; }
}

/// <summary>P&amp;L attributed to one currency.</summary>
/// <param name="Currency">Currency code.</param>
/// <param name="Pnl">Stressed P&amp;L of the positions quoted in it and of its balance.</param>
/// <param name="Shock">Its move against USD.</param>
public sealed record StressCurrencyResult(string Currency, decimal Pnl, decimal Shock);

/// <summary>One balance's stressed revaluation.</summary>
/// <param name="Currency">Currency code.</param>
/// <param name="Amount">Balance in that currency.</param>
/// <param name="ValueBefore">Value in the account currency before.</param>
/// <param name="ValueAfter">Value after.</param>
/// <param name="Pnl">ValueAfter − ValueBefore.</param>
public sealed record StressCashResult(string Currency, decimal Amount, decimal ValueBefore, decimal ValueAfter, decimal Pnl);

/// <summary>A limit the stressed account would breach.</summary>
public sealed record StressBreach
{
    /// <summary><c>account</c> or <c>assetClass</c>.</summary>
    public required string Scope { get; init; }

    /// <summary>The class for class limits, else null.</summary>
    public string? AssetClass { get; init; }

    /// <summary>maxLeverage | maxDrawdown | maxGrossExposure | dailyLossLimit | maxAllocation | stopLossThreshold.</summary>
    public required string Rule { get; init; }

    /// <summary>The limit (fraction, multiple or money, as the rule).</summary>
    public required decimal Limit { get; init; }

    /// <summary>The stressed value; null when unbounded (exposure with equity ≤ 0).</summary>
    public decimal? StressedValue { get; init; }

    /// <summary>The value before the shock (same units); null when unbounded or unknown.</summary>
    public decimal? CurrentValue { get; init; }

    /// <summary>One line for people.</summary>
    public required string Message { get; init; }
}
