using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Journal.Audit;

/// <summary>
/// Turns what the chained engine does into <see cref="AuditRecord"/>s, on the engine thread: commands (with their
/// caller) and venue reports as the chain observes them, orders, verdicts, child orders and kill switches as the risk
/// and router stages report them (<see cref="IOrderAuditSink"/>). Every record carries the input sequence the chain
/// is running (<see cref="IEngineChain.NextInputSequence"/> − 1) and, while a command runs, its caller; the records of
/// an input event are handed to the trail's writer together once the event has gone through every stage.
/// </summary>
/// <remarks>Only copies fields into a stack record and into the trail's ring: no allocation, no lock, no system call.</remarks>
public sealed class AuditRecorder : IChainObserver, IOrderAuditSink
{
    private readonly AuditTrailWriter trail;
    private long input = -1;
    private ushort caller;

    /// <summary>Records into <paramref name="trail"/>; set <see cref="Chain"/> before any event flows.</summary>
    public AuditRecorder(AuditTrailWriter trail)
    {
        ArgumentNullException.ThrowIfNull(trail);
        this.trail = trail;
    }

    /// <summary>The trail written to.</summary>
    public AuditTrailWriter Trail => trail;

    /// <summary>
    /// The chain whose input numbering the records carry (set once it is built: it is built with this observer).
    /// </summary>
    public IEngineChain? Chain { get; set; }

    /// <inheritdoc />
    public void BeforeEvent(in InputEvent evt)
    {
        input = (Chain?.NextInputSequence ?? 0) - 1;
        caller = 0;
        if (evt.Kind == InputEventKind.Command)
        {
            caller = evt.Command.Caller;
            var record = AuditRecord.Of(AuditEventType.Command, input, evt.Timestamp);
            record.Reason = (byte)evt.Command.Kind;
            record.CorrelationId = evt.Command.CorrelationId;
            record.Caller = caller;
            trail.Append(in record);
        }
        else if (evt.Kind == InputEventKind.Execution)
        {
            Venue(in evt); // a venue's report that came in as input (an external venue)
        }
    }

    /// <inheritdoc />
    public void AfterFeedback(in InputEvent evt)
    {
        if (evt.Kind == InputEventKind.Execution)
        {
            Venue(in evt);
        }
    }

    /// <inheritdoc />
    public void AfterEvent(long sequence) => trail.EndInput();

    /// <inheritdoc />
    public void OrderCreated(in OrderEvent order)
    {
        var record = Order(AuditEventType.OrderCreated, in order, order.Timestamp);
        record.Reason = (byte)order.Reason;
        trail.Append(in record);
    }

    /// <inheritdoc />
    public void OrderChecked(in OrderEvent order, in RiskComparison comparison, long now)
    {
        var type = order.RiskVerdict switch
        {
            RiskVerdict.Accepted => AuditEventType.RiskAccepted,
            RiskVerdict.HeldUntilOpen => AuditEventType.RiskHeld,
            _ => AuditEventType.RiskRefused,
        };
        var record = Order(type, in order, now);
        record.Reason = (byte)order.RiskVerdict;
        record.Value = comparison.Value;
        record.Limit = comparison.Limit;
        record.Unit = comparison.Unit;
        trail.Append(in record);
    }

    /// <inheritdoc />
    public void ChildRouted(long childOrderId, AccountId account, StrategyId strategy, InstrumentId instrument, OrderSide side, OrderType type, Quantity quantity, Price limit, VenueId venue, long now)
    {
        var record = AuditRecord.Of(AuditEventType.ChildRouted, input, now);
        record.OrderId = ChildOrderId.ParentOf(childOrderId);
        record.ChildOrderId = childOrderId;
        record.Account = account.Value;
        record.Strategy = strategy.Value;
        record.Instrument = instrument.Value;
        record.Side = side;
        record.OrderType = type;
        record.Quantity = quantity.Raw;
        record.Price = limit.Raw;
        record.Venue = (short)venue.Value;
        record.Caller = caller;
        trail.Append(in record);
    }

    /// <inheritdoc />
    public void KillSwitch(AccountId account, bool on, long now)
    {
        var record = AuditRecord.Of(on ? AuditEventType.KillSwitchOn : AuditEventType.KillSwitchOff, input, now);
        record.Account = account.Value;
        record.Caller = caller;
        trail.Append(in record);
    }

    private AuditRecord Order(AuditEventType type, in OrderEvent order, long now)
    {
        var record = AuditRecord.Of(type, input, now);
        record.OrderId = order.OrderId;
        record.Account = order.Account.Value;
        record.Strategy = order.Strategy.Value;
        record.Instrument = order.Instrument.Value;
        record.Side = order.Side;
        record.OrderType = order.Type;
        record.TimeInForce = order.TimeInForce;
        record.Algorithm = order.Algorithm;
        record.Quantity = order.Quantity.Raw;
        record.Price = order.LimitPrice.Raw;
        record.SourceSequence = order.SourceSequence;
        record.Caller = caller;
        return record;
    }

    private void Venue(in InputEvent evt)
    {
        ref readonly var report = ref evt.Execution;
        var type = report.Type switch
        {
            ExecutionType.Ack => AuditEventType.VenueAck,
            ExecutionType.Fill => AuditEventType.Fill,
            ExecutionType.Reject => AuditEventType.VenueReject,
            ExecutionType.Cancelled => AuditEventType.Cancelled,
            _ => AuditEventType.None,
        };
        if (type == AuditEventType.None)
        {
            return;
        }

        var record = AuditRecord.Of(type, input, evt.Timestamp);
        record.OrderId = ChildOrderId.ParentOf(report.OrderId);
        record.ChildOrderId = report.OrderId;
        record.Account = report.Account.Value;
        record.Strategy = report.Strategy.Value;
        record.Instrument = evt.Instrument.Value;
        record.Side = report.Side;
        record.Quantity = report.Quantity.Raw;
        record.Price = report.Price.Raw;
        record.Venue = report.Venue;
        record.Liquidity = report.Liquidity;
        record.Caller = caller;
        if (type == AuditEventType.Fill)
        {
            record.Value = report.Fee.Raw;
            record.Unit = AuditValueUnit.Fee;
        }
        else if (type == AuditEventType.VenueReject)
        {
            record.Reason = (byte)report.RejectReason;
        }

        trail.Append(in record);
    }
}
