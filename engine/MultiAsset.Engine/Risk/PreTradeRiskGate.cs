using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using MultiAsset.Engine.Journal.Audit;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Risk;

/// <summary>
/// The pre-trade risk gate: decides, per order, whether it may go to the router, and writes the verdict into the order.
/// Owned by the risk stage; single-threaded; never allocates per order.
/// </summary>
/// <remarks>
/// <para><b>Order of checks</b> (the first failure is the verdict; cheap and decisive checks come first):</para>
/// <list type="number">
/// <item>Kill switch, global or the account's → <c>KillSwitch</c>.</item>
/// <item>Static order checks: a side, a positive whole number of lots → <c>InvalidQuantity</c>; <c>maxOrderQuantity</c>
/// → <c>MaxQuantity</c>.</item>
/// <item>Market hours from the instrument's trading calendar (reference series are never open) → <c>MarketClosed</c>, or
/// <c>HeldUntilOpen</c> when the account's policy is Hold.</item>
/// <item>Price: a usable mid and FX rate → <c>NoPrice</c>; the order's price (limit, or the reference mid of a market order,
/// when set) within <c>priceCollar</c> of the mid → <c>PriceCollar</c>; notional at least the instrument's minimum →
/// <c>InvalidQuantity</c>; notional within <c>maxOrderNotional</c> → <c>MaxNotional</c>.</item>
/// <item>Gate state: the account's order rate → <c>OrderRate</c>; an identical order accepted within the duplicate
/// window → <c>Duplicate</c>.</item>
/// <item>Account state, skipped for orders that only reduce a position (see below): the daily loss limit →
/// <c>DailyLossLimit</c>; account and class drawdown → <c>MaxDrawdown</c>.</item>
/// <item>Post-trade state, skipped for reducing orders: the position after the order counting working orders on the same
/// side → <c>PositionLimit</c>; class exposure → <c>MaxAllocation</c>, then <c>MaxLeverage</c> (class); gross exposure →
/// <c>MaxLeverage</c> (account); for cash accounts, available cash (and no shorting) → <c>InsufficientFunds</c>.</item>
/// <item>The VaR budget (<see cref="VarBudget"/>, when the account has a <c>varLimit</c>), skipped for reducing orders: VaR +
/// working VaR + the order's incremental VaR above the budget with a positive incremental, or risk the engine cannot
/// estimate → <c>VarLimit</c>. After the exact limits (so an order over a hard cap names that cap, and the estimate is
/// not consulted for orders already refused), before the strategy's own limits (an account limit, like steps 6–7).</item>
/// <item>The strategy's own document limits (<see cref="CheckStrategy"/>, when a <see cref="Strategies"/> book is attached),
/// skipped for orders that reduce the strategy's position: <c>StrategyMaxDrawdown</c>, <c>StrategyMaxAllocation</c>,
/// <c>StrategyMaxLeverage</c>.</item>
/// </list>
/// <para><b>Post-trade means worst case.</b> Exposure after the order is taken as filled exposure + the notional of every
/// working order + this order's notional, which bounds the exposure of any combination of fills; the position after the
/// order adds every working order on the order's side. So no accepted order can take an account past a limit at the
/// current marks, whatever then fills. The order is valued at the higher of the mid and its price, rounded up.</para>
/// <para><b>Reducing orders</b> — a sell that leaves the position ≥ 0 (or a buy that leaves it ≤ 0) even if every working
/// order on that side fills — cannot raise any exposure, so they skip the account-state and post-trade checks: a
/// breached account can always get smaller. The kill switch, order, price and rate checks still apply.</para>
/// <para><b>State</b>: the throttle and duplicate memory change only when an order is accepted; every verdict is counted
/// per account and reason. <see cref="AppendDigest"/> covers all of it (the calendar cursors are caches, left out).</para>
/// </remarks>
public sealed partial class PreTradeRiskGate : IStateDigest
{
    private readonly int accountCount;
    private readonly int instrumentCount;
    private readonly AccountRiskLimits[] accountLimits;
    private readonly ClassRiskLimits[] classLimits;
    private readonly InstrumentRiskLimits[] instrumentLimits;
    private readonly RiskInstrument[] instruments;
    private readonly TradingCalendar[] calendars;
    private readonly SessionCursor[] cursors;
    private readonly KillSwitches killSwitches;
    private readonly OrderThrottle throttle;
    private readonly DuplicateOrderFilter duplicates;
    private readonly RiskVerdictCounters counters;
    private VarBudget? varBudget;

