using MultiAsset.Engine.Model;
using MultiAsset.Engine.Portfolio.Accounts;
using MultiAsset.Engine.Risk;

namespace MultiAsset.Host.RiskAnalysis;

/// <summary>
/// Copies <see cref="RiskInputs"/> out of the stages. Runs on the engine thread between two input events (from
/// <see cref="EngineQueries"/>): O(accounts × instruments + n²) copying, no computation; everything else happens on
/// the caller's thread afterwards.
/// </summary>
internal static class RiskInputsCapture
{
    public static RiskInputs Capture(EngineStages stages, IEnumerable<int> accountIds)
    {
        var book = stages.Accounts.Book;
        var catalog = book.Catalog;
        var matrix = stages.MarketData.Analytics.Covariance;
        var ids = matrix.Universe;
        var n = ids.Count;
        var covariance = new double[n * n];
        var longRun = new double[n * n];
        matrix.CopyTo(covariance);
        matrix.CopyLongRunTo(longRun);
        var universe = ids.Select(id => catalog[new InstrumentId(id)])
            .Select(i => new RiskUniverseInstrument(i.Symbol, AssetClassNames.ToSeedName(i.AssetClass), i.QuoteCurrency, book.TryGetMark(i.Id, out var mark) ? mark.ToDecimal() : null, i.LotSize.ToDecimal()))
            .ToList();
        var inUniverse = ids.ToHashSet();
        var currencies = universe.Select(u => u.Currency).Distinct(StringComparer.Ordinal).ToList();
        var accounts = accountIds.Select(a => Account(stages, new AccountId(a), inUniverse, currencies)).ToList();
        return new RiskInputs(
            stages.Accounts.LastEventTime == long.MinValue ? 0 : stages.Accounts.LastEventTime,
            universe, covariance, longRun, matrix.Updates, matrix.IntervalNanoseconds / 1e9, matrix.Lambda, matrix.LongRunLambda, accounts);
    }

    private static AccountRiskInputs Account(EngineStages stages, AccountId id, HashSet<int> inUniverse, List<string> currencies)
    {
        var book = stages.Accounts.Book;
        var positions = new List<PositionRiskInput>();
        foreach (var instrument in book.Catalog.Tradable)
        {
            var quantity = book.Position(id, instrument.Id);
            if (quantity.Raw == 0)
            {
                continue;
            }

            var value = book.MarketValue(id, instrument.Id);
            var exposure = book.QuoteToBase(id, instrument.Id, value).ToDecimal();
            var quote = value.ToDecimal();
            decimal? mark = book.TryGetMark(instrument.Id, out var price) ? price.ToDecimal() : null;
            var fx = book.ToBase(id, book.Currencies.Of(instrument.QuoteCurrency), Money.FromDecimal(1m)).ToDecimal();
            positions.Add(new PositionRiskInput(
                instrument.Symbol, AssetClassNames.ToSeedName(instrument.AssetClass), instrument.QuoteCurrency,
                quantity.ToDecimal(), mark, quote == 0 ? 0 : exposure, fx, inUniverse.Contains(instrument.Id.Value)));
        }

        var cash = new List<CashRiskInput>();
        for (var c = 0; c < book.Currencies.Count; c++)
        {
            var currency = new CurrencyId(c);
            var amount = book.Cash(id, currency);
            if (amount.Raw != 0)
            {
                cash.Add(new CashRiskInput(book.Currencies[currency], amount.ToDecimal(), book.ToBase(id, currency, amount).ToDecimal()));
            }
        }

        var basePerUsd = book.ToBase(id, CurrencyTable.Usd, Money.FromDecimal(1m)).ToDecimal();
        return new AccountRiskInputs(
            stages.AccountNames.NameOf(id), book.Currencies[book.BaseCurrency(id)], book.Equity(id).ToDecimal(), book.GrossExposure(id).ToDecimal(),
            book.DrawdownFraction(id), positions, cash, Limits(stages.Risk.Gate.Config, id), basePerUsd > 0 ? 1m / basePerUsd : null, BasePerUnit(book, id, currencies));
    }

    private static Dictionary<string, decimal> BasePerUnit(AccountBook book, AccountId id, List<string> currencies)
    {
        var rates = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var code in currencies)
        {
            if (book.Currencies.TryGet(code, out var currency) && book.ToBase(id, currency, Money.FromDecimal(1m)).ToDecimal() is var rate && rate > 0)
            {
                rates[code] = rate;
            }
        }

        return rates;
    }

    private static AccountLimitsInput Limits(RiskConfig config, AccountId id)
    {
        var account = config.Account(id);
        var classes = Enum.GetValues<AssetClass>().ToDictionary(
            AssetClassNames.ToSeedName,
            c =>
            {
                var limits = config.Class(id, c);
                return new AssetClassLimitsInput(Ratio(limits.MaxAllocation), Ratio(limits.MaxDrawdown), Ratio(limits.MaxLeverage), Ratio(limits.StopLossThreshold));
            },
            StringComparer.Ordinal);
        decimal? dailyLoss = account.DailyLossLimit.Raw == RiskLimits.NoMoneyLimit.Raw ? null : account.DailyLossLimit.ToDecimal();
        return new AccountLimitsInput(Ratio(account.MaxLeverage), Ratio(account.MaxDrawdown), dailyLoss, classes);
    }

    private static double? Ratio(RiskRatio ratio) => ratio.IsUnlimited ? null : ratio.Fraction;
}
