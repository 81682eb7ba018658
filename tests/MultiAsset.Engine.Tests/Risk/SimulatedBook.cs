using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Risk;

namespace MultiAsset.Engine.Tests.Risk;

/// <summary>
/// A minimal account book for one account in USD: positions, working orders, cash and marks, with every view figure
/// computed from them. Accepted orders are applied as fills (at the current mark) or kept working until filled or
/// cancelled. Prices and quantities stay on grids whose products are exact, so equity never moves on a fill.
/// </summary>
internal sealed class SimulatedBook : IRiskAccountView
{
    private readonly AssetClass[] classes;
    private readonly long[] marks;
    private readonly long[] positions;
    private readonly long[] workingBuys;
    private readonly long[] workingSells;
    private readonly List<(InstrumentId Instrument, OrderSide Side, long Quantity)> working = [];
    private long peakEquity;

    public SimulatedBook(IReadOnlyList<AssetClass> instrumentClasses, decimal startingCash)
    {
        classes = [.. instrumentClasses];
        marks = new long[classes.Length];
        positions = new long[classes.Length];
        workingBuys = new long[classes.Length];
        workingSells = new long[classes.Length];
        Cash = Money.FromDecimal(startingCash).Raw;
        StartEquity = Cash;
        peakEquity = Cash;
    }

    public long Cash { get; private set; }

    public long StartEquity { get; }

    public int WorkingCount => working.Count;

    public long Mark(InstrumentId instrument) => marks[instrument.Value];

    public void SetMark(InstrumentId instrument, Price mark)
    {
        marks[instrument.Value] = mark.Raw;
        peakEquity = Math.Max(peakEquity, EquityRaw());
    }

    /// <summary>Applies an accepted order: a fill now, or a working order.</summary>
    public void Apply(in OrderEvent order, bool fillNow)
    {
        if (fillNow)
        {
            Fill(order.Instrument, order.Side, order.Quantity.Raw);
            return;
        }

        working.Add((order.Instrument, order.Side, order.Quantity.Raw));
        (order.Side == OrderSide.Buy ? workingBuys : workingSells)[order.Instrument.Value] += order.Quantity.Raw;
    }

    /// <summary>Fills (at the current mark) or cancels the working order at <paramref name="pick"/> modulo the count.</summary>
    public void Resolve(int pick, bool fill)
    {
        if (working.Count == 0)
        {
            return;
        }

        var (instrument, side, quantity) = working[pick % working.Count];
        working.RemoveAt(pick % working.Count);
        (side == OrderSide.Buy ? workingBuys : workingSells)[instrument.Value] -= quantity;
        if (fill)
        {
            Fill(instrument, side, quantity);
        }
    }

    /// <summary>Worst-case |position| of an instrument if any subset of its working orders fills.</summary>
    public long WorstQuantity(int i) => Math.Max(Math.Abs(positions[i] + workingBuys[i]), Math.Abs(positions[i] - workingSells[i]));

    /// <summary>Worst-case value of an instrument's position at the current mark.</summary>
    public long WorstValue(int i) => Value(WorstQuantity(i), marks[i]);

    public long WorstClassValue(AssetClass assetClass)
    {
        long total = 0;
        for (var i = 0; i < classes.Length; i++)
        {
            total += classes[i] == assetClass ? WorstValue(i) : 0;
        }

        return total;
    }

    public long WorstGrossValue()
    {
        long total = 0;
        for (var i = 0; i < classes.Length; i++)
        {
            total += WorstValue(i);
        }

        return total;
    }

    /// <summary>Lowest position any subset of working sells could leave (a cash account must keep it ≥ 0).</summary>
    public long LowestPosition(int i) => positions[i] - workingSells[i];

    public long EquityRaw()
    {
        long equity = Cash;
        for (var i = 0; i < classes.Length; i++)
        {
            equity += Price.FromRaw(marks[i]).Multiply(Quantity.FromRaw(positions[i])).Raw;
        }

        return equity;
    }

    public long AvailableCashRaw()
    {
        long available = Cash;
        for (var i = 0; i < classes.Length; i++)
        {
            available -= Value(workingBuys[i], marks[i]);
        }

        return available;
    }

    public Quantity Position(AccountId account, InstrumentId instrument) => Quantity.FromRaw(positions[instrument.Value]);

    public Quantity WorkingBuy(AccountId account, InstrumentId instrument) => Quantity.FromRaw(workingBuys[instrument.Value]);

    public Quantity WorkingSell(AccountId account, InstrumentId instrument) => Quantity.FromRaw(workingSells[instrument.Value]);

    public Money Equity(AccountId account) => Money.FromRaw(EquityRaw());

    public Money GrossExposure(AccountId account) => Sum(i => Value(Math.Abs(positions[i]), marks[i]), null);

    public Money ExposureOf(AccountId account, AssetClass assetClass) => Sum(i => Value(Math.Abs(positions[i]), marks[i]), assetClass);

    public Money WorkingExposure(AccountId account, AssetClass assetClass) => Sum(i => Value(workingBuys[i] + workingSells[i], marks[i]), assetClass);

    public Money AvailableCash(AccountId account) => Money.FromRaw(AvailableCashRaw());

    public Money DailyPnl(AccountId account) => Money.FromRaw(EquityRaw() - StartEquity);

    public double Drawdown(AccountId account) => peakEquity <= 0 ? 1 : Math.Max(0, (peakEquity - EquityRaw()) / (double)peakEquity);

    public double Drawdown(AccountId account, AssetClass assetClass) => 0;

    public Money CostBasis(AccountId account, AssetClass assetClass) => Money.Zero;

    public Money UnrealizedPnl(AccountId account, AssetClass assetClass) => Money.Zero;

    public bool TryToBase(AccountId account, InstrumentId instrument, Money quoteAmount, out Money baseAmount)
    {
        baseAmount = quoteAmount; // everything is quoted in USD, the account's currency
        return true;
    }

    public bool TryGetMark(InstrumentId instrument, out Price mark)
    {
        mark = Price.FromRaw(marks[instrument.Value]);
        return mark.Raw > 0;
    }

    private static long Value(long quantityRaw, long markRaw) => Price.FromRaw(markRaw).Multiply(Quantity.FromRaw(quantityRaw)).Raw;

    private Money Sum(Func<int, long> value, AssetClass? only)
    {
        long total = 0;
        for (var i = 0; i < classes.Length; i++)
        {
            total += only is null || classes[i] == only ? value(i) : 0;
        }

        return Money.FromRaw(total);
    }

    private void Fill(InstrumentId instrument, OrderSide side, long quantity)
    {
        long signed = side == OrderSide.Buy ? quantity : -quantity;
        positions[instrument.Value] += signed;
        Cash -= Price.FromRaw(marks[instrument.Value]).Multiply(Quantity.FromRaw(signed)).Raw;
        peakEquity = Math.Max(peakEquity, EquityRaw());
    }
}
