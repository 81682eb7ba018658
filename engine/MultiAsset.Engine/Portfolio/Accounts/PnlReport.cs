using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Portfolio.Accounts;

/// <summary>
/// An account's P&amp;L since its start, decomposed exactly in its base currency (see AccountBook.Pnl and docs/pnl.md):
/// <c>EquityChange = Realised + Unrealised + FxTranslation − Fees</c> to the unit, and each of Realised, Unrealised,
/// Fees is the sum of the strategies' (rows'); FxTranslation = Σ strategies' FX + FxInitialBalances + FxRounding.
/// </summary>
public sealed record AccountPnl
{
    /// <summary>Dense id.</summary>
    public required AccountId Account { get; init; }

    /// <summary>The currency every amount here is in.</summary>
    public required string BaseCurrency { get; init; }

    /// <summary>False until the account could first be valued completely (nothing is measured before that).</summary>
    public required bool Started { get; init; }

    /// <summary>False while a balance or position lacks an FX rate (equity leaves it out).</summary>
    public required bool FullyPriced { get; init; }

    /// <summary>Equity at the start (the first complete valuation).</summary>
    public required Money StartEquity { get; init; }

    /// <summary>Equity now.</summary>
    public required Money Equity { get; init; }

    /// <summary>Equity − start equity.</summary>
    public required Money EquityChange { get; init; }

    /// <summary>Σ realised gains (before fees), each at the rates of its fill.</summary>
    public required Money Realised { get; init; }

    /// <summary>Σ unrealised P&amp;L of open positions at current rates.</summary>
    public required Money Unrealised { get; init; }

    /// <summary>Σ fees, each at the rates of its fill.</summary>
    public required Money Fees { get; init; }

    /// <summary>FX translation: strategies' + initial balances' + rounding.</summary>
    public required Money FxTranslation { get; init; }

    /// <summary>Revaluation of the initial balances since the start (non-base currencies only).</summary>
    public required Money FxInitialBalances { get; init; }

    /// <summary>Conversion rounding (sums of conversions versus conversions of sums), and anything booked before the start or without a rate.</summary>
    public required Money FxRounding { get; init; }

    /// <summary>Realised + Unrealised + FxTranslation − Fees (= EquityChange).</summary>
    public required Money Total { get; init; }

    /// <summary>By asset class (sum of the strategies'; FX of initial balances and rounding is in no class).</summary>
    public required IReadOnlyList<PnlByAssetClass> ByAssetClass { get; init; }

    /// <summary>One row per strategy that traded or had orders reported, then the account's own row (Strategy = None: operator orders) when it has any.</summary>
    public required IReadOnlyList<StrategyPnl> Strategies { get; init; }
}

/// <summary>One strategy's P&amp;L in its account (base currency), with the counters the accounts stage saw for it.</summary>
public sealed record StrategyPnl
{
    /// <summary>The strategy (<see cref="StrategyId.None"/> for the account's operator orders).</summary>
    public required StrategyId Strategy { get; init; }

    /// <summary>The strategy's document id (filled in by the host); "(operator)" for the account's own row.</summary>
    public string? Name { get; init; }

    /// <summary>The account's key.</summary>
    public required string Account { get; init; }

    /// <summary>Base currency of the account.</summary>
    public required string BaseCurrency { get; init; }

    /// <summary>Realised gains before fees, at the rates of each fill.</summary>
    public required Money Realised { get; init; }

    /// <summary>Unrealised P&amp;L at current rates.</summary>
    public required Money Unrealised { get; init; }

    /// <summary>Fees at the rates of each fill.</summary>
    public required Money Fees { get; init; }

    /// <summary>Revaluation of the realised P&amp;L net of fees held in non-base quote currencies since booked.</summary>
    public required Money FxTranslation { get; init; }

    /// <summary>Realised + Unrealised + FxTranslation − Fees.</summary>
    public required Money Total { get; init; }

    /// <summary>Fills booked.</summary>
    public required long Fills { get; init; }

    /// <summary>Child orders the venues acknowledged or rejected, plus parent orders the risk gate refused.</summary>
    public required long Orders { get; init; }

    /// <summary>Child orders a venue rejected plus parent orders the risk gate refused.</summary>
    public required long Refusals { get; init; }

    /// <summary>Parent orders the risk gate refused.</summary>
    public required long RiskRefusals { get; init; }

    /// <summary>Child orders a venue rejected.</summary>
    public required long VenueRejects { get; init; }

    /// <summary>By asset class.</summary>
    public required IReadOnlyList<PnlByAssetClass> ByAssetClass { get; init; }

    /// <summary>By instrument (those with a position or any P&amp;L), in instrument-id order.</summary>
    public required IReadOnlyList<InstrumentPnl> Instruments { get; init; }
}

/// <summary>P&amp;L of one asset class (base currency).</summary>
public sealed record PnlByAssetClass(AssetClass AssetClass, Money Realised, Money Unrealised, Money Fees, Money FxTranslation, Money Total);

/// <summary>One instrument of a strategy: position and local figures in <see cref="QuoteCurrency"/>, P&amp;L in the base currency.</summary>
public sealed record InstrumentPnl
{
    /// <summary>Symbol.</summary>
    public required string Symbol { get; init; }

    /// <summary>Asset class.</summary>
    public required AssetClass AssetClass { get; init; }

    /// <summary>Quote currency (the currency of Price, CostBasis, MarketValue and the *Local amounts).</summary>
    public required string QuoteCurrency { get; init; }

    /// <summary>The currency bought or sold: the pair's base currency, or the quote currency for a stock.</summary>
    public required string BaseAsset { get; init; }

    /// <summary>Signed position.</summary>
    public required Quantity Position { get; init; }

    /// <summary>Average cost (quote currency); zero when flat.</summary>
    public required Price AverageCost { get; init; }

    /// <summary>Cost basis (quote currency), signed like the position.</summary>
    public required Money CostBasis { get; init; }

    /// <summary>Last mark (quote currency); null before the first.</summary>
    public required Price? Mark { get; init; }

    /// <summary>Position × mark (quote currency; the cost basis before the first mark).</summary>
    public required Money MarketValue { get; init; }

    /// <summary>Market value − cost basis (quote currency).</summary>
    public required Money UnrealisedLocal { get; init; }

    /// <summary>Realised net of fees (quote currency).</summary>
    public required Money RealisedLocal { get; init; }

    /// <summary>Position value in the account's base currency at current rates (a pair: its bought currency at the FX rate); null without a rate.</summary>
    public required Money? BaseValue { get; init; }

    /// <summary>Realised before fees, base currency at the rates of each fill.</summary>
    public required Money Realised { get; init; }

    /// <summary>Unrealised, base currency at current rates.</summary>
    public required Money Unrealised { get; init; }

    /// <summary>Fees, base currency at the rates of each fill.</summary>
    public required Money Fees { get; init; }

    /// <summary>conv_now(RealisedLocal) − (Realised − Fees).</summary>
    public required Money FxTranslation { get; init; }

    /// <summary>Realised + Unrealised + FxTranslation − Fees.</summary>
    public required Money Total { get; init; }
}
