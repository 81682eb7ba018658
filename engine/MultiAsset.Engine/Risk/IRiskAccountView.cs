using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Risk;

/// <summary>
/// The read-only view of one engine's accounts that the pre-trade risk gate and the stop-loss monitor need. It is
/// implemented by an adapter over the account book; the gate never writes through it.
/// </summary>
/// <remarks>
/// <para><b>Units.</b> Every <see cref="Money"/> is in the account's base currency, marked at the current mids
/// (the same mids the gate is given), except the argument of <see cref="TryToBase"/>. Exposures are gross
/// (absolute) notionals, never netted across instruments. Quantities are signed positions or unsigned working
/// quantities.</para>
/// <para><b>Working orders.</b> The gate's post-trade checks assume every working (accepted, not yet filled) order
/// may still fill, so the view must report them: <see cref="WorkingBuy"/>/<see cref="WorkingSell"/> per instrument
/// and <see cref="WorkingExposure"/> per asset class. Reporting more than is really working is safe (the gate only
/// rejects more); reporting less is not.</para>
/// <para><b>Performance.</b> The gate is generic over the view type, so implement it as a <c>readonly struct</c>
/// holding a reference to the book: the JIT then specialises and inlines every call, and <c>in</c> parameters do
/// not make defensive copies. Every member is called on the risk stage's thread, per order, and must not allocate.</para>
/// </remarks>
public interface IRiskAccountView
{
    /// <summary>The filled position of <paramref name="account"/> in <paramref name="instrument"/> (negative = short).</summary>
    Quantity Position(AccountId account, InstrumentId instrument);

    /// <summary>Unfilled quantity (≥ 0) of the account's working buy orders in the instrument.</summary>
    Quantity WorkingBuy(AccountId account, InstrumentId instrument);

    /// <summary>Unfilled quantity (≥ 0) of the account's working sell orders in the instrument.</summary>
    Quantity WorkingSell(AccountId account, InstrumentId instrument);

    /// <summary>Equity of the account: cash plus positions marked at the current mids.</summary>
    Money Equity(AccountId account);

    /// <summary>Gross exposure of the account's filled positions: Σ |position| × mid over every instrument.</summary>
    Money GrossExposure(AccountId account);

    /// <summary>Gross exposure of the account's filled positions in one asset class.</summary>
    Money ExposureOf(AccountId account, AssetClass assetClass);

    /// <summary>
    /// Gross notional (≥ 0) of the account's working orders in one asset class: Σ unfilled quantity × mid. An upper
    /// bound on the exposure those orders can add is enough (see the remarks of <see cref="IRiskAccountView"/>).
    /// </summary>
    Money WorkingExposure(AccountId account, AssetClass assetClass);

    /// <summary>Cash the account can still spend: cash less what its working buy orders have reserved (cash accounts).</summary>
    Money AvailableCash(AccountId account);

    /// <summary>Profit (positive) or loss (negative) since the start of the account's trading day, realised plus unrealised.</summary>
    Money DailyPnl(AccountId account);

    /// <summary>How far equity is below its peak, as a fraction of the peak: 0 at a new high, 0.2 when 20 % down.</summary>
    double Drawdown(AccountId account);

    /// <summary>
    /// The drawdown of one asset class's sleeve: how far the class's cumulative P&amp;L is below its peak, as a fraction
    /// of the account's peak equity (0 when the class has never lost from a high).
    /// </summary>
    double Drawdown(AccountId account, AssetClass assetClass);

    /// <summary>Entry cost (≥ 0) of the account's open positions in the class: Σ |position| × average entry price; 0 when flat.</summary>
    Money CostBasis(AccountId account, AssetClass assetClass);

    /// <summary>Unrealised P&amp;L of the account's open positions in the class at the current mids (negative = loss).</summary>
    Money UnrealizedPnl(AccountId account, AssetClass assetClass);

    /// <summary>
    /// Converts <paramref name="quoteAmount"/>, an amount in the quote currency of <paramref name="instrument"/>, into
    /// the base currency of <paramref name="account"/> at the current FX rate. Returns <see langword="false"/> when there
    /// is no rate yet (the gate then rejects with <c>NoPrice</c>).
    /// </summary>
    bool TryToBase(AccountId account, InstrumentId instrument, Money quoteAmount, out Money baseAmount);

    /// <summary>
    /// The current mark of <paramref name="instrument"/> in its quote currency (the price positions are valued at); false
    /// before the first price. Used for the per-strategy exposures and P&amp;L of <see cref="Strategies.StrategyRiskBook"/>.
    /// </summary>
    bool TryGetMark(InstrumentId instrument, out Price mark);
}
