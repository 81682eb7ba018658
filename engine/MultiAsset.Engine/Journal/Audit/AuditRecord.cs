using System.Runtime.InteropServices;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Journal.Audit;

/// <summary>
/// One order event of the audit trail: a fixed 128-byte, little-endian record, written to the trail file exactly as
/// it is in memory. Every field is a function of the journalled input (times are engine times, never the wall clock),
/// so a replay of the journal writes the same bytes.
/// </summary>
/// <remarks>
/// <code>
///   0       8              16         24       32        40        48     56     64     72             80            88
///   +-------+--------------+----------+--------+---------+---------+------+------+------+--------------+-------------+
///   | Index | InputSequence| Timestamp| OrderId| ChildId | Quantity| Price| Value| Limit| SourceSequence| Correlation |
///   +-------+--------------+----------+--------+---------+---------+------+------+------+--------------+-------------+
///   88       92        96          100    102    104  105  106   107 108    109  110  111   112   114      124   128
///   +--------+---------+-----------+------+------+----+----+-----+---+------+----+----+-----+-----+--------+-----+
///   | Account| Strategy| Instrument| Venue| Caller|Type|Side|OType|TIF|Reason|Algo|Liq |Unit |Flags| zeros  | CRC |
///   +--------+---------+-----------+------+------+----+----+-----+---+------+----+----+-----+-----+--------+-----+
/// </code>
/// <para>Ids are the engine's dense ids (-1 = none); quantities, prices and money are fixed point
/// (<see cref="FixedPoint.Scale"/>). <see cref="Reason"/> is a <see cref="RiskVerdict"/> for risk records, a
/// <see cref="VenueRejectReason"/> for venue rejects, a <see cref="CommandKind"/> for commands and the
/// <see cref="IntentReason"/> for order creation. The CRC32C covers bytes [0, 124); the writer sets
/// <see cref="Index"/>, <see cref="Flags"/> and the CRC.</para>
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct AuditRecord
{
    /// <summary>Bytes per record.</summary>
    public const int Size = 128;

    /// <summary>Bytes the CRC covers.</summary>
    public const int CrcCovered = 124;

    /// <summary><see cref="Flags"/> bit: the last record an input event caused (recovery resumes after such a record).</summary>
    public const ushort FlagEndOfInput = 1;

    /// <summary>Position in the trail, from 0, contiguous (set by the writer).</summary>
    [FieldOffset(0)]
    public long Index;

    /// <summary>The journal (input) sequence of the input event that caused this record.</summary>
    [FieldOffset(8)]
    public long InputSequence;

    /// <summary>Engine time of the event, ns since the Unix epoch (the event's own time, not the wall clock).</summary>
    [FieldOffset(16)]
    public long Timestamp;

    /// <summary>The parent (engine) order id; 0 when the record is not about an order.</summary>
    [FieldOffset(24)]
    public long OrderId;

    /// <summary>The child order id (<see cref="ChildOrderId"/>) for routing and venue records; 0 otherwise.</summary>
    [FieldOffset(32)]
    public long ChildOrderId;

    /// <summary>Order, child, fill or cancelled quantity (raw fixed point).</summary>
    [FieldOffset(40)]
    public long Quantity;

    /// <summary>Order limit (or reference mid for market orders), child limit, or fill price (raw fixed point).</summary>
    [FieldOffset(48)]
    public long Price;

    /// <summary>The value the rule compared (risk refusals), or the fee (fills); see <see cref="Unit"/>.</summary>
    [FieldOffset(56)]
    public long Value;

    /// <summary>The limit the value was compared with; see <see cref="Unit"/>.</summary>
    [FieldOffset(64)]
    public long Limit;

    /// <summary>The input sequence whose event led to the order (its decision), which may be earlier than <see cref="InputSequence"/>.</summary>
    [FieldOffset(72)]
    public long SourceSequence;

    /// <summary>A command's correlation id (commands only).</summary>
    [FieldOffset(80)]
    public long CorrelationId;

    /// <summary>Account id (-1 none).</summary>
    [FieldOffset(88)]
    public int Account;

    /// <summary>Strategy id (-1 none).</summary>
    [FieldOffset(92)]
    public int Strategy;

    /// <summary>Instrument id (-1 none).</summary>
    [FieldOffset(96)]
    public int Instrument;

    /// <summary>Venue id (-1 none).</summary>
    [FieldOffset(100)]
    public short Venue;

    /// <summary>Who sent the command that caused the event: the API key's caller id (1-based index in the configured keys); 0 = none (engine, feed, startup).</summary>
    [FieldOffset(102)]
    public ushort Caller;

    /// <summary>What the record records.</summary>
    [FieldOffset(104)]
    public AuditEventType Type;

    /// <summary>Buy or sell.</summary>
    [FieldOffset(105)]
    public OrderSide Side;

    /// <summary>Order or child order type.</summary>
    [FieldOffset(106)]
    public OrderType OrderType;

    /// <summary>Time in force of the parent order.</summary>
    [FieldOffset(107)]
    public TimeInForce TimeInForce;

    /// <summary>Rule, reject reason, command kind or intent reason (see the remarks).</summary>
    [FieldOffset(108)]
    public byte Reason;

    /// <summary>The execution algorithm of the parent order.</summary>
    [FieldOffset(109)]
    public ExecutionAlgorithm Algorithm;

    /// <summary>Maker or taker (fills).</summary>
    [FieldOffset(110)]
    public Liquidity Liquidity;

    /// <summary>What <see cref="Value"/> and <see cref="Limit"/> hold.</summary>
    [FieldOffset(111)]
    public AuditValueUnit Unit;

    /// <summary><see cref="FlagEndOfInput"/>.</summary>
    [FieldOffset(112)]
    public ushort Flags;

    /// <summary>CRC32C of bytes [0, 124).</summary>
    [FieldOffset(124)]
    public uint Crc;

    /// <summary>A record of <paramref name="type"/> with every id set to none.</summary>
    public static AuditRecord Of(AuditEventType type, long inputSequence, long timestamp) => new()
    {
        Type = type,
        InputSequence = inputSequence,
        Timestamp = timestamp,
        Account = -1,
        Strategy = -1,
        Instrument = -1,
        Venue = -1,
    };

    /// <summary>Whether the CRC matches the bytes.</summary>
    public readonly unsafe bool CrcValid
    {
        get
        {
            var copy = this;
            return JournalCrc.Compute((byte*)&copy, CrcCovered) == Crc;
        }
    }

    /// <summary>Computes the CRC.</summary>
    public unsafe void Seal()
    {
        fixed (AuditRecord* p = &this)
        {
            Crc = JournalCrc.Compute((byte*)p, CrcCovered);
        }
    }
}
