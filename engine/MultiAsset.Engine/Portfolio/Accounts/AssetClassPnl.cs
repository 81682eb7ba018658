using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Portfolio.Accounts;

/// <summary>
/// Per account and asset class: the class sleeve's cumulative P&amp;L (realised + unrealised, in the account's base
/// currency) and its peak, sampled by the accounts stage at a fixed event-time interval. The risk gate's per-class
/// drawdown (<c>maxDrawdown</c> of an asset class) and the class cost basis and unrealised P&amp;L the stop-loss
/// monitor reads come from here.
/// </summary>
public sealed class AssetClassPnl
{
    private const int Classes = 3;

    private readonly AccountBook book;
    private readonly Instrument[][] instrumentsOf;
    private readonly CurrencyId[] quoteOf;
    private readonly long[] pnl;
    private readonly long[] peak;
    private readonly long[] costBasis;
    private readonly long[] unrealised;

    /// <summary>Creates the tracker over <paramref name="book"/>.</summary>
    public AssetClassPnl(AccountBook book)
    {
        ArgumentNullException.ThrowIfNull(book);
        this.book = book;
        instrumentsOf = [.. Enumerable.Range(0, Classes).Select(c => book.Catalog.OfClass((AssetClass)c).Where(i => i.IsTradable).ToArray())];
        quoteOf = [.. book.Catalog.Instruments.Select(i => book.Currencies.TryGet(i.QuoteCurrency, out var id) ? id : CurrencyId.None)];
        pnl = new long[book.AccountCount * Classes];
        peak = new long[book.AccountCount * Classes];
        costBasis = new long[book.AccountCount * Classes];
        unrealised = new long[book.AccountCount * Classes];
    }

    /// <summary>Cumulative P&amp;L of the class sleeve (base currency) at the last sample.</summary>
    public Money Pnl(AccountId account, AssetClass assetClass) => Money.FromRaw(pnl[Slot(account, assetClass)]);

    /// <summary>Highest <see cref="Pnl"/> seen (at least 0).</summary>
    public Money Peak(AccountId account, AssetClass assetClass) => Money.FromRaw(peak[Slot(account, assetClass)]);

    /// <summary>Entry cost of the class's open positions (≥ 0, base currency) at the last sample.</summary>
    public Money CostBasis(AccountId account, AssetClass assetClass) => Money.FromRaw(costBasis[Slot(account, assetClass)]);

    /// <summary>Unrealised P&amp;L of the class's open positions (base currency) at the last sample.</summary>
    public Money Unrealised(AccountId account, AssetClass assetClass) => Money.FromRaw(unrealised[Slot(account, assetClass)]);

    /// <summary>(peak − P&amp;L) ÷ the account's peak equity: how far the sleeve is below its best, as a fraction.</summary>
    public double Drawdown(AccountId account, AssetClass assetClass)
    {
        var slot = Slot(account, assetClass);
        var peakEquity = book.PeakEquity(account).Raw;
        return peakEquity <= 0 ? 0 : Math.Max(0, peak[slot] - pnl[slot]) / (double)peakEquity;
    }

    /// <summary>Re-samples every class of <paramref name="account"/> from the book (allocation-free).</summary>
    public void Sample(AccountId account)
    {
        var baseCurrency = book.BaseCurrency(account); // checks the account id
        for (var c = 0; c < Classes; c++)
        {
            long total = 0, cost = 0, open = 0;
            foreach (var instrument in instrumentsOf[c])
            {
                // Most cells are empty: two array reads decide it before any checked query.
                if (!book.HasActivity(account.Value, instrument.Id.Value))
                {
                    continue;
                }

                var quote = quoteOf[instrument.Id.Value];
                if (!quote.IsValid)
                {
                    continue;
                }

                var realised = book.RealisedPnl(account, instrument.Id);
                var position = book.Position(account, instrument.Id);
                if (realised.Raw == 0 && position.Raw == 0)
                {
                    continue;
                }

                var unreal = book.UnrealisedPnl(account, instrument.Id);
                if (book.Rates.TryConvert(Money.FromRaw(realised.Raw + unreal.Raw), quote, baseCurrency, out var inBase))
                {
                    total += inBase.Raw;
                }

                if (position.Raw != 0
                    && book.Rates.TryConvert(Money.FromRaw(Math.Abs(book.CostBasis(account, instrument.Id).Raw)), quote, baseCurrency, out var basisInBase)
                    && book.Rates.TryConvert(unreal, quote, baseCurrency, out var unrealInBase))
                {
                    cost += basisInBase.Raw;
                    open += unrealInBase.Raw;
                }
            }

            var slot = Slot(account, (AssetClass)c);
            pnl[slot] = total;
            peak[slot] = Math.Max(peak[slot], total);
            costBasis[slot] = cost;
            unrealised[slot] = open;
        }
    }

    /// <summary>Adds the samples to a digest.</summary>
    public void AppendDigest(StateDigestBuilder digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        digest.Add(pnl).Add(peak).Add(costBasis).Add(unrealised);
    }

    private static int Slot(AccountId account, AssetClass assetClass) => (account.Value * Classes) + (int)assetClass;
}
