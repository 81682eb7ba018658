using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Risk.Analytics.Stress;

/// <summary>
/// Revalues an account under a scenario's shocks and reports the P&amp;L by instrument, asset class and currency, the
/// stressed equity, exposure, leverage and drawdowns, and the limits the result would breach. Pure and deterministic;
/// money in <see langword="decimal"/> (docs/risk-stress-hedging.md).
/// </summary>
/// <remarks>
/// <para>Per position (q, P, R = quote→account rate; s the price shock of <see cref="StressShocks"/>; c the currency
/// moves, c_USD = 0; a = the account's base currency):
/// P' = P·(1+s)·[(1+c_base)/(1+c_quote) for pairs], R' = R·(1+c_quote)/(1+c_a);
/// stocks: P&amp;L = q·P'·R' − q·P·R; pairs (self-financed): P&amp;L = q·(P' − P)·R'. Exposure before/after = q·P·R and
/// q·P'·R'. Price P&amp;L = q·(P' − P)·R; FX P&amp;L = P&amp;L − price P&amp;L. A balance b in currency k (rate R_k):
/// P&amp;L = b·R_k·(1+c_k)/(1+c_a) − b·R_k.</para>
/// <para>Every line is rounded half away from zero to 10⁻⁸ before it is summed, so all totals are exact sums of the
/// lines. Ratios are rounded to 10⁻¹⁰.</para>
/// <para>Limits are inclusive as in the risk gate: leverage, allocation and gross exposure breach when the stressed
/// value is above the limit; drawdowns, the daily loss and the stop-loss breach when they reach it.</para>
/// </remarks>
public static class StressEngine
{
    private const int MoneyDecimals = 8;
    private const int RatioDecimals = 10;

    /// <summary>Runs one scenario on one account.</summary>
    /// <param name="book">The account.</param>
    /// <param name="scenario">The shocks.</param>
    /// <param name="limits">Limits to check; none when null.</param>
    /// <param name="factors">Factor definitions for the scenario's factor shocks; <see cref="StressFactor.Defaults"/> when null.</param>
    /// <exception cref="ArgumentException">A price or rate ≤ 0, a shock out of range, a factor without a definition, or amounts beyond the decimal range.</exception>
    public static StressResult Run(StressBook book, StressScenario scenario, StressLimits? limits = null, IReadOnlyDictionary<string, StressFactor>? factors = null)
    {
        try
        {
            return RunChecked(book, scenario, limits, factors);
        }
        catch (OverflowException ex)
        {
            throw new ArgumentException("the book's amounts are too large to revalue in decimal (beyond ±7.9e28)", nameof(book), ex);
        }
    }

    private static StressResult RunChecked(StressBook book, StressScenario scenario, StressLimits? limits, IReadOnlyDictionary<string, StressFactor>? factors)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(scenario);
        factors ??= StressFactor.Defaults;
        var shocks = scenario.Shocks;
        Validate(shocks, factors);
        decimal accountShock = shocks.CurrencyShock(book.BaseCurrency);

        var instruments = new List<StressInstrumentResult>(book.Positions.Count);
        int classCount = RiskLimits.AssetClassCount;
        var classPnl = new decimal[classCount];
        var classGrossBefore = new decimal[classCount];
        var classGrossAfter = new decimal[classCount];
        var classSeen = new bool[classCount];
        var currencyPnl = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        decimal total = 0, grossBefore = 0, grossAfter = 0, nonPairValue = 0;

