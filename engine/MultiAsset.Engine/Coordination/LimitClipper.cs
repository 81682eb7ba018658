using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Risk;

namespace MultiAsset.Engine.Coordination;

/// <summary>
/// Clips an account's net order on one instrument to what the pre-trade gate would accept, by the gate's own rules
/// (see <see cref="PreTradeRiskGate"/>) on the state coordination can see. Per order; allocates nothing.
/// </summary>
/// <remarks>
/// <para>In order, each bound taking the quantity down (whole lots, toward zero), the first that binds named:</para>
/// <list type="number">
/// <item><c>maxOrderQuantity</c> → MaxQuantity; <c>maxOrderNotional</c> (base currency, the notional at the higher of
/// the order's price and the mark, rounded up, converted at the live FX rate) → MaxNotional.</item>
/// <item>Orders that only reduce the position even if every working order on their side fills stop here, as in the gate.</item>
/// <item><c>positionLimit.quantity</c> / <c>.notional</c>, on the worst-case position: filled + every working order on
/// the order's side + the order → PositionLimit.</item>
/// <item>Class exposure (filled + working + the order) within min(<c>maxAllocation</c>, class <c>maxLeverage</c>) × equity
/// → MaxAllocation; gross exposure (filled + all working + the order) within the account's <c>maxLeverage</c> × equity →
/// MaxLeverage (both need the account view).</item>
/// <item>Cash accounts: a buy within the available cash; a sell only down to flat → InsufficientFunds.</item>
/// <item>A rest below the instrument's minimum notional is dropped (the gate would refuse it as InvalidQuantity).</item>
/// </list>
/// <para>Every quantity bound is first estimated in <see langword="double"/> and then checked with the gate's exact
/// fixed-point arithmetic, a lot at a time, so the result never breaks a limit by rounding.</para>
/// </remarks>
internal sealed class LimitClipper
{
    // The double estimate is within a lot or two of the exact bound; more steps than this means a degenerate price.
    private const int MaxExactSteps = 16;

    private readonly OrderLimitTable limits;
    private readonly Valuation valuation;
    private readonly WorkingLedger ledger;
    private readonly long[] lot;
    private readonly long[] minNotional;
    private readonly AssetClass[] classOf;
    private readonly int[][] classInstruments;

    public LimitClipper(OrderLimitTable limits, Valuation valuation, WorkingLedger ledger, InstrumentCatalog catalog, long[] lot, AssetClass[] classOf)
    {
        this.limits = limits;
        this.valuation = valuation;
        this.ledger = ledger;
        this.lot = lot;
        this.classOf = classOf;
        minNotional = new long[catalog.Count];
        for (var i = 0; i < catalog.Count; i++)
        {
            minNotional[i] = catalog.Instruments[i].IsTradable ? catalog.Instruments[i].MinNotional.Raw : 0;
        }

        classInstruments = new int[StrategyBook.AssetClasses][];
        for (var c = 0; c < StrategyBook.AssetClasses; c++)
        {
            var list = new List<int>();
            for (var i = 0; i < classOf.Length; i++)
            {
                if ((int)classOf[i] == c && catalog.Instruments[i].IsTradable)
                {
                    list.Add(i);
                }
            }

            classInstruments[c] = [.. list];
        }
    }

    /// <summary>Whether any limit is configured (otherwise <see cref="Clip"/> returns its input).</summary>
    public bool IsActive => limits.IsLimited;