    /// <summary>Creates a gate enforcing <paramref name="config"/> on the instruments of <paramref name="catalog"/>.</summary>
    /// <exception cref="ArgumentException">The configuration was built for a different number of instruments.</exception>
    public PreTradeRiskGate(RiskConfig config, InstrumentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(catalog);
        if (config.InstrumentCount != catalog.Count)
        {
            throw new ArgumentException($"The risk configuration covers {config.InstrumentCount} instruments but the catalogue has {catalog.Count}.", nameof(config));
        }

        Config = config;
        accountCount = config.AccountCount;
        instrumentCount = catalog.Count;
        accountLimits = config.AccountTable;
        classLimits = config.ClassTable;
        instrumentLimits = config.InstrumentTable;
        instruments = new RiskInstrument[instrumentCount];
        calendars = new TradingCalendar[instrumentCount];
        cursors = new SessionCursor[instrumentCount];
        for (int i = 0; i < instrumentCount; i++)
        {
            var instrument = catalog.Instruments[i];
            instruments[i] = new RiskInstrument(instrument.LotSize.Raw, instrument.MinNotional.Raw, instrument.AssetClass, instrument.IsTradable);
            calendars[i] = instrument.Calendar;
        }

        killSwitches = new KillSwitches(accountCount);
        throttle = new OrderThrottle(config);
        duplicates = new DuplicateOrderFilter(config);
        counters = new RiskVerdictCounters(accountCount);
    }

    /// <summary>The limits being enforced.</summary>
    public RiskConfig Config { get; }

    /// <inheritdoc/>
    public string DigestName => "risk-gate";

    /// <summary>The VaR budgets and their estimates; null when no account has a <c>varLimit</c> (or not attached).</summary>
    public VarBudget? Var => varBudget;

    /// <summary>
    /// What the rule that decided the last <see cref="Check"/> compared (value and limit), for the audit trail;
    /// default when the order was accepted or the rule compares no single number.
    /// </summary>
    public RiskComparison LastComparison { get; private set; }

    /// <summary>Whether the global kill switch is on (every account halted).</summary>
    public bool IsGlobalKillSwitchOn => killSwitches.Global;

    /// <summary>
    /// Checks <paramref name="order"/> against every limit (in the order given in the remarks of
    /// <see cref="PreTradeRiskGate"/>), writes the verdict into <see cref="OrderEvent.RiskVerdict"/>, counts it and returns it.
    /// </summary>
    /// <typeparam name="TView">The account view; a struct, so the JIT specialises this method for it.</typeparam>
    /// <param name="order">The order; only its verdict is written.</param>
    /// <param name="now">Engine time, Unix nanoseconds: market hours, throttle and duplicate windows are judged at it.</param>
    /// <param name="mid">Current mid of the order's instrument in its quote currency; NaN or ≤ 0 when unknown.</param>
    /// <param name="view">The accounts' positions, exposures and P&amp;L at the same mids.</param>
    /// <exception cref="ArgumentOutOfRangeException">The order's account or instrument id is not one the gate was built for (a wiring bug).</exception>
    public RiskVerdict Check<TView>(ref OrderEvent order, long now, double mid, in TView view)
        where TView : IRiskAccountView
    {
        int account = order.Account.Value;
        int instrument = order.Instrument.Value;
        if ((uint)account >= (uint)accountCount || (uint)instrument >= (uint)instrumentCount)
        {
            ThrowUnknownIds(order.Account, order.Instrument);
        }

        LastComparison = default;
        var verdict = Evaluate(ref order, account, instrument, now, mid, in view);
        order.RiskVerdict = verdict;
        counters.Increment(account, verdict);
        Strategies?.Record(in order, verdict);
        return verdict;
    }

    /// <summary>
    /// Refuses <paramref name="order"/> with <see cref="RiskVerdict.StageFault"/>: its handling failed (an exception in the
    /// risk stage or its hooks). A verdict the gate had already counted for it is taken back, so each order counts once.
    /// Orders of an account the gate does not know are not counted here (the stage counts every fault).
    /// </summary>
    public void RefuseFault(ref OrderEvent order)
    {
        int account = order.Account.Value;
        if ((uint)account < (uint)accountCount)
        {
            if (order.RiskVerdict != RiskVerdict.Pending && (int)order.RiskVerdict < RiskLimits.VerdictCount)
            {
                counters.Decrement(account, order.RiskVerdict);
            }

            counters.Increment(account, RiskVerdict.StageFault);
        }

        order.RiskVerdict = RiskVerdict.StageFault;
    }