        foreach (var position in book.Positions)
        {
            if (position.Price <= 0 || position.QuoteToAccountRate <= 0)
            {
                throw new ArgumentException($"position {position.Symbol}: the price and the quote→account rate must be positive", nameof(book));
            }

            var (shock, source) = PriceShock(position, shocks, factors);
            decimal quoteShock = shocks.CurrencyShock(position.QuoteCurrency);
            decimal priceAfter = position.Price * Multiple(position, shocks, shock);

            decimal rate = position.QuoteToAccountRate;
            decimal rateAfter = rate * (1 + quoteShock) / (1 + accountShock);
            decimal q = position.Quantity;
            decimal exposureBefore = Money(q * position.Price * rate);
            decimal exposureAfter = Money(q * priceAfter * rateAfter);
            decimal pnl = position.IsPair
                ? Money(q * (priceAfter - position.Price) * rateAfter)
                : exposureAfter - exposureBefore;
            decimal pricePnl = Money(q * (priceAfter - position.Price) * rate);
            decimal valueShock = Ratio(((priceAfter * rateAfter) / (position.Price * rate)) - 1);

            instruments.Add(new StressInstrumentResult
            {
                Symbol = position.Symbol,
                AssetClass = AssetClassNames.ToSeedName(position.AssetClass),
                Currency = position.QuoteCurrency,
                Quantity = q,
                PriceBefore = position.Price,
                PriceAfter = Round(priceAfter, RatioDecimals),
                PriceShock = shock,
                ShockSource = source,
                ValueShock = valueShock,
                ExposureBefore = exposureBefore,
                ExposureAfter = exposureAfter,
                Pnl = pnl,
                PricePnl = pricePnl,
                FxPnl = pnl - pricePnl,
            });

            int c = (int)position.AssetClass;
            classSeen[c] = true;
            classPnl[c] += pnl;
            classGrossBefore[c] += Math.Abs(exposureBefore);
            classGrossAfter[c] += Math.Abs(exposureAfter);
            grossBefore += Math.Abs(exposureBefore);
            grossAfter += Math.Abs(exposureAfter);
            if (!position.IsPair)
            {
                nonPairValue += exposureBefore;
            }

            Add(currencyPnl, position.QuoteCurrency, pnl);
            total += pnl;
        }

        var cash = new List<StressCashResult>(book.Cash.Count);
        decimal cashPnl = 0, cashValue = 0;
        foreach (var balance in book.Cash)
        {
            if (balance.ToAccountRate <= 0)
            {
                throw new ArgumentException($"cash {balance.Currency}: the rate must be positive", nameof(book));
            }

            decimal before = Money(balance.Amount * balance.ToAccountRate);
            decimal after = Money(balance.Amount * balance.ToAccountRate * (1 + shocks.CurrencyShock(balance.Currency)) / (1 + accountShock));
            cash.Add(new StressCashResult(balance.Currency, balance.Amount, before, after, after - before));
            cashPnl += after - before;
            cashValue += before;
            Add(currencyPnl, balance.Currency, after - before);
            total += after - before;
        }

        decimal equityBefore = book.Equity ?? (cashValue + nonPairValue);
        decimal equityAfter = equityBefore + total;
        decimal peak = Math.Max(book.PeakEquity ?? equityBefore, equityBefore);

        var classes = new List<StressClassResult>();
        var classResults = new StressClassResult?[classCount];
        for (int c = 0; c < classCount; c++)
        {
            if (!classSeen[c])
            {
                continue;
            }

            var state = book.ClassStates.TryGetValue((AssetClass)c, out var s) ? s : new StressClassState(classGrossBefore[c], 0, 0);
            var result = new StressClassResult
            {
                AssetClass = AssetClassNames.ToSeedName((AssetClass)c),
                Pnl = classPnl[c],
                GrossExposureBefore = classGrossBefore[c],
                GrossExposureAfter = classGrossAfter[c],
                AllocationAfter = equityAfter > 0 ? Ratio(classGrossAfter[c] / equityAfter) : null,
                DrawdownAfter = peak > 0 ? Ratio(Math.Max(0, state.Drawdown - (classPnl[c] / peak))) : null,
                LossFractionAfter = state.CostBasis > 0 ? Ratio(-(state.UnrealizedPnl + classPnl[c]) / state.CostBasis) : null,
            };
            classResults[c] = result;
            classes.Add(result);
        }

        var stressed = new StressResult
        {
            Scenario = scenario.Name,
            Kind = scenario.KindName,
            Account = book.Account,
            BaseCurrency = book.BaseCurrency,
            EquityBefore = equityBefore,
            EquityAfter = equityAfter,
            Pnl = total,
            PnlFraction = equityBefore > 0 ? Ratio(total / equityBefore) : null,
            GrossExposureBefore = grossBefore,
            GrossExposureAfter = grossAfter,
            LeverageBefore = Leverage(grossBefore, equityBefore),
            LeverageAfter = Leverage(grossAfter, equityAfter),
            DrawdownFromCurrent = equityBefore > 0 ? Ratio(Math.Max(0, -total) / equityBefore) : null,
            DrawdownFromPeak = peak > 0 ? Ratio(Math.Max(0, peak - equityAfter) / peak) : null,
            CashPnl = cashPnl,
            Instruments = instruments,
            AssetClasses = classes,
            Currencies = [.. currencyPnl.Select(p => new StressCurrencyResult(p.Key, p.Value, shocks.CurrencyShock(p.Key)))],
            Cash = cash,
            Breaches = [],
        };

