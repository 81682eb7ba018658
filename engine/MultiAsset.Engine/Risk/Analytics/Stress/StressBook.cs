using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Risk.Analytics.Stress;

/// <summary>
/// One position to revalue. Prices are in the instrument's quote currency; <see cref="QuoteToAccountRate"/> converts one
/// unit of the quote currency into the account's base currency (1 when they are the same).
/// </summary>
/// <remarks>
/// <para>A position whose <see cref="BaseCurrency"/> differs from its <see cref="QuoteCurrency"/> is a <b>pair</b> (EURUSD,
/// BTCUSD), as in the account book. A pair is valued self-financed: long q units of the base currency against −q·P of
/// the quote currency at the current price, so its current value is 0 and its stressed P&amp;L is
/// q·(P' − P)·R'(quote→account). Its exposure is |q·P·R|. Any other instrument (a stock) is valued at q·P·R and its
/// stressed P&amp;L is q·(P'·R' − P·R).</para>
/// <para>Building a book from the account book (where pair legs sit in the cash balances): for each pair position take
/// q out of the base-currency balance and add q·P (current price) to the quote-currency balance; the remaining balances
/// are <see cref="StressBook.Cash"/>. Then Σ cash·R + Σ stock values equals the book's equity exactly.</para>
/// </remarks>
public sealed record StressPosition
{
    /// <summary>Instrument symbol.</summary>
    public required string Symbol { get; init; }

    /// <summary>STOCK, FOREX or CRYPTO.</summary>
    public required AssetClass AssetClass { get; init; }

    /// <summary>Signed quantity (short &lt; 0).</summary>
    public required decimal Quantity { get; init; }

    /// <summary>Current price in the quote currency (&gt; 0).</summary>
    public required decimal Price { get; init; }

    /// <summary>Currency the price is quoted in.</summary>
    public required string QuoteCurrency { get; init; }

    /// <summary>Currency (or crypto-asset) a buy acquires; for stocks the same as the quote currency (the default).</summary>
    public string? BaseCurrency { get; init; }

    /// <summary>Value in the account's base currency of one unit of the quote currency (&gt; 0).</summary>
    public decimal QuoteToAccountRate { get; init; } = 1m;

    /// <summary>Whether this is a currency pair (base ≠ quote).</summary>
    public bool IsPair => BaseCurrency is not null && !string.Equals(BaseCurrency, QuoteCurrency, StringComparison.Ordinal);
}

/// <summary>A cash balance (not part of any pair position) in one currency.</summary>
/// <param name="Currency">Currency code.</param>
/// <param name="Amount">Balance in that currency (negative when borrowed).</param>
/// <param name="ToAccountRate">Value in the account's base currency of one unit (1 for the base currency itself).</param>
public sealed record StressCashBalance(string Currency, decimal Amount, decimal ToAccountRate);

/// <summary>The current state of one asset-class sleeve, for the class drawdown and stop-loss checks (all optional).</summary>
/// <param name="CostBasis">Entry cost (≥ 0) of the class's open positions, account base currency.</param>
/// <param name="UnrealizedPnl">Unrealised P&amp;L of the class's open positions now (negative = loss).</param>
/// <param name="Drawdown">The sleeve's drawdown now, as a fraction of the account's peak equity (see <see cref="IRiskAccountView.Drawdown(AccountId, AssetClass)"/>).</param>
public sealed record StressClassState(decimal CostBasis, decimal UnrealizedPnl, decimal Drawdown);

/// <summary>An account to stress: its positions, balances and current equity, all money in <see cref="BaseCurrency"/>.</summary>
public sealed record StressBook
{
    /// <summary>Account id or name (reported back).</summary>
    public required string Account { get; init; }

    /// <summary>The account's base (reporting) currency.</summary>
    public required string BaseCurrency { get; init; }

    /// <summary>Current equity. When null it is Σ cash values + Σ non-pair position values.</summary>
    public decimal? Equity { get; init; }

    /// <summary>Highest equity seen (for drawdown from peak); the current equity when null or lower.</summary>
    public decimal? PeakEquity { get; init; }

    /// <summary>Equity change since the start of the day (for the daily loss limit); 0 when null.</summary>
    public decimal? DailyPnl { get; init; }

    /// <summary>Positions.</summary>
    public IReadOnlyList<StressPosition> Positions { get; init; } = [];

    /// <summary>Balances net of pair legs (see <see cref="StressPosition"/>).</summary>
    public IReadOnlyList<StressCashBalance> Cash { get; init; } = [];

    /// <summary>Sleeve states by class; classes not listed have cost basis = current gross exposure, no unrealised P&amp;L, no drawdown.</summary>
    public IReadOnlyDictionary<AssetClass, StressClassState> ClassStates { get; init; } = new Dictionary<AssetClass, StressClassState>();
}
