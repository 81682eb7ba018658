using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Portfolio.Accounts;

/// <summary>The P&amp;L report (allocates: one per request, never per event). Conventions: AccountBook.Pnl, docs/pnl.md.</summary>
public sealed partial class AccountBook
{
    /// <summary>The strategies (rows) that have booked anything in <paramref name="account"/>, in row order.</summary>
    public IReadOnlyList<StrategyId> PnlStrategies(AccountId account)
    {
        int a = Check(account);
        var list = new List<StrategyId>();
        for (int row = accountCount; row < rowCount; row++)
        {
            if (rowAccount[row] == a)
            {
                list.Add(new StrategyId(rowStrategy[row]));
            }
        }

        return list;
    }

    /// <summary>
    /// The account's P&amp;L since its start: the exact decomposition of the equity change into realised, unrealised,
    /// FX translation and fees, by strategy, asset class and instrument.
    /// </summary>
    public AccountPnl Pnl(AccountId account)
    {
        int a = Valued(account);
        string key = Config[account].Key;
        string baseCode = Currencies.Codes[baseCurrencyOf[a]];
        var strategies = new List<StrategyPnl>();
        var classTotals = new Int128[ClassCount * 4];
        Int128 r = 0, u = 0, f = 0, x = 0;

        // Strategy rows first (in the order they first traded), then the account's own row if it booked anything.
        for (int row = accountCount; row <= rowCount; row++)
        {
            int r0 = row == rowCount ? a : row;
            if (rowAccount[r0] != a || (r0 == a && !RowUsed(a)))
            {
                continue;
            }

            var line = RowPnl(a, r0, key, baseCode, classTotals);
            strategies.Add(line);
            r += line.Realised.Raw;
            u += line.Unrealised.Raw;
            f += line.Fees.Raw;
            x += line.FxTranslation.Raw;
        }

        Int128 initial = 0;
        if (hasStart[a])
        {
            foreach (var (currency, amount) in Config[account].InitialCash)
            {
                int c = currency.Value;
                if (c != baseCurrencyOf[a])
                {
                    initial += ToBase(a, amount.Raw, c) - startInitialValue[(a * currencyCount) + c];
                }
            }
        }

        long change = hasStart[a] ? FixedMath.Saturate((Int128)equity[a] - startEquity[a]) : 0;
        Int128 rounding = hasStart[a] ? change - (r + u + x - f) - initial : 0;
        var fx = x + initial + rounding;
        return new AccountPnl
        {
            Account = account,
            BaseCurrency = baseCode,
            Started = hasStart[a],
            FullyPriced = fullyPriced[a],
            StartEquity = Money.FromRaw(startEquity[a]),
            Equity = Money.FromRaw(equity[a]),
            EquityChange = Money.FromRaw(change),
            Realised = Money.FromRaw(FixedMath.Saturate(r)),
            Unrealised = Money.FromRaw(FixedMath.Saturate(u)),
            Fees = Money.FromRaw(FixedMath.Saturate(f)),
            FxTranslation = Money.FromRaw(FixedMath.Saturate(fx)),
            FxInitialBalances = Money.FromRaw(FixedMath.Saturate(initial)),
            FxRounding = Money.FromRaw(FixedMath.Saturate(rounding)),
            Total = Money.FromRaw(FixedMath.Saturate(r + u + fx - f)),
            ByAssetClass = Classes(classTotals),
            Strategies = strategies,
        };
    }

    /// <summary>Fills, orders and refusals of every row of every account (for the end-of-run table), without valuation.</summary>
    public (long Fills, long Orders, long Refusals) Counters(AccountId account, StrategyId strategy)
    {
        int a = Check(account);
        for (int row = 0; row < rowCount; row++)
        {
            if (rowAccount[row] == a && rowStrategy[row] == strategy.Value)
            {
                return (Counter(row, CounterFills), Orders(row), Refusals(row));
            }
        }

        return (0, 0, 0);
    }

    private bool RowUsed(int row)
    {
        for (int k = 0; k < CounterCount; k++)
        {
            if (rowCounters[(row * CounterCount) + k] != 0)
            {
                return true;
            }
        }

        return false;
    }

    private long Counter(int row, int counter) => rowCounters[(row * CounterCount) + counter];

    private long Orders(int row) => Counter(row, CounterAcks) + Counter(row, CounterVenueRejects) + Counter(row, CounterRiskRefusals);

    private long Refusals(int row) => Counter(row, CounterVenueRejects) + Counter(row, CounterRiskRefusals);