    /// <summary>
    /// Creates the VaR estimates (<see cref="Var"/>) when some account has a <c>varLimit</c>; once, when the risk stage is
    /// wired (before any order). Without it, budgets are not enforced.
    /// </summary>
    /// <param name="universe">The covariance universe: instrument ids in the covariance matrix's row order.</param>
    /// <param name="covarianceIntervalNanoseconds">The covariance's observation interval (horizon scaling).</param>
    /// <param name="minimumObservations">Observations the covariance needs before an estimate is used.</param>
    /// <returns>The estimates, or null when no account has a budget.</returns>
    public VarBudget? AttachVar(IReadOnlyList<int> universe, long covarianceIntervalNanoseconds, long minimumObservations)
    {
        if (varBudget is not null)
        {
            throw new InvalidOperationException("The VaR estimates are already attached.");
        }

        bool any = false;
        for (var a = 0; a < accountCount; a++)
        {
            any |= accountLimits[a].Var.IsSet;
        }

        varBudget = any ? new VarBudget(Config, universe, covarianceIntervalNanoseconds, minimumObservations) : null;
        return varBudget;
    }

    /// <summary>Turns the kill switch of <paramref name="account"/>, or the global one when null, on or off.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not an account of the configuration.</exception>
    public void SetKillSwitch(AccountId? account, bool on) => killSwitches.Set(account, on);

    /// <summary>Whether orders of <paramref name="account"/> are blocked by its own or the global kill switch.</summary>
    public bool IsHalted(AccountId account) => killSwitches.IsHalted(account.Value);

    /// <summary>
    /// Writes the halted accounts (own or global switch on) into <paramref name="destination"/>, so the router can cancel
    /// their working orders, and returns how many accounts are halted; when that exceeds the span's length only the first
    /// ones were written. Does not allocate.
    /// </summary>
    public int HaltedAccounts(Span<AccountId> destination) => killSwitches.Halted(destination);

    /// <summary>How many orders of <paramref name="account"/> got <paramref name="verdict"/>.</summary>
    public long VerdictCount(AccountId account, RiskVerdict verdict) => counters.Get(account.Value, verdict);

    /// <summary>How many orders of all accounts got <paramref name="verdict"/>.</summary>
    public long VerdictTotal(RiskVerdict verdict) => counters.Total(verdict);

    /// <summary>
    /// When the market of <paramref name="instrument"/> next opens at or after <paramref name="now"/> (its current session's
    /// open when it is open now): when an order held with <c>HeldUntilOpen</c> is worth checking again. Computes from the
    /// calendar (not for the per-order path).
    /// </summary>
    public long NextOpen(InstrumentId instrument, long now) => calendars[instrument.Value].SessionAt(now).Open;

    /// <inheritdoc/>
    public void AppendDigest(StateDigestBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        killSwitches.AppendDigest(builder);
        throttle.AppendDigest(builder);
        duplicates.AppendDigest(builder);
        counters.AppendDigest(builder);
        varBudget?.AppendDigest(builder);
    }