    /// <summary>
    /// <paramref name="net"/> (signed raw quantity, whole lots) clipped to the limits of <paramref name="account"/> on
    /// <paramref name="instrument"/> for an order priced at <paramref name="priceRaw"/>; <paramref name="binding"/> names
    /// the limit that cut it (Accepted when none did).
    /// </summary>
    public long Clip(int account, int instrument, long net, long priceRaw, out RiskVerdict binding)
    {
        binding = RiskVerdict.Accepted;
        if (!limits.IsLimited || net == 0)
        {
            return net;
        }

        var isBuy = net > 0;
        var l = lot[instrument];
        var q = Math.Abs(net);
        var mark = valuation.Mark(instrument);
        var value = Math.Max(priceRaw, mark);
        Cut(ref q, limits.MaxOrderQuantity(account, instrument) / l * l, RiskVerdict.MaxQuantity, ref binding);
        if (value <= 0)
        {
            // No price: the gate refuses with NoPrice whatever the size; nothing to clip against.
            return isBuy ? q : -q;
        }

        var unit = valuation.UnitValue(account, instrument, value);
        if (!(unit > 0))
        {
            return isBuy ? q : -q;
        }

        var maxNotional = Buffered(limits.MaxOrderNotional(account, instrument));
        if (maxNotional != long.MaxValue)
        {
            Cut(ref q, Lots(maxNotional, unit, l), RiskVerdict.MaxNotional, ref binding);
            while (q > 0 && valuation.NotionalBase(account, instrument, q, value) > maxNotional)
            {
                q -= l;
            }
        }

        // The gate's worst case: the filled position plus every working order on the order's side.
        var position = ledger.Filled(account, instrument);
        var start = isBuy ? position + ledger.WorkingBuy(account, instrument) : position - ledger.WorkingSell(account, instrument);
        if (isBuy ? start + q <= 0 : start - q >= 0)
        {
            return Finish(instrument, isBuy, q, value, ref binding);
        }

        // Room to the limit on this side; a start on the other side of flat adds the way back to it.
        var side = isBuy ? 1 : -1;
        var positionLimit = limits.PositionQuantity(account, instrument);
        if (positionLimit != long.MaxValue)
        {
            Cut(ref q, Math.Max(0, positionLimit - (side * start)) / l * l, RiskVerdict.PositionLimit, ref binding);
        }

        var positionNotional = Buffered(limits.PositionNotional(account, instrument));
        if (positionNotional != long.MaxValue)
        {
            Cut(ref q, Math.Max(0, Lots(positionNotional, unit, l) - (side * start / l * l)), RiskVerdict.PositionLimit, ref binding);
            for (var step = 0; q > 0 && step < MaxExactSteps && valuation.NotionalBase(account, instrument, start + (side * q), value) > positionNotional; step++)
            {
                q -= l;
            }

            if (q > 0 && valuation.NotionalBase(account, instrument, start + (side * q), value) > positionNotional)
            {
                q = 0;
            }
        }

        if (valuation.View is { } view)
        {
            Exposure(view, account, instrument, value, unit, ref q, ref binding);
            if (limits.CashOnly(account))
            {
                if (isBuy)
                {
                    var cash = view.AvailableCash(new AccountId(account)).Raw;
                    Cut(ref q, cash <= 0 ? 0 : Lots(cash, unit, l), RiskVerdict.InsufficientFunds, ref binding);
                    for (var step = 0; q > 0 && step < MaxExactSteps && valuation.NotionalBase(account, instrument, q, value) > cash; step++)
                    {
                        q -= l;
                    }
                }
                else
                {
                    // A cash account may not open or grow a short: a sell only down to flat.
                    Cut(ref q, Math.Max(0, start + q) / l * l, RiskVerdict.InsufficientFunds, ref binding);
                }
            }
        }

        return Finish(instrument, isBuy, q, value, ref binding);
    }

    private void Exposure(ICoordinationAccountView view, int account, int instrument, long value, double unit, ref long q, ref RiskVerdict binding)
    {
        var c = (int)classOf[instrument];
        var accountLeverage = limits.AccountLeverage(account);
        var allocation = limits.ClassAllocation(account, c);
        var classLeverage = limits.ClassLeverage(account, c);
        var classRatio = allocation.PartsPerMillion <= classLeverage.PartsPerMillion ? allocation : classLeverage;
        if (classRatio.IsUnlimited && accountLeverage.IsUnlimited)
        {
            return;
        }

        var id = new AccountId(account);
        var equity = view.Equity(id).Raw;
        if (!classRatio.IsUnlimited)
        {
            var used = Add(view.ExposureOf(id, (AssetClass)c).Raw, WorkingExposure(view, account, c));
            var reason = allocation.PartsPerMillion <= classLeverage.PartsPerMillion ? RiskVerdict.MaxAllocation : RiskVerdict.MaxLeverage;
            CutExposure(account, instrument, value, unit, classRatio, used, equity, reason, ref q, ref binding);
        }

        if (!accountLeverage.IsUnlimited && q > 0)
        {
            var used = view.GrossExposure(id).Raw;
            for (var k = 0; k < StrategyBook.AssetClasses; k++)
            {
                used = Add(used, WorkingExposure(view, account, k));
            }

            CutExposure(account, instrument, value, unit, accountLeverage, used, equity, RiskVerdict.MaxLeverage, ref q, ref binding);
        }
    }

