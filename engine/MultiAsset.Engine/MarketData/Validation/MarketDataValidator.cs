using System.Runtime.CompilerServices;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;

namespace MultiAsset.Engine.MarketData.Validation;

/// <summary>
/// Decides whether a market-data event may reach the strategies: known instrument, finite positive prices on the
/// tick grid, no crossed quote, consistent bar, strictly increasing time per instrument and event kind, market open.
/// O(1), allocation-free, never throws; state (last timestamps, calendar cursors) is owned by the market-data stage.
/// </summary>
public sealed class MarketDataValidator
{
    private const int KindSlots = 5;

    private readonly long[] tickRaw;
    private readonly TickGrid[] grids;
    private readonly bool[] isReference;
    private readonly TradingCalendar[] calendars;
    private readonly SessionCursor[] cursors;
    private readonly long[] lastTimestamps;

    /// <summary>Creates a validator for instruments 0..n−1 described by <paramref name="rules"/>.</summary>
    public MarketDataValidator(IReadOnlyList<InstrumentRules> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        tickRaw = rules.Select(r => r.TickSize.Raw).ToArray();
        grids = tickRaw.Select(t => new TickGrid(t)).ToArray();
        isReference = rules.Select(r => r.IsReference).ToArray();
        calendars = rules.Select(r => r.Calendar).ToArray();
        cursors = new SessionCursor[rules.Count];
        lastTimestamps = new long[rules.Count * KindSlots];
        lastTimestamps.AsSpan().Fill(long.MinValue);
    }

    /// <summary>Number of instruments known.</summary>
    public int InstrumentCount => tickRaw.Length;

    /// <summary>
    /// Checks <paramref name="evt"/>; returns <see cref="MarketDataRejectReason.None"/> and records its timestamp when
    /// accepted, the first reason found otherwise. A reason already set by the feed is returned as is.
    /// </summary>
    public MarketDataRejectReason Validate(ref readonly InputEvent evt)
    {
        if (evt.Reject != MarketDataRejectReason.None)
        {
            return evt.Reject;
        }

        var kind = (int)evt.Kind;
        if (kind is <= 0 or >= KindSlots)
        {
            return MarketDataRejectReason.MalformedRecord;
        }

        var id = evt.Instrument.Value;
        if ((uint)id >= (uint)tickRaw.Length)
        {
            return MarketDataRejectReason.UnknownInstrument;
        }

        var reason = evt.Kind switch
        {
            InputEventKind.Quote => CheckQuote(in evt.Quote, in grids[id], isReference[id]),
            InputEventKind.Trade => CheckTrade(in evt.Trade, in grids[id], isReference[id]),
            InputEventKind.Bar => CheckBar(in evt.Bar, in grids[id], isReference[id]),
            _ => MarketDataRejectReason.None,
        };
        if (reason != MarketDataRejectReason.None)
        {
            return reason;
        }

        ref var last = ref lastTimestamps[(id * KindSlots) + kind];
        if (evt.Timestamp <= last)
        {
            return evt.Timestamp == last ? MarketDataRejectReason.DuplicateTimestamp : MarketDataRejectReason.OutOfOrderTimestamp;
        }

        if (!calendars[id].IsOpen(evt.LastInstant, ref cursors[id]))
        {
            return MarketDataRejectReason.OutsideTradingHours;
        }

        last = evt.Timestamp;
        return MarketDataRejectReason.None;
    }

    private static MarketDataRejectReason CheckQuote(ref readonly QuoteData quote, ref readonly TickGrid tick, bool reference)
    {
        var bid = quote.Bid.Raw;
        var ask = quote.Ask.Raw;
        if (!reference && (bid <= 0 || ask <= 0))
        {
            return MarketDataRejectReason.NonPositivePrice;
        }

        if (quote.BidSize.Raw < 0 || quote.AskSize.Raw < 0)
        {
            return MarketDataRejectReason.InvalidSize;
        }

        if (bid > ask)
        {
            return MarketDataRejectReason.CrossedQuote;
        }

        return reference || (OnTick(bid, in tick) && OnTick(ask, in tick)) ? MarketDataRejectReason.None : MarketDataRejectReason.OffTickPrice;
    }

    private static MarketDataRejectReason CheckTrade(ref readonly TradeData trade, ref readonly TickGrid tick, bool reference)
    {
        if (!reference && trade.Price.Raw <= 0)
        {
            return MarketDataRejectReason.NonPositivePrice;
        }

        if (trade.Size.Raw <= 0)
        {
            return MarketDataRejectReason.InvalidSize;
        }

        return reference || OnTick(trade.Price.Raw, in tick) ? MarketDataRejectReason.None : MarketDataRejectReason.OffTickPrice;
    }

    private static MarketDataRejectReason CheckBar(ref readonly BarData bar, ref readonly TickGrid tick, bool reference)
    {
        long open = bar.Open.Raw, high = bar.High.Raw, low = bar.Low.Raw, close = bar.Close.Raw;
        if (!reference && (open <= 0 || high <= 0 || low <= 0 || close <= 0))
        {
            return MarketDataRejectReason.NonPositivePrice;
        }

        if (bar.Volume.Raw < 0 || bar.IntervalSeconds <= 0 || high < Math.Max(open, close) || low > Math.Min(open, close))
        {
            return MarketDataRejectReason.InvalidSize;
        }

        return reference || (OnTick(open, in tick) && OnTick(high, in tick) && OnTick(low, in tick) && OnTick(close, in tick))
            ? MarketDataRejectReason.None
            : MarketDataRejectReason.OffTickPrice;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool OnTick(long raw, ref readonly TickGrid tick) => tick.Contains(raw);

    /// <summary>
    /// The last accepted timestamp of <paramref name="kind"/> events of instrument <paramref name="id"/>, or
    /// <see cref="long.MinValue"/> when none was accepted. Read it only while the owning stage is idle.
    /// </summary>
    public long LastAccepted(InstrumentId id, InputEventKind kind)
    {
        var k = (int)kind;
        return (uint)id.Value < (uint)tickRaw.Length && k is > 0 and < KindSlots ? lastTimestamps[(id.Value * KindSlots) + k] : long.MinValue;
    }

    /// <summary>Adds the last accepted timestamps (the validator's only state that changes results) to a digest.</summary>
    public void AppendDigest(Pipeline.StateDigestBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(lastTimestamps);
    }
}
