using System.Runtime.InteropServices;

namespace MultiAsset.Engine.Model.Events;

/// <summary>
/// The event of the input ring: one market-data update (quote, trade, bar or reference value), preallocated in the
/// ring and filled in place. A tagged union: <see cref="Kind"/> says which payload is valid.
/// </summary>
/// <remarks>
/// <code>
///  0        1        2        4                8                16                                 63        64
///  +--------+--------+--------+----------------+----------------+-----------------------------------+---------+
///  | Kind   | Reject | Source | Instrument     | Timestamp (ns) | payload: Quote|Trade|Bar|Reference | Verdict |
///  +--------+--------+--------+----------------+----------------+-----------------------------------+---------+
/// </code>
/// <para>One cache line (<see cref="TotalSize"/> = 64 bytes, checked by <c>InputEventLayoutTests</c>). Later event kinds
/// (control commands, fills) join the union; the payload area is 47 bytes.</para>
/// <para>Everything but <see cref="Verdict"/> is input, written by the producer and then only read. The verdict is
/// derived state written by the market-data stage: it lives in a byte of its own so that a journal running beside
/// that stage records exactly what the producer published (it zeroes the verdict in its copy), and replay re-derives
/// it.</para>
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = TotalSize)]
public struct InputEvent : IEquatable<InputEvent>
{
    /// <summary>Bytes per event.</summary>
    public const int TotalSize = 64;

    /// <summary>Offset of the payload union.</summary>
    public const int PayloadOffset = 16;

    /// <summary>Which payload is valid.</summary>
    [FieldOffset(0)]
    public InputEventKind Kind;

    /// <summary>Set by a feed that could not read or resolve a value (non-zero: refused at the source). Input, not derived.</summary>
    [FieldOffset(1)]
    public MarketDataRejectReason Reject;

    /// <summary>Which feed published the event (index into the configured feeds), for audit and replay.</summary>
    [FieldOffset(2)]
    public ushort Source;

    /// <summary>The instrument the event is about.</summary>
    [FieldOffset(4)]
    public InstrumentId Instrument;

    /// <summary>Event time: nanoseconds since the Unix epoch, as stamped by the venue or the source file.</summary>
    [FieldOffset(8)]
    public long Timestamp;

    /// <summary>Valid when <see cref="Kind"/> is <see cref="InputEventKind.Quote"/>.</summary>
    [FieldOffset(PayloadOffset)]
    public QuoteData Quote;

    /// <summary>Valid when <see cref="Kind"/> is <see cref="InputEventKind.Trade"/>.</summary>
    [FieldOffset(PayloadOffset)]
    public TradeData Trade;

    /// <summary>Valid when <see cref="Kind"/> is <see cref="InputEventKind.Bar"/>.</summary>
    [FieldOffset(PayloadOffset)]
    public BarData Bar;

    /// <summary>Valid when <see cref="Kind"/> is <see cref="InputEventKind.Reference"/>.</summary>
    [FieldOffset(PayloadOffset)]
    public ReferenceData Reference;

    /// <summary>Valid when <see cref="Kind"/> is <see cref="InputEventKind.Execution"/>.</summary>
    [FieldOffset(PayloadOffset)]
    public ExecutionData Execution;

    /// <summary>Valid when <see cref="Kind"/> is <see cref="InputEventKind.Command"/>.</summary>
    [FieldOffset(PayloadOffset)]
    public CommandData Command;

    /// <summary>Valid when <see cref="Kind"/> is <see cref="InputEventKind.CommandChunk"/>.</summary>
    [FieldOffset(PayloadOffset)]
    public CommandChunk Chunk;

    /// <summary>Offset of <see cref="Verdict"/>.</summary>
    public const int VerdictOffset = 63;

    /// <summary>
    /// The market-data stage's decision, written for every event it processes: <see cref="MarketDataRejectReason.None"/>
    /// when accepted, else why it was refused (a feed's <see cref="Reject"/> included). Meaningful only to stages that
    /// run after the market-data stage.
    /// </summary>
    [FieldOffset(VerdictOffset)]
    public MarketDataRejectReason Verdict;

    /// <summary>True when the feed could not read or resolve the event (<see cref="Reject"/> is set).</summary>
    public readonly bool IsRejectedAtSource => Reject != MarketDataRejectReason.None;

    /// <summary>True for a control command's header or body slot.</summary>
    public readonly bool IsCommand => Kind is InputEventKind.Command or InputEventKind.CommandChunk;

    /// <summary>True for a query wake-up slot (not input: see <see cref="InputEventKind.Query"/>).</summary>
    public readonly bool IsQuery => Kind == InputEventKind.Query;

    /// <summary>True for a venue's execution report.</summary>
    public readonly bool IsExecution => Kind == InputEventKind.Execution;

    /// <summary>True for quotes, trades, bars and reference values (not control commands).</summary>
    public readonly bool IsMarketData => Kind is >= InputEventKind.Quote and <= InputEventKind.Reference;