    private StrategyPnl RowPnl(int a, int row, string key, string baseCode, Int128[] accountClasses)
    {
        var instruments = new List<InstrumentPnl>();
        var classTotals = new Int128[ClassCount * 4];
        Int128 r = 0, u = 0, f = 0, x = 0;
        for (int i = 0; i < instrumentCount; i++)
        {
            int cell = (row * instrumentCount) + i;
            long held = rowPosition[cell];
            if (held == 0 && rowRealised[cell] == 0 && rowFees[cell] == 0 && rowRealisedBooked[cell] == 0)
            {
                continue;
            }

            Int128 unrealised = RowUnrealisedBase(a, cell, i, out _);
            long realisedNow = ToBase(a, rowRealised[cell], quoteOf[i]);
            Int128 translation = (Int128)realisedNow - rowRealisedBooked[cell] + rowFeesBooked[cell];
            r += rowRealisedBooked[cell];
            f += rowFeesBooked[cell];
            u += unrealised;
            x += translation;
            int k = classOf[i] * 4;
            classTotals[k] += rowRealisedBooked[cell];
            classTotals[k + 1] += unrealised;
            classTotals[k + 2] += rowFeesBooked[cell];
            classTotals[k + 3] += translation;

            long marketValue = held == 0 ? 0 : hasMark[i] && FixedMath.TryMultiplyScaled(held, marks[i], out long mv) ? mv : rowBasis[cell];
            Money? baseValue = null;
            if (held == 0)
            {
                baseValue = Money.Zero;
            }
            else if (isPair[i] ? fx.TryConvertRaw(held, baseOf[i], baseCurrencyOf[a], out long bv) : fx.TryConvertRaw(marketValue, quoteOf[i], baseCurrencyOf[a], out bv))
            {
                baseValue = Money.FromRaw(bv);
            }

            long cost = held > 0 ? rowBasis[cell] : -rowBasis[cell];
            var instrument = new InstrumentId(i);
            instruments.Add(new InstrumentPnl
            {
                Symbol = Catalog[instrument].Symbol,
                AssetClass = (AssetClass)classOf[i],
                QuoteCurrency = Currencies.Codes[quoteOf[i]],
                BaseAsset = Currencies.Codes[baseOf[i]],
                Position = Quantity.FromRaw(held),
                AverageCost = held != 0 && FixedMath.TryDivideScaled(cost, Math.Abs(held), out long average) ? Price.FromRaw(average) : Price.Zero,
                CostBasis = Money.FromRaw(rowBasis[cell]),
                Mark = hasMark[i] ? Price.FromRaw(marks[i]) : null,
                MarketValue = Money.FromRaw(marketValue),
                UnrealisedLocal = Money.FromRaw(FixedMath.Saturate((Int128)marketValue - rowBasis[cell])),
                RealisedLocal = Money.FromRaw(rowRealised[cell]),
                BaseValue = baseValue,
                Realised = Money.FromRaw(rowRealisedBooked[cell]),
                Unrealised = Money.FromRaw(FixedMath.Saturate(unrealised)),
                Fees = Money.FromRaw(rowFeesBooked[cell]),
                FxTranslation = Money.FromRaw(FixedMath.Saturate(translation)),
                Total = Money.FromRaw(FixedMath.Saturate(rowRealisedBooked[cell] + unrealised + translation - rowFeesBooked[cell])),
            });
        }

        for (int k = 0; k < classTotals.Length; k++)
        {
            accountClasses[k] += classTotals[k];
        }

        int strategy = rowStrategy[row];
        return new StrategyPnl
        {
            Strategy = new StrategyId(strategy),
            Name = strategy < 0 ? "(operator)" : null,
            Account = key,
            BaseCurrency = baseCode,
            Realised = Money.FromRaw(FixedMath.Saturate(r)),
            Unrealised = Money.FromRaw(FixedMath.Saturate(u)),
            Fees = Money.FromRaw(FixedMath.Saturate(f)),
            FxTranslation = Money.FromRaw(FixedMath.Saturate(x)),
            Total = Money.FromRaw(FixedMath.Saturate(r + u + x - f)),
            Fills = Counter(row, CounterFills),
            Orders = Orders(row),
            Refusals = Refusals(row),
            RiskRefusals = Counter(row, CounterRiskRefusals),
            VenueRejects = Counter(row, CounterVenueRejects),
            ByAssetClass = Classes(classTotals),
            Instruments = instruments,
        };
    }

    private static PnlByAssetClass[] Classes(Int128[] totals)
    {
        var result = new PnlByAssetClass[ClassCount];
        for (int c = 0; c < ClassCount; c++)
        {
            int k = c * 4;
            result[c] = new PnlByAssetClass(
                (AssetClass)c,
                Money.FromRaw(FixedMath.Saturate(totals[k])),
                Money.FromRaw(FixedMath.Saturate(totals[k + 1])),
                Money.FromRaw(FixedMath.Saturate(totals[k + 2])),
                Money.FromRaw(FixedMath.Saturate(totals[k + 3])),
                Money.FromRaw(FixedMath.Saturate(totals[k] + totals[k + 1] + totals[k + 3] - totals[k + 2])));
        }

        return result;
    }
}