    private RiskVerdict Evaluate<TView>(ref OrderEvent order, int account, int instrument, long now, double mid, in TView view)
        where TView : IRiskAccountView
    {
        if (killSwitches.IsHalted(account))
        {
            return RiskVerdict.KillSwitch;
        }

        ref readonly var facts = ref instruments[instrument];
        ref readonly var limits = ref instrumentLimits[(account * instrumentCount) + instrument];
        long quantity = order.Quantity.Raw;
        var side = order.Side;
        if (quantity <= 0 || (side != OrderSide.Buy && side != OrderSide.Sell) || quantity % facts.LotRaw != 0)
        {
            return RiskVerdict.InvalidQuantity;
        }

        if (quantity > limits.MaxOrderQuantity.Raw)
        {
            return Refuse(RiskVerdict.MaxQuantity, quantity, limits.MaxOrderQuantity.Raw, AuditValueUnit.Quantity);
        }

        if (!facts.Tradable)
        {
            return RiskVerdict.MarketClosed;
        }

        if (!calendars[instrument].IsOpen(now, ref cursors[instrument]))
        {
            return accountLimits[account].ClosedMarket == ClosedMarketPolicy.Hold ? RiskVerdict.HeldUntilOpen : RiskVerdict.MarketClosed;
        }

        // "mid > 0" is false for NaN too.
        if (!(mid > 0) || !Price.TryFromDouble(mid, out var midPrice) || midPrice.Raw <= 0)
        {
            return RiskVerdict.NoPrice;
        }

        long midRaw = midPrice.Raw;
        long priceRaw = order.LimitPrice.Raw;
        if (priceRaw != 0 && (priceRaw < 0 || !limits.PriceCollar.Allows(Math.Abs(priceRaw - midRaw), midRaw)))
        {
            return Refuse(RiskVerdict.PriceCollar, priceRaw < 0 ? priceRaw : Math.Abs(priceRaw - midRaw), Allowed(limits.PriceCollar, midRaw), AuditValueUnit.Price);
        }

        // The venue judges the minimum on the order's own price; limits judge it at the higher of that and the mid, so a
        // buy limit above the mid or a sell that the market lifts is never under-valued.
        if (RiskMath.NotionalCeiling(quantity, priceRaw > 0 ? priceRaw : midRaw) < facts.MinNotionalRaw)
        {
            return RiskVerdict.InvalidQuantity;
        }

        long valuationRaw = Math.Max(priceRaw, midRaw);
        if (!view.TryToBase(order.Account, order.Instrument, Money.FromRaw(RiskMath.NotionalCeiling(quantity, valuationRaw)), out var notional))
        {
            return RiskVerdict.NoPrice;
        }

        if (notional.Raw > limits.MaxOrderNotional.Raw)
        {
            return Refuse(RiskVerdict.MaxNotional, notional.Raw, limits.MaxOrderNotional.Raw, AuditValueUnit.Money);
        }

        if (!throttle.Allows(account, now))
        {
            return RiskVerdict.OrderRate;
        }

        if (duplicates.IsDuplicate(account, instrument, side, quantity, now))
        {
            return RiskVerdict.Duplicate;
        }

        double varIncrement = 0;
        var verdict = CheckAccount(in order, account, facts.AssetClass, in limits, quantity, valuationRaw, notional.Raw, in view, ref varIncrement);
        if (verdict == RiskVerdict.Accepted)
        {
            verdict = CheckStrategy(in order, facts.AssetClass, quantity, notional.Raw, in view);
        }

        if (verdict == RiskVerdict.Accepted)
        {
            throttle.Record(account, now);
            duplicates.Record(account, instrument, side, quantity, now);
            varBudget?.Commit(account, varIncrement);
        }

        return verdict;
    }

    /// <summary>
    /// The account-state, post-trade and VaR checks (steps 6–8); Accepted when all pass or the order only reduces.
    /// <paramref name="varIncrement"/> receives the order's incremental VaR when the VaR check ran.
    /// </summary>
    private RiskVerdict CheckAccount<TView>(
        in OrderEvent order, int account, AssetClass assetClass, in InstrumentRiskLimits limits, long quantity, long valuationRaw, long notional, in TView view,
        ref double varIncrement)
        where TView : IRiskAccountView
    {
        var accountId = order.Account;
        var instrumentId = order.Instrument;
        long position = view.Position(accountId, instrumentId).Raw;
        bool buy = order.Side == OrderSide.Buy;
        // Worst-case position on the order's side: every working order on that side fills, then this one.
        long after = buy
            ? RiskMath.AddSaturating(RiskMath.AddSaturating(position, view.WorkingBuy(accountId, instrumentId).Raw), quantity)
            : RiskMath.AddSaturating(RiskMath.AddSaturating(position, -view.WorkingSell(accountId, instrumentId).Raw), -quantity);
        if (buy ? after <= 0 : after >= 0)
        {
            return RiskVerdict.Accepted;
        }

        ref readonly var accountLimit = ref accountLimits[account];
        ref readonly var classLimit = ref classLimits[(account * RiskLimits.AssetClassCount) + (int)assetClass];
        long dailyLimit = accountLimit.DailyLossLimit.Raw;
        if (dailyLimit != long.MaxValue && view.DailyPnl(accountId).Raw <= -dailyLimit)
        {
            return Refuse(RiskVerdict.DailyLossLimit, view.DailyPnl(accountId).Raw, -dailyLimit, AuditValueUnit.Money);
        }

        if (accountLimit.MaxDrawdown.IsReachedBy(view.Drawdown(accountId))
            || classLimit.MaxDrawdown.IsReachedBy(view.Drawdown(accountId, assetClass)))
        {
            return RiskVerdict.MaxDrawdown;
        }

        long absoluteAfter = RiskMath.AbsSaturating(after);
        if (absoluteAfter > limits.PositionLimitQuantity.Raw)
        {
            return Refuse(RiskVerdict.PositionLimit, absoluteAfter, limits.PositionLimitQuantity.Raw, AuditValueUnit.Quantity);
        }

        if (limits.PositionLimitNotional.Raw != long.MaxValue)
        {
            var positionQuote = Money.FromRaw(RiskMath.NotionalCeiling(absoluteAfter, valuationRaw));
            if (!view.TryToBase(accountId, instrumentId, positionQuote, out var positionValue))
            {
                return RiskVerdict.NoPrice;
            }

            if (positionValue.Raw > limits.PositionLimitNotional.Raw)
            {
                return Refuse(RiskVerdict.PositionLimit, positionValue.Raw, limits.PositionLimitNotional.Raw, AuditValueUnit.Money);
            }
        }

        var verdict = CheckExposure(accountId, assetClass, in accountLimit, in classLimit, buy, notional, in view);
        var budget = varBudget;
        if (verdict != RiskVerdict.Accepted || budget is null)
        {
            return verdict;
        }

        return budget.Allows(account, instrumentId.Value, buy, notional, out varIncrement) ? RiskVerdict.Accepted : RiskVerdict.VarLimit;
    }

