using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Coordination;

/// <summary>
/// What coordination reads of the accounts to size orders inside the risk limits: equity (through
/// <see cref="IAccountCapital"/>), the latest marks, FX conversion of quote-currency amounts into the account's base
/// currency, filled exposures and available cash. The same quantities the pre-trade gate reads through its own view
/// (<c>Risk.IRiskAccountView</c>), so both judge an order alike.
/// </summary>
/// <remarks>
/// <para><b>Threading.</b> Read in place on the coordination stage's thread, per sizing intent and per order: exact when
/// the accounts stage runs on the same thread (the default fused layout), as for <see cref="IAccountCapital"/>. On
/// separate threads it is a racy read of another stage's state (sizes may then be judged on marks a little older or
/// newer than the gate's; the gate still decides).</para>
/// <para><b>Hot path.</b> No allocation, no exceptions, deterministic functions of the processed events.</para>
/// <para><b>Units.</b> Money in the account's base currency except the argument of <see cref="TryToBase"/>.</para>
/// </remarks>
public interface ICoordinationAccountView : IAccountCapital
{
    /// <summary>The latest mid (mark) of <paramref name="instrument"/> in its quote currency; false before the first.</summary>
    bool TryMark(InstrumentId instrument, out Price mark);

    /// <summary>
    /// Converts <paramref name="quoteAmount"/>, in the quote currency of <paramref name="instrument"/>, into the base
    /// currency of <paramref name="account"/> at the live FX rate; false when there is no rate yet.
    /// </summary>
    bool TryToBase(AccountId account, InstrumentId instrument, Money quoteAmount, out Money baseAmount);

    /// <summary>Gross exposure (Σ |position| × mark, base currency) of the account's filled positions in <paramref name="assetClass"/>.</summary>
    Money ExposureOf(AccountId account, AssetClass assetClass);

    /// <summary>Gross exposure of all the account's filled positions (base currency).</summary>
    Money GrossExposure(AccountId account);

    /// <summary>Cash the account can spend (base currency), as the gate reads it for cash-only accounts.</summary>
    Money AvailableCash(AccountId account);
}
