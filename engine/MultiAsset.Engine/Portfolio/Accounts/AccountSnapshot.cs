using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Portfolio.Accounts;

/// <summary>
/// One account's state copied out of the <see cref="AccountBook"/> for the control plane (a reply to a query event).
/// Immutable; amounts without a stated currency are in <see cref="BaseCurrency"/>.
/// </summary>
public sealed record AccountSnapshot
{
    /// <summary>Dense id.</summary>
    public required AccountId Id { get; init; }

    /// <summary>The account's id in <c>config/accounts.json</c>.</summary>
    public required string Key { get; init; }

    /// <summary>Display name.</summary>
    public required string Name { get; init; }

    /// <summary>Cash or margin.</summary>
    public required AccountType Type { get; init; }

    /// <summary>Reporting currency code.</summary>
    public required string BaseCurrency { get; init; }

    /// <summary>Maximum leverage (1 for cash accounts).</summary>
    public required decimal MaxLeverage { get; init; }

    /// <summary>UTC day (days since 1970-01-01) of the account's latest event; <see cref="long.MinValue"/> before any.</summary>
    public required long Day { get; init; }

    /// <summary>Balances at FX rates plus stock positions at marks.</summary>
    public required Money Equity { get; init; }

    /// <summary>False while a balance or position lacks an FX rate (left out of equity).</summary>
    public required bool FullyPriced { get; init; }

    /// <summary>Realised P&amp;L net of fees.</summary>
    public required Money RealisedPnl { get; init; }

    /// <summary>Unrealised P&amp;L of open positions.</summary>
    public required Money UnrealisedPnl { get; init; }

    /// <summary>Fees paid.</summary>
    public required Money Fees { get; init; }

    /// <summary>Equity change since the start of the UTC day.</summary>
    public required Money DailyPnl { get; init; }

    /// <summary>Highest equity seen.</summary>
    public required Money PeakEquity { get; init; }

    /// <summary>Peak equity − equity.</summary>
    public required Money Drawdown { get; init; }

    /// <summary>Largest drawdown seen.</summary>
    public required Money MaxDrawdown { get; init; }

    /// <summary>Σ |position value|.</summary>
    public required Money GrossExposure { get; init; }

    /// <summary>Σ position value.</summary>
    public required Money NetExposure { get; init; }

    /// <summary>Gross exposure ÷ equity; null when there is exposure but no positive equity (unbounded leverage).</summary>
    public required double? Leverage { get; init; }

    /// <summary>Gross exposure ÷ maximum leverage.</summary>
    public required Money MarginUsed { get; init; }

    /// <summary>Notional of working orders.</summary>
    public required Money OpenOrderExposure { get; init; }

    /// <summary>Equity × maximum leverage − gross exposure − open-order exposure.</summary>
    public required Money BuyingPower { get; init; }

    /// <summary>Non-zero balances, in currency-id order.</summary>
    public required IReadOnlyList<CashBalanceSnapshot> Cash { get; init; }

    /// <summary>Instruments with a position, P&amp;L, fees or working orders, in instrument-id order.</summary>
    public required IReadOnlyList<PositionSnapshot> Positions { get; init; }

    /// <summary>Exposure of each asset class, in <see cref="AssetClass"/> order.</summary>
    public required IReadOnlyList<AssetClassExposureSnapshot> ExposureByAssetClass { get; init; }

    /// <summary>
    /// P&amp;L since the start decomposed exactly (equity change = realised + unrealised + FX − fees), by strategy,
    /// asset class and instrument (docs/pnl.md). <see cref="RealisedPnl"/> and <see cref="UnrealisedPnl"/> above are
    /// the account-level average-cost figures at current rates (what the risk gate uses); this is the reconciled view.
    /// </summary>
    public AccountPnl? Pnl { get; init; }
}

/// <summary>A balance in one currency.</summary>
/// <param name="Currency">Currency code.</param>
/// <param name="Amount">The balance, in that currency.</param>
/// <param name="BaseValue">Its value in the account's base currency; null without an FX rate.</param>
public sealed record CashBalanceSnapshot(string Currency, Money Amount, Money? BaseValue);

/// <summary>The exposure of one asset class.</summary>
/// <param name="AssetClass">The class.</param>
/// <param name="Gross">Σ |position value|, base currency.</param>
/// <param name="Net">Σ position value, base currency.</param>
public sealed record AssetClassExposureSnapshot(AssetClass AssetClass, Money Gross, Money Net);

/// <summary>One instrument of an account; amounts in the instrument's quote currency.</summary>
public sealed record PositionSnapshot
{
    /// <summary>Dense instrument id.</summary>
    public required InstrumentId Instrument { get; init; }

    /// <summary>Symbol.</summary>
    public required string Symbol { get; init; }

    /// <summary>Quote currency code.</summary>
    public required string QuoteCurrency { get; init; }

    /// <summary>Position value in the account's base currency at current rates (a currency pair: the bought currency at its FX rate); null without a rate.</summary>
    public Money? BaseValue { get; init; }

    /// <summary>Signed position.</summary>
    public required Quantity Quantity { get; init; }

    /// <summary>Average entry price.</summary>
    public required Price AverageCost { get; init; }

    /// <summary>Cost basis (signed like the position).</summary>
    public required Money CostBasis { get; init; }

    /// <summary>Last mark; null before the first.</summary>
    public required Price? Mark { get; init; }

    /// <summary>Position × mark (the cost basis before the first mark).</summary>
    public required Money MarketValue { get; init; }

    /// <summary>Market value − cost basis.</summary>
    public required Money UnrealisedPnl { get; init; }

    /// <summary>Realised P&amp;L net of fees.</summary>
    public required Money RealisedPnl { get; init; }

    /// <summary>Fees paid.</summary>
    public required Money Fees { get; init; }

    /// <summary>Quantity of working buy orders.</summary>
    public required Quantity OpenBuyQuantity { get; init; }

    /// <summary>Quantity of working sell orders.</summary>
    public required Quantity OpenSellQuantity { get; init; }
}