        return limits is null ? stressed : stressed with { Breaches = Breaches(stressed, book, limits, classResults, peak) };
    }

    /// <summary>Runs every scenario on every book (books outer, scenarios inner).</summary>
    public static IReadOnlyList<StressResult> RunAll(IEnumerable<StressBook> books, IEnumerable<StressScenario> scenarios, Func<StressBook, StressLimits?>? limits = null, IReadOnlyDictionary<string, StressFactor>? factors = null)
    {
        ArgumentNullException.ThrowIfNull(books);
        ArgumentNullException.ThrowIfNull(scenarios);
        var list = scenarios.ToList();
        var results = new List<StressResult>();
        foreach (var book in books)
        {
            var bookLimits = limits?.Invoke(book);
            foreach (var scenario in list)
            {
                results.Add(Run(book, scenario, bookLimits, factors));
            }
        }

        return results;
    }

    /// <summary>
    /// Price after ÷ price before of an instrument under the scenario: 1 + its price shock, and for a currency pair also
    /// (1 + the base currency's shock) ÷ (1 + the quote currency's). The path stress of a backtest moves prices by it.
    /// </summary>
    public static decimal PriceMultiple(StressPosition position, StressShocks shocks, IReadOnlyDictionary<string, StressFactor> factors)
    {
        ArgumentNullException.ThrowIfNull(shocks);
        return Multiple(position, shocks, PriceShock(position, shocks, factors).Shock);
    }

    /// <summary><see cref="PriceMultiple"/> for a price shock already looked up.</summary>
    private static decimal Multiple(StressPosition position, StressShocks shocks, decimal shock)
        => position.IsPair
            ? (1 + shock) * (1 + shocks.CurrencyShock(position.BaseCurrency!)) / (1 + shocks.CurrencyShock(position.QuoteCurrency))
            : 1 + shock;

    /// <summary>The price shock of a position and which rule gave it (instrument > assetClass > factor > none).</summary>
    public static (decimal Shock, string Source) PriceShock(StressPosition position, StressShocks shocks, IReadOnlyDictionary<string, StressFactor> factors)
    {
        ArgumentNullException.ThrowIfNull(position);
        ArgumentNullException.ThrowIfNull(shocks);
        ArgumentNullException.ThrowIfNull(factors);
        if (shocks.Instruments.TryGetValue(position.Symbol, out var own))
        {
            return (own, "instrument");
        }

        if (shocks.AssetClasses.TryGetValue(position.AssetClass, out var byClass))
        {
            return (byClass, "assetClass");
        }

        if (shocks.Factors.Count > 0)
        {
            decimal sum = 0;
            bool any = false;
            foreach (var (name, move) in shocks.Factors)
            {
                decimal beta = factors[name].BetaOf(position.Symbol, position.AssetClass);
                if (beta != 0)
                {
                    sum += beta * move;
                    any = true;
                }
            }

            if (any)
            {
                return (Math.Max(-1m, sum), "factor");
            }
        }

        return (0m, "none");
    }

    private static void Validate(StressShocks shocks, IReadOnlyDictionary<string, StressFactor> factors)
    {
        foreach (var (symbol, s) in shocks.Instruments)
        {
            if (s < -1)
            {
                throw new ArgumentException($"instrument shock {symbol} = {s} is below −1");
            }
        }

        foreach (var (assetClass, s) in shocks.AssetClasses)
        {
            if (s < -1)
            {
                throw new ArgumentException($"asset-class shock {assetClass} = {s} is below −1");
            }
        }

        foreach (var (currency, c) in shocks.Currencies)
        {
            if (c <= -1)
            {
                throw new ArgumentException($"currency shock {currency} = {c} must be above −1");
            }
        }

        foreach (var (name, x) in shocks.Factors)
        {
            if (!factors.ContainsKey(name))
            {
                throw new ArgumentException($"factor '{name}' has no definition");
            }

            if (x < -1)
            {
                throw new ArgumentException($"factor shock {name} = {x} is below −1");
            }
        }
    }

    private static List<StressBreach> Breaches(StressResult r, StressBook book, StressLimits limits, StressClassResult?[] classes, decimal peak)
    {
        var breaches = new List<StressBreach>();
        if (limits.MaxLeverage is { } maxLeverage && (r.LeverageAfter is null || r.LeverageAfter > maxLeverage))
        {
            breaches.Add(Breach("account", null, "maxLeverage", maxLeverage, r.LeverageAfter, r.LeverageBefore, "gross exposure ÷ equity above the limit"));
        }

        if (limits.MaxDrawdown is { } maxDrawdown && (r.DrawdownFromPeak is null || r.DrawdownFromPeak >= maxDrawdown))
        {
            decimal? current = peak > 0 ? Ratio(Math.Max(0, peak - r.EquityBefore) / peak) : null;
            breaches.Add(Breach("account", null, "maxDrawdown", maxDrawdown, r.DrawdownFromPeak, current, "drawdown from peak equity reaches the limit"));
        }

        if (limits.MaxGrossExposure is { } maxGross && r.GrossExposureAfter > maxGross)
        {
            breaches.Add(Breach("account", null, "maxGrossExposure", maxGross, r.GrossExposureAfter, r.GrossExposureBefore, "gross exposure above the limit"));
        }

        decimal dailyBefore = book.DailyPnl ?? 0;
        if (limits.DailyLossLimit is { } dailyLimit && -(dailyBefore + r.Pnl) >= dailyLimit)
        {
            breaches.Add(Breach("account", null, "dailyLossLimit", dailyLimit, -(dailyBefore + r.Pnl), -dailyBefore, "loss since the start of the day reaches the limit"));
        }

        foreach (var (assetClass, classLimits) in limits.Classes.OrderBy(p => (int)p.Key))
        {
            var c = classes[(int)assetClass];
            if (c is null)
            {
                continue;
            }

            string name = c.AssetClass;
            decimal? allocationBefore = r.EquityBefore > 0 ? Ratio(c.GrossExposureBefore / r.EquityBefore) : null;
            if (classLimits.MaxAllocation is { } maxAllocation && (c.AllocationAfter is null ? c.GrossExposureAfter > 0 : c.AllocationAfter > maxAllocation))
            {
                breaches.Add(Breach("assetClass", name, "maxAllocation", maxAllocation, c.AllocationAfter, allocationBefore, "class exposure ÷ equity above the limit"));
            }

            if (classLimits.MaxLeverage is { } classLeverage && (c.AllocationAfter is null ? c.GrossExposureAfter > 0 : c.AllocationAfter > classLeverage))
            {
                breaches.Add(Breach("assetClass", name, "maxLeverage", classLeverage, c.AllocationAfter, allocationBefore, "class exposure as a multiple of equity above the limit"));
            }

            if (classLimits.MaxDrawdown is { } classDrawdown && c.DrawdownAfter is { } drawdown && drawdown >= classDrawdown)
            {
                var state = book.ClassStates.TryGetValue(assetClass, out var s) ? s.Drawdown : 0m;
                breaches.Add(Breach("assetClass", name, "maxDrawdown", classDrawdown, drawdown, state, "class sleeve drawdown reaches the limit"));
            }

            if (classLimits.StopLossThreshold is { } stopLoss && c.LossFractionAfter is { } loss && loss >= stopLoss)
            {
                breaches.Add(Breach("assetClass", name, "stopLossThreshold", stopLoss, loss, null, "class loss ÷ cost basis reaches the stop-loss threshold"));
            }
        }

        return breaches;
    }

    private static StressBreach Breach(string scope, string? assetClass, string rule, decimal limit, decimal? stressed, decimal? current, string what)
        => new()
        {
            Scope = scope,
            AssetClass = assetClass,
            Rule = rule,
            Limit = limit,
            StressedValue = stressed,
            CurrentValue = current,
            Message = $"{(assetClass is null ? "account" : assetClass)} {rule}: {what} ({(stressed is null ? "unbounded" : stressed.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))} vs limit {limit.ToString(System.Globalization.CultureInfo.InvariantCulture)})",
        };

    private static decimal? Leverage(decimal gross, decimal equity)
        => gross == 0 ? 0m : equity <= 0 ? null : Ratio(gross / equity);

    private static void Add(SortedDictionary<string, decimal> sums, string key, decimal amount)
        => sums[key] = (sums.TryGetValue(key, out var sum) ? sum : 0) + amount;

    private static decimal Money(decimal value) => Round(value, MoneyDecimals);

    private static decimal Ratio(decimal value) => Round(value, RatioDecimals);

    private static decimal Round(decimal value, int decimals) => Math.Round(value, decimals, MidpointRounding.AwayFromZero);
}
