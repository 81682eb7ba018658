using MultiAsset.Engine.Journal.Audit;
using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Portfolio.Accounts;
using MultiAsset.Engine.Ring;
using MultiAsset.Engine.Risk.Strategies;

namespace MultiAsset.Engine.Risk;

/// <summary>
/// Stage 4 on the order ring: checks every new order with the pre-trade risk gate and writes its verdict into the
/// slot (the router, after it on the same ring, works only accepted orders). Owns the gate's state and the ledger of
/// working orders; reads the account book and the market analytics in place. Forwarded execution reports shrink the
/// working ledger; kill-switch events flip the gate's switches (the router, seeing the same event, cancels).
/// </summary>
public sealed partial class RiskStage : IValueEventHandler<OrderEvent>, IStateDigest
{
    private readonly PreTradeRiskGate gate;
    private readonly MarketAnalytics analytics;
    private readonly AccountBookRiskView view;
    private readonly DigestRequest digest = new();

    /// <summary>Creates the stage; with <paramref name="strategies"/>, strategy documents' limits are enforced too.</summary>
    /// <param name="gate">The gate, not yet attached to a stage.</param>
    /// <param name="accounts">The accounts stage whose book the gate reads.</param>
    /// <param name="analytics">The market-data analytics (mids; the covariance behind the VaR budgets).</param>
    /// <param name="strategies">The per-strategy book, or null for no strategy limits.</param>
    /// <param name="analyticsOptions">
    /// The options <paramref name="analytics"/> was built with: the covariance interval (VaR horizon scaling) and λ (the
    /// warm-up, ⌈1 ÷ (1 − λ)⌉ observations). Null = the defaults (60 s, 0.94), which are also the shipped engine.json's.
    /// </param>
    public RiskStage(PreTradeRiskGate gate, AccountsStage accounts, MarketAnalytics analytics, StrategyRiskBook? strategies = null, AnalyticsOptions? analyticsOptions = null)
    {
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(analytics);
        this.gate = gate;
        this.analytics = analytics;
        Working = new WorkingOrders(accounts.Book.AccountCount, accounts.Book.Catalog.Count);
        view = AccountBookRiskView.Create(accounts.Book, Working, accounts.Classes);
        AttachStrategies(strategies);
        analyticsOptions ??= new AnalyticsOptions();
        gate.AttachVar(
            analytics.Covariance.Universe,
            analyticsOptions.CorrelationIntervalSeconds * 1_000_000_000L,
            (long)Math.Ceiling((1 / (1 - analyticsOptions.CorrelationLambda)) - 1e-9));
    }

    /// <summary>The gate (verdict counters, kill switches).</summary>
    public PreTradeRiskGate Gate => gate;

    /// <summary>Accepted orders that may still fill.</summary>
    public WorkingOrders Working { get; }

    /// <summary>Orders held until the open (see <see cref="HeldOrders"/>); their releases go to the router.</summary>
    public HeldOrders Held { get; } = new();

    /// <summary>
    /// Called with each new order's source input sequence as it reaches the gate (before the check): how the latency
    /// harness and metrics time tick → order. Must not allocate or block.
    /// </summary>
    public Action<long>? OrderObserved { get; set; }

    /// <summary>
    /// Where every new order, verdict (with the values the rule compared) and kill-switch change is reported for the
    /// audit trail (docs/audit-trail.md); null: not recorded. Must not allocate or block.
    /// </summary>
    public IOrderAuditSink? Audit { get; set; }

    /// <summary>Orders checked.</summary>
    public long Checked { get; private set; }

    /// <summary>Orders accepted.</summary>
    public long Accepted { get; private set; }

    /// <summary>
    /// Orders whose handling here failed (an exception in the gate, the ledgers or the <see cref="OrderObserved"/> hook):
    /// each was refused with <see cref="RiskVerdict.StageFault"/> and handed on to the router, which hands it back.
    /// </summary>
    public long StageFaults { get; private set; }

    /// <summary>The digest taken at the digest marker (the host's <c>--digest-at</c>), once seen.</summary>
    public ulong? RequestedDigest => digest.Value;

    /// <inheritdoc />
    public string DigestName => "risk";

    /// <inheritdoc />
    public void OnEvent(ref OrderEvent order, long sequence, bool endOfBatch)
    {
        switch (order.Kind)
        {
            case OrderEventKind.NewOrder:
                CheckGuarded(ref order);
                break;
            case OrderEventKind.Execution:
                Working.OnExecution(in order.Execution);
                Strategies?.OnExecution(order.Strategy, order.Instrument, in order.Execution);
                break;
            case OrderEventKind.Heartbeat:
                Strategies?.OnTime(order.Timestamp, in view);
                gate.Var?.OnTime(order.Timestamp, analytics.Covariance, in view); // VaR estimates: at most once a second or per observation
                ReleaseHeld(order.Timestamp);
                break;
            case OrderEventKind.KillSwitch:
                gate.SetKillSwitch(order.Account.IsValid ? order.Account : null, order.Quantity.Raw != 0);
                Audit?.KillSwitch(order.Account, order.Quantity.Raw != 0, order.Timestamp);
                if (order.Quantity.Raw != 0)
                {
                    Held.Drop(order.Account); // the router, seeing the same event, cancels them
                }

                break;
            case OrderEventKind.DigestMarker:
                digest.Take(this);
                break;
        }
    }

