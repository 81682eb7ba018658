using MultiAsset.Engine.Model;
using MultiAsset.Engine.Risk;

namespace MultiAsset.Engine.Tests.Risk;

/// <summary>
/// An account view whose every answer is set by the test (no bookkeeping): positions, working quantities, equity,
/// exposures, P&amp;L, drawdowns, and an FX rate per instrument (1 by default; NaN = no rate). Arrays only, so reading
/// it never allocates.
/// </summary>
internal sealed class StubRiskView : IRiskAccountView
{
    private readonly int instruments;
    private readonly long[] positions;
    private readonly long[] workingBuys;
    private readonly long[] workingSells;
    private readonly long[] equity;
    private readonly long[] gross;
    private readonly long[] cash;
    private readonly long[] dailyPnl;
    private readonly double[] drawdown;
    private readonly long[] classExposure;
    private readonly long[] classWorking;
    private readonly double[] classDrawdown;
    private readonly long[] costBasis;
    private readonly long[] unrealized;
    private readonly decimal[] fxRates;
    private readonly long[] marks;

    public StubRiskView(int accounts, int instruments)
    {
        this.instruments = instruments;
        positions = new long[accounts * instruments];
        workingBuys = new long[accounts * instruments];
        workingSells = new long[accounts * instruments];
        equity = new long[accounts];
        gross = new long[accounts];
        cash = new long[accounts];
        dailyPnl = new long[accounts];
        drawdown = new double[accounts];
        classExposure = new long[accounts * 3];
        classWorking = new long[accounts * 3];
        classDrawdown = new double[accounts * 3];
        costBasis = new long[accounts * 3];
        unrealized = new long[accounts * 3];
        fxRates = Enumerable.Repeat(1m, instruments).ToArray();
        marks = new long[instruments];
        for (var a = 0; a < accounts; a++)
        {
            equity[a] = Money.FromDecimal(1_000_000m).Raw;
            cash[a] = equity[a];
        }
    }

    public StubRiskView SetPosition(int account, InstrumentId instrument, decimal quantity, decimal workingBuy = 0, decimal workingSell = 0)
    {
        positions[(account * instruments) + instrument.Value] = Quantity.FromDecimal(quantity).Raw;
        workingBuys[(account * instruments) + instrument.Value] = Quantity.FromDecimal(workingBuy).Raw;
        workingSells[(account * instruments) + instrument.Value] = Quantity.FromDecimal(workingSell).Raw;
        return this;
    }

    public StubRiskView SetEquity(int account, decimal value) => Set(equity, account, value);

    public StubRiskView SetGross(int account, decimal value) => Set(gross, account, value);

    public StubRiskView SetCash(int account, decimal value) => Set(cash, account, value);

    public StubRiskView SetDailyPnl(int account, decimal value) => Set(dailyPnl, account, value);

    public StubRiskView SetDrawdown(int account, double value)
    {
        drawdown[account] = value;
        return this;
    }

    public StubRiskView SetClass(int account, AssetClass assetClass, decimal exposure, decimal working = 0, double drawdownFraction = 0)
    {
        classExposure[(account * 3) + (int)assetClass] = Money.FromDecimal(exposure).Raw;
        classWorking[(account * 3) + (int)assetClass] = Money.FromDecimal(working).Raw;
        classDrawdown[(account * 3) + (int)assetClass] = drawdownFraction;
        return this;
    }

    public StubRiskView SetClassPnl(int account, AssetClass assetClass, decimal cost, decimal unrealizedPnl)
    {
        costBasis[(account * 3) + (int)assetClass] = Money.FromDecimal(cost).Raw;
        unrealized[(account * 3) + (int)assetClass] = Money.FromDecimal(unrealizedPnl).Raw;
        return this;
    }

    /// <summary>Quote-to-base rate of an instrument's quote currency (NaN: no rate yet).</summary>
    public StubRiskView SetFxRate(InstrumentId instrument, decimal rate)
    {
        fxRates[instrument.Value] = rate;
        return this;
    }

    public StubRiskView ClearFxRate(InstrumentId instrument)
    {
        fxRates[instrument.Value] = -1;
        return this;
    }

    public Quantity Position(AccountId account, InstrumentId instrument) => Quantity.FromRaw(positions[(account.Value * instruments) + instrument.Value]);

    public Quantity WorkingBuy(AccountId account, InstrumentId instrument) => Quantity.FromRaw(workingBuys[(account.Value * instruments) + instrument.Value]);

    public Quantity WorkingSell(AccountId account, InstrumentId instrument) => Quantity.FromRaw(workingSells[(account.Value * instruments) + instrument.Value]);

    public Money Equity(AccountId account) => Money.FromRaw(equity[account.Value]);

    public Money GrossExposure(AccountId account) => Money.FromRaw(gross[account.Value]);

    public Money ExposureOf(AccountId account, AssetClass assetClass) => Money.FromRaw(classExposure[(account.Value * 3) + (int)assetClass]);

    public Money WorkingExposure(AccountId account, AssetClass assetClass) => Money.FromRaw(classWorking[(account.Value * 3) + (int)assetClass]);

    public Money AvailableCash(AccountId account) => Money.FromRaw(cash[account.Value]);

    public Money DailyPnl(AccountId account) => Money.FromRaw(dailyPnl[account.Value]);

    public double Drawdown(AccountId account) => drawdown[account.Value];

    public double Drawdown(AccountId account, AssetClass assetClass) => classDrawdown[(account.Value * 3) + (int)assetClass];

    public Money CostBasis(AccountId account, AssetClass assetClass) => Money.FromRaw(costBasis[(account.Value * 3) + (int)assetClass]);

    public Money UnrealizedPnl(AccountId account, AssetClass assetClass) => Money.FromRaw(unrealized[(account.Value * 3) + (int)assetClass]);

    public bool TryToBase(AccountId account, InstrumentId instrument, Money quoteAmount, out Money baseAmount)
    {
        var rate = fxRates[instrument.Value];
        if (rate <= 0)
        {
            baseAmount = default;
            return false;
        }

        baseAmount = rate == 1 ? quoteAmount : quoteAmount.ConvertAt(Price.FromDecimal(rate));
        return true;
    }

    /// <summary>The mark of an instrument (quote currency) for the per-strategy exposures.</summary>
    public StubRiskView SetMark(InstrumentId instrument, decimal mark)
    {
        marks[instrument.Value] = Price.FromDecimal(mark).Raw;
        return this;
    }

    public bool TryGetMark(InstrumentId instrument, out Price mark)
    {
        mark = Price.FromRaw(marks[instrument.Value]);
        return mark.Raw > 0;
    }

    private StubRiskView Set(long[] values, int account, decimal value)
    {
        values[account] = Money.FromDecimal(value).Raw;
        return this;
    }
}
