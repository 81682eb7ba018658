using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Portfolio.Accounts;

namespace MultiAsset.Engine.Risk.Analytics.Stress;

/// <summary>
/// Builds <see cref="StressBook"/>s from the account book's snapshots and applies a request's what-if positions, with
/// the pair convention of <see cref="StressPosition"/> (pair legs netted out of the balances).
/// </summary>
public static class StressBookBuilder
{
    /// <summary>
    /// The stress book of one account snapshot. <paramref name="usdPerUnit"/> gives the USD value of one unit of a
    /// currency code (null when there is no rate); rates to the account's base currency are ratios of those.
    /// </summary>
    /// <exception cref="ArgumentException">A symbol is not in the catalogue, or a currency the account holds has no rate.</exception>
    public static StressBook FromAccount(AccountSnapshot account, InstrumentCatalog catalog, Func<string, decimal?> usdPerUnit)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(usdPerUnit);
        var rates = new RateCache(account.BaseCurrency, usdPerUnit);
        var cash = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var balance in account.Cash)
        {
            Add(cash, balance.Currency, FixedPoint.ToDecimal(balance.Amount.Raw));
        }

        var positions = new List<StressPosition>();
        var costBasis = new decimal[RiskLimits.AssetClassCount];
        var unrealized = new decimal[RiskLimits.AssetClassCount];
        var held = new bool[RiskLimits.AssetClassCount];
        foreach (var p in account.Positions)
        {
            if (p.Quantity.Raw == 0)
            {
                continue;
            }

            if (!catalog.TryGet(p.Symbol, out var instrument))
            {
                throw new ArgumentException($"account {account.Key}: position in unknown symbol '{p.Symbol}'", nameof(catalog));
            }

            decimal q = FixedPoint.ToDecimal(p.Quantity.Raw);
            decimal price = p.Mark is { } mark ? FixedPoint.ToDecimal(mark.Raw) : FixedPoint.ToDecimal(p.AverageCost.Raw);
            decimal rate = rates.ToBase(instrument.QuoteCurrency);
            var position = new StressPosition
            {
                Symbol = instrument.Symbol,
                AssetClass = instrument.AssetClass,
                Quantity = q,
                Price = price,
                QuoteCurrency = instrument.QuoteCurrency,
                BaseCurrency = instrument.BaseCurrency,
                QuoteToAccountRate = rate,
            };
            if (position.IsPair)
            {
                // The book holds a pair as two balances; take them out so the pair is valued self-financed.
                Add(cash, instrument.BaseCurrency, -q);
                Add(cash, instrument.QuoteCurrency, q * price);
            }

            positions.Add(position);
            int c = (int)instrument.AssetClass;
            held[c] = true;
            costBasis[c] += Math.Abs(FixedPoint.ToDecimal(p.CostBasis.Raw)) * rate;
            unrealized[c] += FixedPoint.ToDecimal(p.UnrealisedPnl.Raw) * rate;
        }

        var states = new Dictionary<AssetClass, StressClassState>();
        for (int c = 0; c < held.Length; c++)
        {
            if (held[c])
            {
                states[(AssetClass)c] = new StressClassState(Math.Round(costBasis[c], 8), Math.Round(unrealized[c], 8), 0m);
            }
        }

        return new StressBook
        {
            Account = account.Key,
            BaseCurrency = account.BaseCurrency,
            Equity = FixedPoint.ToDecimal(account.Equity.Raw),
            PeakEquity = FixedPoint.ToDecimal(account.PeakEquity.Raw),
            DailyPnl = FixedPoint.ToDecimal(account.DailyPnl.Raw),
            Positions = positions,
            Cash = [.. cash.Where(b => b.Value != 0).OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => new StressCashBalance(b.Key, b.Value, rates.ToBase(b.Key)))],
            ClassStates = states,
        };
    }

    /// <summary>
    /// Applies what-if positions to a book. Every what-if position is traded against cash in its quote currency at its
    /// price (the book's current price of the symbol when null), so the trade itself does not change equity; a given
    /// price also becomes the price of the symbol's existing position (revaluing it). <see cref="WhatIfMode.Replace"/>
    /// first closes every position at its current price into cash. The book's equity is then recomputed from its
    /// holdings (peak, daily P&amp;L and class states are kept).
    /// </summary>
    /// <param name="book">The account's book.</param>
    /// <param name="whatIf">Positions for this account (the caller filters by <see cref="WhatIfPosition.Account"/>).</param>
    /// <param name="mode">Add or replace.</param>
    /// <param name="catalog">Class and currencies of the symbols.</param>
    /// <param name="usdPerUnit">USD value of one unit of a currency code.</param>
    /// <param name="markOf">The current price of a symbol when the book does not hold it (null = none).</param>
    /// <exception cref="ArgumentException">An unknown symbol, no price for a symbol, or no rate for a currency.</exception>
    public static StressBook ApplyWhatIf(StressBook book, IReadOnlyList<WhatIfPosition> whatIf, WhatIfMode mode, InstrumentCatalog catalog, Func<string, decimal?> usdPerUnit, Func<string, decimal?> markOf)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(whatIf);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(markOf);
        var rates = new RateCache(book.BaseCurrency, usdPerUnit);
        var cash = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var balance in book.Cash)
        {
            Add(cash, balance.Currency, balance.Amount);
        }

        var positions = new List<StressPosition>();
        foreach (var p in book.Positions)
        {
            if (mode == WhatIfMode.Replace)
            {
                if (!p.IsPair)
                {
                    Add(cash, p.QuoteCurrency, p.Quantity * p.Price);
                }
            }
            else
            {
                positions.Add(p);
            }
        }

        foreach (var w in whatIf)
        {
            if (!catalog.TryGet(w.Symbol, out var instrument))
            {
                throw new ArgumentException($"what-if position in unknown symbol '{w.Symbol}'", nameof(whatIf));
            }

            int index = positions.FindIndex(p => string.Equals(p.Symbol, instrument.Symbol, StringComparison.Ordinal));
            decimal price = w.Price ?? (index >= 0 ? positions[index].Price : markOf(instrument.Symbol))
                ?? throw new ArgumentException($"no price for what-if position '{w.Symbol}'; give \"price\"", nameof(whatIf));
            bool pair = !string.Equals(instrument.BaseCurrency, instrument.QuoteCurrency, StringComparison.Ordinal);
            if (!pair)
            {
                Add(cash, instrument.QuoteCurrency, -w.Quantity * price);
            }

            if (index >= 0)
            {
                // A given price also revalues the quantity already held (its value, and equity, move with it).
                var existing = positions[index];
                positions[index] = existing with { Quantity = existing.Quantity + w.Quantity, Price = price };
            }
            else
            {
                positions.Add(new StressPosition
                {
                    Symbol = instrument.Symbol,
                    AssetClass = instrument.AssetClass,
                    Quantity = w.Quantity,
                    Price = price,
                    QuoteCurrency = instrument.QuoteCurrency,
                    BaseCurrency = instrument.BaseCurrency,
                    QuoteToAccountRate = rates.ToBase(instrument.QuoteCurrency),
                });
            }
        }

        return book with
        {
            Equity = null,
            Positions = [.. positions.Where(p => p.Quantity != 0)],
            Cash = [.. cash.Where(b => b.Value != 0).OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => new StressCashBalance(b.Key, b.Value, rates.ToBase(b.Key)))],
        };
    }

    /// <summary>The USD value of one unit of a currency code from the engine's FX rates (null when unknown or not yet priced).</summary>
    public static Func<string, decimal?> UsdPerUnit(FxRates fx)
    {
        ArgumentNullException.ThrowIfNull(fx);
        return code => fx.Currencies.TryGet(code, out var id) && fx.TryGetUsdRate(id, out var rate) ? FixedPoint.ToDecimal(rate.Raw) : null;
    }

    private static void Add(Dictionary<string, decimal> sums, string key, decimal amount)
        => sums[key] = (sums.TryGetValue(key, out var sum) ? sum : 0) + amount;

    /// <summary>Rates to the account's base currency from USD rates: R(k→base) = usd(k) ÷ usd(base).</summary>
    private sealed class RateCache(string baseCurrency, Func<string, decimal?> usdPerUnit)
    {
        private readonly Dictionary<string, decimal> cache = new(StringComparer.Ordinal);

        public decimal ToBase(string currency)
        {
            if (string.Equals(currency, baseCurrency, StringComparison.Ordinal))
            {
                return 1m;
            }

            if (cache.TryGetValue(currency, out var cached))
            {
                return cached;
            }

            decimal from = Usd(currency), to = Usd(baseCurrency);
            decimal rate = from / to;
            cache[currency] = rate;
            return rate;
        }

        private decimal Usd(string currency)
        {
            if (currency == "USD")
            {
                return 1m;
            }

            return usdPerUnit(currency) is { } rate && rate > 0 ? rate : throw new ArgumentException($"no FX rate for {currency}");
        }
    }
}
