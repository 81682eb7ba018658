using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Portfolio.Accounts;

namespace MultiAsset.Engine.Risk;

/// <summary>
/// The risk gate's view over the account book (filled positions, cash, P&amp;L — owned by the accounts stage, read in
/// place), the risk stage's own working-order ledger, and the asset-class P&amp;L samples. A readonly struct so the
/// gate, generic over its view, is specialised and inlined for it.
/// </summary>
public readonly struct AccountBookRiskView(AccountBook book, WorkingOrders working, AssetClassPnl classes, CurrencyId[] quoteOf) : IRiskAccountView
{
    /// <summary>Creates the view, resolving each instrument's quote currency once.</summary>
    public static AccountBookRiskView Create(AccountBook book, WorkingOrders working, AssetClassPnl classes)
    {
        ArgumentNullException.ThrowIfNull(book);
        return new AccountBookRiskView(book, working, classes, [.. book.Catalog.Instruments.Select(i => book.Currencies.TryGet(i.QuoteCurrency, out var id) ? id : CurrencyId.None)]);
    }

    /// <inheritdoc />
    public Quantity Position(AccountId account, InstrumentId instrument) => book.Position(account, instrument);

    /// <inheritdoc />
    public Quantity WorkingBuy(AccountId account, InstrumentId instrument) => working.Buy(account, instrument);

    /// <inheritdoc />
    public Quantity WorkingSell(AccountId account, InstrumentId instrument) => working.Sell(account, instrument);

    /// <inheritdoc />
    public Money Equity(AccountId account) => book.Equity(account);

    /// <inheritdoc />
    public Money GrossExposure(AccountId account) => book.GrossExposure(account);

    /// <inheritdoc />
    public Money ExposureOf(AccountId account, AssetClass assetClass) => book.ExposureByAssetClass(account, assetClass).Gross;

    /// <inheritdoc />
    public Money WorkingExposure(AccountId account, AssetClass assetClass)
    {
        long total = 0;
        var instruments = book.Catalog.OfClass(assetClass);
        for (var i = 0; i < instruments.Count; i++)
        {
            var instrument = instruments[i];
            var open = working.Buy(account, instrument.Id).Raw + working.Sell(account, instrument.Id).Raw;
            if (open == 0 || !book.TryGetMark(instrument.Id, out var mark)
                || !TryToBase(account, instrument.Id, Money.FromRaw(FixedPointProduct(open, mark.Raw)), out var inBase))
            {
                continue;
            }

            total += inBase.Raw;
        }

        return Money.FromRaw(total);
    }

    /// <inheritdoc />
    public Money AvailableCash(AccountId account) => Money.FromRaw(book.Cash(account, book.BaseCurrency(account)).Raw - book.OpenOrderExposure(account).Raw);

    /// <inheritdoc />
    public Money DailyPnl(AccountId account) => book.DailyPnl(account);

    /// <inheritdoc />
    public double Drawdown(AccountId account) => book.DrawdownFraction(account);

    /// <inheritdoc />
    public double Drawdown(AccountId account, AssetClass assetClass) => classes.Drawdown(account, assetClass);

    /// <inheritdoc />
    public Money CostBasis(AccountId account, AssetClass assetClass) => classes.CostBasis(account, assetClass);

    /// <inheritdoc />
    public Money UnrealizedPnl(AccountId account, AssetClass assetClass) => classes.Unrealised(account, assetClass);

    /// <inheritdoc />
    public bool TryToBase(AccountId account, InstrumentId instrument, Money quoteAmount, out Money baseAmount)
    {
        var quote = quoteOf[instrument.Value];
        if (!quote.IsValid)
        {
            baseAmount = default;
            return false;
        }

        return book.Rates.TryConvert(quoteAmount, quote, book.BaseCurrency(account), out baseAmount);
    }

    /// <inheritdoc />
    public bool TryGetMark(InstrumentId instrument, out Price mark) => book.TryGetMark(instrument, out mark);

    // Quantity × price, both 8-decimal fixed point, saturating instead of throwing (an upper bound is all the gate needs).
    private static long FixedPointProduct(long quantityRaw, long priceRaw)
    {
        var product = (Int128)quantityRaw * priceRaw / FixedPoint.Scale;
        return product > long.MaxValue ? long.MaxValue : (long)product;
    }
}
