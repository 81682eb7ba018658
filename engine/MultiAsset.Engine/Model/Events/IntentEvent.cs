using System.Runtime.InteropServices;

namespace MultiAsset.Engine.Model.Events;

/// <summary>
/// The event of the intent ring: what one strategy wants to hold or trade, with a reason. Written by the signal stage
/// (and by rebalancing), read by the coordination stage. One cache line, preallocated in the ring.
/// </summary>
/// <remarks>
/// <code>
///  0      1      2        3       4          8         12           16          24         32       40              48     49     50     52     53     54     55     56    64
///  +------+------+--------+-------+----------+---------+------------+-----------+----------+--------+---------------+------+------+------+------+------+------+-----+-----+
///  | Kind | Side | Urgency| Reason| Strategy | Account | Instrument | Timestamp | Quantity | Weight | SourceSequence| Class| Hedge| Rule | Algo | RbAct| RbTrg|Terms| Ref |
///  +------+------+--------+-------+----------+---------+------------+-----------+----------+--------+---------------+------+------+------+------+------+------+-----+-----+
/// </code>
/// <para>An intent is either about one instrument (<see cref="Instrument"/> valid) or about an asset class
/// (<see cref="AssetClass"/> set, instrument <see cref="InstrumentId.None"/>). <see cref="SourceSequence"/> is the input
/// sequence whose event caused it, which ties every order back to a journal record.</para>
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = TotalSize)]
public struct IntentEvent
{
    /// <summary>Bytes per event.</summary>
    public const int TotalSize = 64;

    /// <summary>What is asked for.</summary>
    [FieldOffset(0)]
    public IntentKind Kind;

    /// <summary>For <see cref="IntentKind.Trade"/>: which way.</summary>
    [FieldOffset(1)]
    public OrderSide Side;

    /// <summary>How soon.</summary>
    [FieldOffset(2)]
    public IntentUrgency Urgency;

    /// <summary>Why.</summary>
    [FieldOffset(3)]
    public IntentReason Reason;

    /// <summary>The strategy that wants it.</summary>
    [FieldOffset(4)]
    public StrategyId Strategy;

    /// <summary>The account the strategy trades in.</summary>
    [FieldOffset(8)]
    public AccountId Account;

    /// <summary>The instrument, or <see cref="InstrumentId.None"/> for an asset-class intent.</summary>
    [FieldOffset(12)]
    public InstrumentId Instrument;

    /// <summary>Engine time of the event that caused it (ns since the Unix epoch).</summary>
    [FieldOffset(16)]
    public long Timestamp;

    /// <summary>For <see cref="IntentKind.Trade"/>: how much (positive; the direction is <see cref="Side"/>).</summary>
    [FieldOffset(24)]
    public Quantity Quantity;

    /// <summary>Target or change as a fraction (see <see cref="Kind"/>); signed where the kind says so.</summary>
    [FieldOffset(32)]
    public double Weight;

    /// <summary>For <see cref="IntentKind.HedgeBeta"/>: the hedge instrument's id (overlays <see cref="Quantity"/>, unused by that kind).</summary>
    [FieldOffset(24)]
    private int hedgeInstrument;

    /// <summary>For <see cref="IntentKind.HedgeBeta"/>: the hedge instrument the coefficient <see cref="Weight"/> belongs to.</summary>
    public InstrumentId HedgeInstrument
    {
        readonly get => new(hedgeInstrument);
        set => hedgeInstrument = value.Value;
    }

    /// <summary>The input-ring sequence of the event that caused the intent.</summary>
    [FieldOffset(40)]
    public long SourceSequence;

    /// <summary>Byte value of <see cref="Hedge"/> when there is none.</summary>
    public const byte NoHedge = 0xFF;

    [FieldOffset(48)]
    private byte assetClass;

    [FieldOffset(49)]
    private byte hedge;

    /// <summary>For asset-class intents: the class (also set, for information, on instrument intents).</summary>
    public AssetClass AssetClass
    {
        readonly get => (AssetClass)assetClass;
        set => assetClass = (byte)value;
    }

    /// <summary>For a hedged carry trade: the hedge's asset class; null otherwise.</summary>
    public AssetClass? Hedge
    {
        readonly get => hedge == NoHedge ? null : (AssetClass)hedge;
        set => hedge = value is { } v ? (byte)v : NoHedge;
    }

    /// <summary>For <see cref="IntentReason.ExecutionRule"/>: the index of the rule in the strategy document; −1 otherwise.</summary>
    [FieldOffset(50)]
    public short Rule;

    [FieldOffset(52)]
    private byte algorithm;

    /// <summary>The execution algorithm the sender asked for (operator orders), or null to let coordination choose by urgency.</summary>
    public ExecutionAlgorithm? Algorithm
    {
        readonly get => algorithm == 0 ? null : (ExecutionAlgorithm)(algorithm - 1);
        set => algorithm = value is { } v ? (byte)((byte)v + 1) : (byte)0;
    }

    [FieldOffset(53)]
    private byte rebalanceAction;

    [FieldOffset(54)]
    private byte rebalanceTrigger;

    /// <summary>For <see cref="IntentKind.Rebalance"/>: what the rule asks for.</summary>
    public RebalanceAction RebalanceAction
    {
        readonly get => (RebalanceAction)rebalanceAction;
        set => rebalanceAction = (byte)value;
    }

    /// <summary>For <see cref="IntentKind.Rebalance"/>: the kind of rule that fired.</summary>
    public RebalanceTrigger RebalanceTrigger
    {
        readonly get => (RebalanceTrigger)rebalanceTrigger;
        set => rebalanceTrigger = (byte)value;
    }

    [FieldOffset(55)]
    private byte orderTerms;

    /// <summary>
    /// For operator orders: market (or <see cref="OrderType.None"/>, read as market), limit or IOC; the limit price is then
    /// <see cref="ReferencePrice"/>. Low nibble of byte 55.
    /// </summary>
    public OrderType OrderType
    {
        readonly get => (OrderType)(orderTerms & 0x0F);
        set => orderTerms = (byte)((orderTerms & 0xF0) | ((byte)value & 0x0F));
    }

    /// <summary>For operator orders: how long the order works (<see cref="Events.TimeInForce.Gtc"/> by default). High nibble of byte 55.</summary>
    public TimeInForce TimeInForce
    {
        readonly get => (TimeInForce)(orderTerms >> 4);
        set => orderTerms = (byte)((orderTerms & 0x0F) | (((byte)value & 0x0F) << 4));
    }

    /// <summary>A price reference for the intent (the mid it was decided on, fixed point), or 0 when none; for an operator's limit order, its limit price.</summary>
    [FieldOffset(56)]
    public Price ReferencePrice;

    /// <summary>Valid when <see cref="Kind"/> is <see cref="IntentKind.Execution"/> (overlays the fields 24..61).</summary>
    [FieldOffset(24)]
    public ForwardedExecution Execution;

    /// <summary>True for intents that ask for a position or trade (not registrations, forwarded reports, heartbeats, markers).</summary>
    public readonly bool IsTradingIntent => Kind is >= IntentKind.TargetPosition and <= IntentKind.TargetWeight;

    /// <summary>True when the intent is about an asset class rather than one instrument.</summary>
    public readonly bool IsAssetClassIntent => !Instrument.IsValid;
}
