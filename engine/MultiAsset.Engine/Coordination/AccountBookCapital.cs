using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Portfolio.Accounts;

namespace MultiAsset.Engine.Coordination;

/// <summary>
/// Account capital, marks, FX rates and exposures read from the account book (equity in the account's base currency),
/// in place: exact when the accounts stage runs on the same thread as coordination (the default fused layout). See
/// <see cref="ICoordinationAccountView"/> for the threading rule.
/// </summary>
public sealed class AccountBookCapital : ICoordinationAccountView
{
    private readonly AccountBook book;
    private readonly CurrencyId[] quoteOf;

    /// <summary>Creates the view, resolving each instrument's quote currency once.</summary>
    public AccountBookCapital(AccountBook book)
    {
        ArgumentNullException.ThrowIfNull(book);
        this.book = book;
        quoteOf = [.. book.Catalog.Instruments.Select(i => book.Currencies.TryGet(i.QuoteCurrency, out var id) ? id : CurrencyId.None)];
    }

    /// <inheritdoc />
    public Money Equity(AccountId account) => book.Equity(account);

    /// <inheritdoc />
    public bool TryMark(InstrumentId instrument, out Price mark)
    {
        if ((uint)instrument.Value >= (uint)quoteOf.Length)
        {
            mark = default;
            return false;
        }

        return book.TryGetMark(instrument, out mark) && mark.Raw > 0;
    }

    /// <inheritdoc />
    public bool TryToBase(AccountId account, InstrumentId instrument, Money quoteAmount, out Money baseAmount)
    {
        if ((uint)instrument.Value >= (uint)quoteOf.Length || !quoteOf[instrument.Value].IsValid)
        {
            baseAmount = default;
            return false;
        }

        return book.Rates.TryConvert(quoteAmount, quoteOf[instrument.Value], book.BaseCurrency(account), out baseAmount);
    }

    /// <inheritdoc />
    public Money ExposureOf(AccountId account, AssetClass assetClass) => book.ExposureByAssetClass(account, assetClass).Gross;

    /// <inheritdoc />
    public Money GrossExposure(AccountId account) => book.GrossExposure(account);

    /// <inheritdoc />
    public Money AvailableCash(AccountId account) => Money.FromRaw(book.Cash(account, book.BaseCurrency(account)).Raw - book.OpenOrderExposure(account).Raw);
}