    /// <summary>Allocation, leverage and cash after the order (the tail of step 7).</summary>
    private RiskVerdict CheckExposure<TView>(
        AccountId accountId, AssetClass assetClass, in AccountRiskLimits accountLimit, in ClassRiskLimits classLimit, bool buy, long notional, in TView view)
        where TView : IRiskAccountView
    {
        bool classLimited = !classLimit.MaxAllocation.IsUnlimited || !classLimit.MaxLeverage.IsUnlimited;
        if (classLimited || !accountLimit.MaxLeverage.IsUnlimited)
        {
            long equity = view.Equity(accountId).Raw;
            if (classLimited)
            {
                long classExposure = RiskMath.AddSaturating(
                    RiskMath.AddSaturating(view.ExposureOf(accountId, assetClass).Raw, view.WorkingExposure(accountId, assetClass).Raw), notional);
                if (!classLimit.MaxAllocation.Allows(classExposure, equity))
                {
                    return Refuse(RiskVerdict.MaxAllocation, classExposure, Allowed(classLimit.MaxAllocation, equity), AuditValueUnit.Money);
                }

                if (!classLimit.MaxLeverage.Allows(classExposure, equity))
                {
                    return Refuse(RiskVerdict.MaxLeverage, classExposure, Allowed(classLimit.MaxLeverage, equity), AuditValueUnit.Money);
                }
            }

            if (!accountLimit.MaxLeverage.IsUnlimited)
            {
                long gross = RiskMath.AddSaturating(view.GrossExposure(accountId).Raw, notional);
                for (int c = 0; c < RiskLimits.AssetClassCount; c++)
                {
                    gross = RiskMath.AddSaturating(gross, view.WorkingExposure(accountId, (AssetClass)c).Raw);
                }

                if (!accountLimit.MaxLeverage.Allows(gross, equity))
                {
                    return Refuse(RiskVerdict.MaxLeverage, gross, Allowed(accountLimit.MaxLeverage, equity), AuditValueUnit.Money);
                }
            }
        }

        // A cash account cannot go short (a non-reducing sell opens or grows one) nor spend cash it does not have.
        if (accountLimit.CashOnly && (!buy || notional > view.AvailableCash(accountId).Raw))
        {
            // A cash account's short sale: nothing may be sold short (limit 0).
            return Refuse(RiskVerdict.InsufficientFunds, notional, buy ? view.AvailableCash(accountId).Raw : 0, AuditValueUnit.Money);
        }

        return RiskVerdict.Accepted;
    }

    /// <summary>Records what the refusing rule compared (<see cref="LastComparison"/>) and returns its verdict.</summary>
    private RiskVerdict Refuse(RiskVerdict verdict, long value, long limit, AuditValueUnit unit)
    {
        LastComparison = new RiskComparison(value, limit, unit);
        return verdict;
    }

    /// <summary>The amount a ratio limit allows on <paramref name="basisRaw"/> (long.MaxValue unlimited), saturated.</summary>
    private static long Allowed(RiskRatio ratio, long basisRaw)
    {
        if (ratio.IsUnlimited)
        {
            return long.MaxValue;
        }

        var amount = (Int128)basisRaw * ratio.PartsPerMillion / RiskRatio.One;
        return amount > long.MaxValue ? long.MaxValue : amount < long.MinValue ? long.MinValue : (long)amount;
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowUnknownIds(AccountId account, InstrumentId instrument) =>
        throw new ArgumentOutOfRangeException(
            nameof(account), $"Order for account #{account.Value} / instrument #{instrument.Value}, but the gate knows {accountCount} accounts and {instrumentCount} instruments.");
}