    /// <inheritdoc />
    public void AppendDigest(StateDigestBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(Checked).Add(Accepted).Add(StageFaults);
        gate.AppendDigest(builder);
        Working.AppendDigest(builder);
        Held.AppendDigest(builder);
        Strategies?.AppendDigest(builder);
    }

    /// <summary>
    /// Observes and checks a new order; any exception on the way ends as a <see cref="RiskVerdict.StageFault"/> refusal
    /// (the router hands it back to its owner like any refusal), never as an order the processor skips and loses.
    /// </summary>
    private void CheckGuarded(ref OrderEvent order)
    {
        Checked++;
        order.RiskVerdict = RiskVerdict.Pending; // so a fault takes back only a verdict this stage counted
        try
        {
            OrderObserved?.Invoke(order.SourceSequence);
            Audit?.OrderCreated(in order);
            Check(ref order);
        }
        catch (Exception)
        {
            Fault(ref order);
        }

        AuditVerdict(in order, order.Timestamp);
    }

    /// <summary>Reports the verdict on <paramref name="order"/> with what its rule compared (nothing for a stage fault).</summary>
    private void AuditVerdict(in OrderEvent order, long now)
    {
        if (Audit is { } audit)
        {
            var comparison = order.RiskVerdict is RiskVerdict.Accepted or RiskVerdict.StageFault ? default : gate.LastComparison;
            audit.OrderChecked(in order, in comparison, now);
        }
    }

    /// <summary>
    /// Refuses an order whose handling threw: an acceptance already booked is undone (the working ledger lets go of it,
    /// so the router's hand-back does not under-count), and the verdict becomes <see cref="RiskVerdict.StageFault"/>.
    /// </summary>
    private void Fault(ref OrderEvent order)
    {
        StageFaults++;
        if (order.RiskVerdict == RiskVerdict.Accepted && Working.Contains(order.OrderId))
        {
            Accepted--;
            Working.Remove(order.OrderId);
        }

        gate.RefuseFault(ref order);
    }

    private void Check(ref OrderEvent order)
    {
        var mid = analytics.Mid(order.Instrument);
        if (mid.Raw == 0)
        {
            mid = analytics.Last(order.Instrument);
        }

        order.RiskVerdict = gate.Check(ref order, order.Timestamp, mid.Raw == 0 ? double.NaN : mid.ToDouble(), in view);
        if (order.RiskVerdict == RiskVerdict.Accepted)
        {
            Working.Add(in order);
            Accepted++;
        }
        else if (order.RiskVerdict == RiskVerdict.HeldUntilOpen && !Held.TryHold(in order, gate.NextOpen(order.Instrument, order.Timestamp)))
        {
            order.RiskVerdict = RiskVerdict.MarketClosed; // no room to hold it: refused as the market is closed
        }
    }

    /// <summary>
    /// Held orders whose release time has come are checked again by the gate at <paramref name="now"/> (event time) and
    /// handed to the router with the new verdict; one still closed is held again until the next open. A re-check counts
    /// in the gate's verdicts, not in <see cref="Checked"/> (the order was counted when it first came).
    /// </summary>
    private void ReleaseHeld(long now)
    {
        while (Held.Released.Count < HeldOrders.Capacity && Held.TryTakeDue(now, out var order))
        {
            var released = ReleaseGuarded(ref order, now);
            AuditVerdict(in order, now);
            if (!released)
            {
                continue;
            }

            Held.Released.TryAdd(in order);
        }
    }

    /// <summary>
    /// Re-checks one released order; false when it is held again. An exception refuses it with
    /// <see cref="RiskVerdict.StageFault"/> (released to the router, which hands it back).
    /// </summary>
    private bool ReleaseGuarded(ref OrderEvent order, long now)
    {
        try
        {
            return Release(ref order, now);
        }
        catch (Exception)
        {
            Fault(ref order);
            return true;
        }
    }

    private bool Release(ref OrderEvent order, long now)
    {
        order.RiskVerdict = RiskVerdict.Pending; // its first verdict (HeldUntilOpen) stays counted
        var mid = analytics.Mid(order.Instrument);
        if (mid.Raw == 0)
        {
            mid = analytics.Last(order.Instrument);
        }

        order.RiskVerdict = gate.Check(ref order, now, mid.Raw == 0 ? double.NaN : mid.ToDouble(), in view);
        if (order.RiskVerdict == RiskVerdict.HeldUntilOpen
            && Held.TryHold(in order, Math.Max(gate.NextOpen(order.Instrument, now), now + 1)))
        {
            return false;
        }

        if (order.RiskVerdict == RiskVerdict.HeldUntilOpen)
        {
            order.RiskVerdict = RiskVerdict.MarketClosed;
        }
        else if (order.RiskVerdict == RiskVerdict.Accepted)
        {
            Working.Add(in order);
            Accepted++;
        }

        return true;
    }
}
