using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Portfolio.Accounts;

/// <summary>Copies of an account's state for the control plane (allocates: one per request, never per event).</summary>
public sealed partial class AccountBook
{
    /// <summary>Copies the state of <paramref name="account"/> into an immutable <see cref="AccountSnapshot"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not an account of this book.</exception>
    public AccountSnapshot Snapshot(AccountId account)
    {
        int a = Valued(account);
        var definition = Config[account];
        var balances = new List<CashBalanceSnapshot>();
        for (int c = 0; c < currencyCount; c++)
        {
            long amount = cash[(a * currencyCount) + c];
            if (amount != 0)
            {
                Money? value = fx.TryConvertRaw(amount, c, baseCurrencyOf[a], out long raw) ? Money.FromRaw(raw) : null;
                balances.Add(new CashBalanceSnapshot(Currencies.Codes[c], Money.FromRaw(amount), value));
            }
        }

        var positions = new List<PositionSnapshot>();
        for (int i = 0; i < instrumentCount; i++)
        {
            int cell = (a * instrumentCount) + i;
            if (position[cell] == 0 && realised[cell] == 0 && fees[cell] == 0 && openBuyQuantity[cell] == 0 && openSellQuantity[cell] == 0)
            {
                continue;
            }

            var instrument = new InstrumentId(i);
            long held = position[cell];
            long baseValue = 0;
            bool valued = held == 0 || (isPair[i]
                ? fx.TryConvertRaw(held, baseOf[i], baseCurrencyOf[a], out baseValue)
                : fx.TryConvertRaw(MarketValueRaw(cell, i), quoteOf[i], baseCurrencyOf[a], out baseValue));
            positions.Add(new PositionSnapshot
            {
                BaseValue = !valued ? null : held == 0 ? Money.Zero : Money.FromRaw(baseValue),
                Instrument = instrument,
                Symbol = Catalog[instrument].Symbol,
                QuoteCurrency = Currencies.Codes[quoteOf[i]],
                Quantity = Quantity.FromRaw(position[cell]),
                AverageCost = AverageCost(account, instrument),
                CostBasis = Money.FromRaw(basis[cell]),
                Mark = hasMark[i] ? Price.FromRaw(marks[i]) : null,
                MarketValue = MarketValue(account, instrument),
                UnrealisedPnl = UnrealisedPnl(account, instrument),
                RealisedPnl = Money.FromRaw(realised[cell]),
                Fees = Money.FromRaw(fees[cell]),
                OpenBuyQuantity = Quantity.FromRaw(openBuyQuantity[cell]),
                OpenSellQuantity = Quantity.FromRaw(openSellQuantity[cell]),
            });
        }

        var byClass = Enum.GetValues<AssetClass>()
            .Select(c =>
            {
                var exposure = ExposureByAssetClass(account, c);
                return new AssetClassExposureSnapshot(c, exposure.Gross, exposure.Net);
            })
            .ToArray();
        double leverage = Leverage(account);
        return new AccountSnapshot
        {
            Id = account,
            Key = definition.Key,
            Name = definition.Name,
            Type = definition.Type,
            BaseCurrency = Currencies.Codes[baseCurrencyOf[a]],
            MaxLeverage = definition.MaxLeverage,
            Day = day[a],
            Equity = Equity(account),
            FullyPriced = fullyPriced[a],
            RealisedPnl = RealisedPnl(account),
            UnrealisedPnl = UnrealisedPnl(account),
            Fees = Fees(account),
            DailyPnl = DailyPnl(account),
            PeakEquity = PeakEquity(account),
            Drawdown = Drawdown(account),
            MaxDrawdown = MaxDrawdown(account),
            GrossExposure = GrossExposure(account),
            NetExposure = NetExposure(account),
            Leverage = double.IsFinite(leverage) ? leverage : null,
            MarginUsed = MarginUsed(account),
            OpenOrderExposure = OpenOrderExposure(account),
            BuyingPower = BuyingPower(account),
            Cash = balances,
            Positions = positions,
            ExposureByAssetClass = byClass,
            Pnl = Pnl(account),
        };
    }
}