    /// <summary>
    /// A notional limit less the safety buffer coordination keeps below it (<see cref="NotionalBufferDivisor"/>: 2 %):
    /// the gate values a position at the mark of the moment it checks, so an order sized to the last unit of a limit
    /// is refused by the next tick against it — the default run showed 7 such refusals in its first simulated hour.
    /// </summary>
    private static long Buffered(long limit) => limit == long.MaxValue || limit <= 0 ? limit : limit - (limit / NotionalBufferDivisor);

    /// <summary><see cref="Buffered"/> keeps 1 / 50 = 2 % of every notional limit free.</summary>
    private const long NotionalBufferDivisor = 50;

    /// <summary>Largest q with used + notional(q) ≤ ratio × equity (the gate's <see cref="RiskRatio.Allows(long, long)"/>).</summary>
    private void CutExposure(int account, int instrument, long value, double unit, RiskRatio ratio, long used, long equity, RiskVerdict reason, ref long q, ref RiskVerdict binding)
    {
        var l = lot[instrument];
        if (equity <= 0 || !ratio.Allows(used, equity))
        {
            Cut(ref q, 0, reason, ref binding);
            return;
        }

        var capacity = (double)equity * ratio.PartsPerMillion / RiskRatio.One - used;
        Cut(ref q, Lots((long)Math.Min(capacity, long.MaxValue / 2), unit, l), reason, ref binding);
        for (var step = 0; q > 0 && step < MaxExactSteps && !ratio.Allows(Add(used, valuation.NotionalBase(account, instrument, q, value)), equity); step++)
        {
            q -= l;
        }

        if (q > 0 && !ratio.Allows(Add(used, valuation.NotionalBase(account, instrument, q, value)), equity))
        {
            q = 0;
        }
    }

    /// <summary>The gate's working exposure of a class: Σ (working buy + sell) × mark, converted (0 when nothing works).</summary>
    private long WorkingExposure(ICoordinationAccountView view, int account, int assetClass)
    {
        if (!ledger.HasWorking(account, assetClass))
        {
            return 0;
        }

        long total = 0;
        var instruments = classInstruments[assetClass];
        var id = new AccountId(account);
        for (var k = 0; k < instruments.Length; k++)
        {
            var i = instruments[k];
            var open = ledger.WorkingBuy(account, i) + ledger.WorkingSell(account, i);
            if (open == 0 || !view.TryMark(new InstrumentId(i), out var mark)
                || !view.TryToBase(id, new InstrumentId(i), Money.FromRaw(Valuation.Product(open, mark.Raw)), out var inBase))
            {
                continue;
            }

            total = Add(total, inBase.Raw);
        }

        return total;
    }

    private long Finish(int instrument, bool isBuy, long q, long value, ref RiskVerdict binding)
    {
        // A rest the venue would not take (below the minimum notional) is no order at all.
        if (q > 0 && Valuation.NotionalCeiling(q, value) < minNotional[instrument])
        {
            Cut(ref q, 0, RiskVerdict.InvalidQuantity, ref binding);
        }

        return isBuy ? q : -q;
    }

    private static void Cut(ref long q, long bound, RiskVerdict reason, ref RiskVerdict binding)
    {
        if (bound < q)
        {
            q = Math.Max(0, bound);
            if (binding == RiskVerdict.Accepted)
            {
                binding = reason;
            }
        }
    }

    /// <summary>Whole lots of <paramref name="lotRaw"/> worth at most <paramref name="moneyRaw"/> at <paramref name="unit"/> base currency per unit.</summary>
    private static long Lots(long moneyRaw, double unit, long lotRaw)
    {
        if (moneyRaw <= 0)
        {
            return 0;
        }

        var units = moneyRaw / (double)FixedPoint.Scale / unit;
        var raw = units * Quantity.Scale;
        if (!(raw < LotMath.MaxRaw))
        {
            return LotMath.MaxRaw / lotRaw * lotRaw;
        }

        return (long)raw / lotRaw * lotRaw;
    }

    private static long Add(long a, long b)
    {
        var sum = unchecked(a + b);
        return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? long.MinValue : long.MaxValue) : sum;
    }
}