    /// <summary>
    /// The last instant the event describes: its time, or for a bar (stamped at its end, covering [end − interval, end))
    /// one nanosecond before the stamp. Market hours are checked and bar prices applied there: the 15:59 minute bar ends
    /// at the 16:00 close and belongs to the session; a bar ending at the 09:30 open is pre-market.
    /// </summary>
    public readonly long LastInstant => Kind == InputEventKind.Bar ? Timestamp - 1 : Timestamp;

    /// <summary>True when the market-data stage accepted the event (read it only in stages after that stage).</summary>
    public readonly bool IsAccepted => Verdict == MarketDataRejectReason.None;

    /// <summary>Sets every field for a quote (clearing a previous lap's reject flag).</summary>
    public void SetQuote(InstrumentId instrument, long timestamp, Price bid, Price ask, Quantity bidSize, Quantity askSize, ushort source = 0)
    {
        SetHeader(InputEventKind.Quote, instrument, timestamp, source);
        Quote.Bid = bid;
        Quote.Ask = ask;
        Quote.BidSize = bidSize;
        Quote.AskSize = askSize;
    }

    /// <summary>Sets every field for a trade.</summary>
    public void SetTrade(InstrumentId instrument, long timestamp, Price price, Quantity size, AggressorSide aggressor = AggressorSide.Unknown, ushort source = 0)
    {
        SetHeader(InputEventKind.Trade, instrument, timestamp, source);
        Trade.Price = price;
        Trade.Size = size;
        Trade.Aggressor = aggressor;
    }

    /// <summary>Sets every field for a bar.</summary>
    public void SetBar(InstrumentId instrument, long timestamp, Price open, Price high, Price low, Price close, Quantity volume, int intervalSeconds, ushort source = 0)
    {
        SetHeader(InputEventKind.Bar, instrument, timestamp, source);
        Bar.Open = open;
        Bar.High = high;
        Bar.Low = low;
        Bar.Close = close;
        Bar.Volume = volume;
        Bar.IntervalSeconds = intervalSeconds;
    }

    /// <summary>Sets every field for a reference value.</summary>
    public void SetReference(InstrumentId instrument, long timestamp, Price value, ushort source = 0)
    {
        SetHeader(InputEventKind.Reference, instrument, timestamp, source);
        Reference.Value = value;
    }

    /// <summary>Sets every field for a command header (the body follows in chunk slots).</summary>
    public void SetCommand(CommandKind kind, long correlationId, int bodyLength, long timestamp, ushort source = 0, ushort caller = 0)
    {
        SetHeader(InputEventKind.Command, InstrumentId.None, timestamp, source);
        Command = default;
        Command.Kind = kind;
        Command.CorrelationId = correlationId;
        Command.BodyLength = bodyLength;
        Command.Caller = caller;
    }

    /// <summary>Sets a query wake-up slot (<see cref="InputEventKind.Query"/>): no payload.</summary>
    public void SetQueryWake(long timestamp)
    {
        SetHeader(InputEventKind.Query, InstrumentId.None, timestamp, 0);
        Command = default;
    }

    /// <summary>Sets the header of an execution report (the caller fills <see cref="Execution"/>, which this clears).</summary>
    public void SetExecution(InstrumentId instrument, long timestamp, ushort source = 0)
    {
        SetHeader(InputEventKind.Execution, instrument, timestamp, source);
        Execution = default;
    }

    /// <summary>Sets every field for chunk <paramref name="index"/> of a command body (index in <see cref="Instrument"/>).</summary>
    public void SetCommandChunk(int index, ReadOnlySpan<byte> bytes, long timestamp, ushort source = 0)
    {
        SetHeader(InputEventKind.CommandChunk, new InstrumentId(index), timestamp, source);
        Chunk = default;
        bytes.CopyTo(Chunk);
    }

    /// <summary>Equality of all 64 bytes (the struct has no padding: every byte is a field or part of the union).</summary>
    public readonly bool Equals(InputEvent other)
        => MemoryMarshal.AsBytes(new ReadOnlySpan<InputEvent>(in this)).SequenceEqual(MemoryMarshal.AsBytes(new ReadOnlySpan<InputEvent>(in other)));

    /// <inheritdoc />
    public override readonly bool Equals(object? obj) => obj is InputEvent other && Equals(other);

    /// <inheritdoc />
    public override readonly int GetHashCode()
    {
        var words = MemoryMarshal.Cast<byte, long>(MemoryMarshal.AsBytes(new ReadOnlySpan<InputEvent>(in this)));
        var hash = default(HashCode);
        foreach (var word in words)
        {
            hash.Add(word);
        }

        return hash.ToHashCode();
    }

    /// <summary>Byte-wise equality.</summary>
    public static bool operator ==(InputEvent left, InputEvent right) => left.Equals(right);

    /// <summary>Byte-wise inequality.</summary>
    public static bool operator !=(InputEvent left, InputEvent right) => !left.Equals(right);

    private void SetHeader(InputEventKind kind, InstrumentId instrument, long timestamp, ushort source)
    {
        Kind = kind;
        Reject = MarketDataRejectReason.None;
        Source = source;
        Instrument = instrument;
        Timestamp = timestamp;
    }
}
