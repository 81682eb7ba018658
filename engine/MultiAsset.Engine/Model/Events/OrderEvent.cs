using System.Runtime.InteropServices;

namespace MultiAsset.Engine.Model.Events;

/// <summary>
/// The event of the order ring: one parent order decided by the coordination stage, checked by the risk gate and
/// worked by the router. One cache line, preallocated in the ring.
/// </summary>
/// <remarks>
/// <code>
///  0      1      2      3        4          8         12           16          24         32           40        48              56      57      58   64
///  +------+------+------+--------+----------+---------+------------+-----------+----------+------------+---------+---------------+-------+-------+----+
///  | Type | Side | Algo | Urgency| Strategy | Account | Instrument | Timestamp | Quantity | LimitPrice | OrderId | SourceSequence| Reason| Risk  |    |
///  +------+------+------+--------+----------+---------+------------+-----------+----------+------------+---------+---------------+-------+-------+----+
/// </code>
/// <para>Byte 62 is <see cref="Kind"/>: besides new orders the ring carries forwarded execution reports, heartbeats,
/// digest markers and kill-switch changes, so every stage on it learns of them in order.</para>
/// <para>The risk gate writes <see cref="RiskVerdict"/> (derived state, in its own byte); the router works only orders
/// whose verdict is <see cref="RiskVerdict.Accepted"/>.</para>
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = TotalSize)]
public struct OrderEvent
{
    /// <summary>Bytes per event.</summary>
    public const int TotalSize = 64;

    /// <summary>Market, limit or IOC.</summary>
    [FieldOffset(0)]
    public OrderType Type;

    /// <summary>Buy or sell.</summary>
    [FieldOffset(1)]
    public OrderSide Side;

    /// <summary>How the router works it.</summary>
    [FieldOffset(2)]
    public ExecutionAlgorithm Algorithm;

    /// <summary>How soon (from the intent).</summary>
    [FieldOffset(3)]
    public IntentUrgency Urgency;

    /// <summary>The strategy the order is for.</summary>
    [FieldOffset(4)]
    public StrategyId Strategy;

    /// <summary>The account it trades in.</summary>
    [FieldOffset(8)]
    public AccountId Account;

    /// <summary>What it trades.</summary>
    [FieldOffset(12)]
    public InstrumentId Instrument;

    /// <summary>Engine time of the decision (ns since the Unix epoch).</summary>
    [FieldOffset(16)]
    public long Timestamp;

    /// <summary>How much (positive; direction is <see cref="Side"/>), a whole number of lots.</summary>
    [FieldOffset(24)]
    public Quantity Quantity;

    /// <summary>Limit price for limit and IOC orders; for market orders, the reference mid at decision time (used by price collars and TCA).</summary>
    [FieldOffset(32)]
    public Price LimitPrice;

    /// <summary>Engine-wide order id, assigned by the coordination stage in order of decision (dense, from 1).</summary>
    [FieldOffset(40)]
    public long OrderId;

    /// <summary>The input-ring sequence whose event led to the order (its journal record).</summary>
    [FieldOffset(48)]
    public long SourceSequence;

    /// <summary>Why the order exists (from the intent).</summary>
    [FieldOffset(56)]
    public IntentReason Reason;

    /// <summary>The risk gate's decision (derived; <see cref="RiskVerdict.Pending"/> until the gate has seen it).</summary>
    [FieldOffset(57)]
    public RiskVerdict RiskVerdict;

    /// <summary>
    /// How long the order works (<see cref="Events.TimeInForce.Gtc"/> = 0 unless the operator asked otherwise). Byte 58,
    /// free in the order layout; overlaid by <see cref="Execution"/> in execution slots (meaningful for new orders only).
    /// </summary>
    [FieldOffset(58)]
    public TimeInForce TimeInForce;

    /// <summary>What this slot carries (<see cref="OrderEventKind.NewOrder"/> unless stated).</summary>
    [FieldOffset(62)]
    public OrderEventKind Kind;

    /// <summary>Valid when <see cref="Kind"/> is <see cref="OrderEventKind.Execution"/> (overlays the order fields 24..61).</summary>
    [FieldOffset(24)]
    public ForwardedExecution Execution;

    /// <summary>True once the risk gate has accepted the order.</summary>
    public readonly bool IsAccepted => RiskVerdict == RiskVerdict.Accepted;
}
