using MultiAsset.Engine.Coordination;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Instruments;

namespace MultiAsset.Engine.Tests.Coordination;

/// <summary>
/// A hand-set account view: USD-based accounts, each currency's value in USD, marks per instrument, exposures and cash
/// per account. Conversions go quote → USD rounded half away from zero to 10⁻⁸, as <c>FxRates</c> does for USD accounts.
/// </summary>
internal sealed class TestAccountView(InstrumentCatalog catalog, double equity = CoordinationHarness.DefaultEquity) : ICoordinationAccountView
{
    public Dictionary<string, decimal> UsdPer { get; } = new() { ["USD"] = 1m };

    public Dictionary<int, Price> Marks { get; } = [];

    public Dictionary<(int Account, AssetClass Class), decimal> Exposure { get; } = [];

    public Dictionary<int, decimal> Cash { get; } = [];

    public double EquityValue { get; set; } = equity;

    public void Mark(string symbol, double mid) => Marks[catalog.TryGet(symbol, out var i) ? i.Id.Value : -1] = Price.FromDouble(mid);

    public Money Equity(AccountId account) => Money.FromDouble(EquityValue);

    public bool TryMark(InstrumentId instrument, out Price mark) => Marks.TryGetValue(instrument.Value, out mark);

    public bool TryToBase(AccountId account, InstrumentId instrument, Money quoteAmount, out Money baseAmount)
    {
        if (!UsdPer.TryGetValue(catalog[instrument].QuoteCurrency, out var rate))
        {
            baseAmount = default;
            return false;
        }

        baseAmount = Money.FromDecimal(Math.Round(quoteAmount.ToDecimal() * rate, 8, MidpointRounding.AwayFromZero));
        return true;
    }

    /// <summary>When set, <see cref="ExposureOf"/> throws: a view failing while coordination clips a batch.</summary>
    public bool FailExposure { get; set; }

    public Money ExposureOf(AccountId account, AssetClass assetClass)
        => FailExposure ? throw new InvalidOperationException("exposure source failed") : Money.FromDecimal(Exposure.GetValueOrDefault((account.Value, assetClass)));

    public Money GrossExposure(AccountId account)
    {
        decimal total = 0;
        foreach (var ((a, _), value) in Exposure)
        {
            total += a == account.Value ? value : 0;
        }

        return Money.FromDecimal(total);
    }

    public Money AvailableCash(AccountId account) => Money.FromDecimal(Cash.GetValueOrDefault(account.Value, (decimal)EquityValue));
}
