using System.Runtime.CompilerServices;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;

namespace MultiAsset.Engine.MarketData.Analytics;

/// <summary>
/// Rolling analytics of every instrument, updated in O(1) and without allocation per accepted market-data event:
/// last, mid, spread, session VWAP and volume; time bars at several intervals with returns, momentum, EWMA
/// volatility and z-score per interval; and the cross-asset EWMA covariance matrix on a bar clock.
/// </summary>
/// <remarks>
/// <para>Single writer: only the market-data stage calls <see cref="Update"/> and <see cref="OnTime"/>. Later stages
/// read by instrument id; on the same thread (fused, the default and the backtest layout) they see exactly the state
/// after the event they are processing.</para>
/// <para>Bars: every accepted price update (quote mid, trade price, incoming bar's O/H/L/C, reference value) moves
/// the bar's OHLC; volume comes from trades and incoming bars. Bars are aligned to the instrument's session: intraday
/// bars start at the session open and are cut at its close; bars of a day or longer span the session. An interval
/// with no update produces no bar. Bars complete when event time passes their end — on the instrument's next update
/// or on the once-a-second housekeeping step, whichever comes first.</para>
/// <para>Volatility is the EWMA (λ) of squared log returns between consecutive completed bars; annualised by
/// calendar time (√(365.25 days / interval)).</para>
/// </remarks>
public sealed class MarketAnalytics
{
    /// <summary>Housekeeping (bar completion, staleness) runs when event time crosses a whole second.</summary>
    public const long HousekeepingIntervalNanoseconds = 1_000_000_000;

    private const double SecondsPerYear = 365.25 * 86_400;

    private readonly AnalyticsOptions options;
    private readonly SessionResolver sessions;
    private readonly TradingCalendar[]? calendars;

    // Staleness cache, per instrument: whether its market is open and since when, valid in [openFrom, openTo). Derived
    // from the calendars alone (never from the events), so it is not state: it stays out of the digest.
    private readonly SessionCursor[] openCursors;
    private readonly long[] openFrom;
    private readonly long[] openTo;
    private readonly long[] openSince;
    private readonly bool[] openNow;
    private readonly InstrumentState[] states;
    private readonly TimeframeState[] frames;
    private readonly double[] closes;
    private readonly long[] intervals;
    private readonly double[] annualisation;
    private readonly int frameCount;

    // True when every timeframe's interval is a whole multiple of the one before it (1s, 1m, 1h, 1d): then each bar is
    // a union of whole bars of the timeframe below, so only the shortest is updated per price and the longer ones are
    // built from its completed bars (see ApplyNested).
    private readonly bool nested;

    // Nested timeframes, per instrument: the earliest end among its bars in progress (no bar is due before it), or
    // long.MinValue while its prices go to every timeframe one by one (see ApplyNested). A function of the bars' ends and
    // of the input; in the digest with them.
    private readonly long[] rollAt;
    private long nextHousekeeping;
    private long staleTransitions;

    /// <summary>
    /// Creates analytics for <paramref name="instrumentCount"/> instruments; whether a market is open (for staleness)
    /// is taken from the sessions <paramref name="sessions"/> resolves.
    /// </summary>
    public MarketAnalytics(int instrumentCount, AnalyticsOptions options, SessionResolver sessions)
        : this(instrumentCount, options, sessions, null)
    {
    }

    /// <summary>
    /// Creates analytics for instruments whose trading calendars are <paramref name="calendars"/> (by instrument id):
    /// staleness then counts silence only from the moment the market last opened, across session boundaries.
    /// </summary>
    public MarketAnalytics(int instrumentCount, AnalyticsOptions options, SessionResolver sessions, IReadOnlyList<TradingCalendar>? calendars)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sessions);
        var errors = options.Validate(instrumentCount);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(options));
        }

        if (calendars is not null && calendars.Count != instrumentCount)
        {
            throw new ArgumentException($"Expected {instrumentCount} calendars, got {calendars.Count}.", nameof(calendars));
        }

        this.options = options;
        this.sessions = sessions;
        this.calendars = calendars?.ToArray();
        openCursors = new SessionCursor[instrumentCount];
        openFrom = new long[instrumentCount];
        openTo = new long[instrumentCount];
        openSince = new long[instrumentCount];
        openNow = new bool[instrumentCount];
        frameCount = options.TimeframeSeconds.Count;
        intervals = options.TimeframeSeconds.Select(s => s * 1_000_000_000L).ToArray();
        annualisation = options.TimeframeSeconds.Select(s => Math.Sqrt(SecondsPerYear / s)).ToArray();
        nested = frameCount > 1;
        for (var tf = 1; tf < frameCount; tf++)
        {
            nested &= intervals[tf] > intervals[tf - 1] && intervals[tf] % intervals[tf - 1] == 0;
        }

        states = new InstrumentState[instrumentCount];
        rollAt = new long[instrumentCount];
        frames = new TimeframeState[instrumentCount * frameCount];
        closes = new double[instrumentCount * frameCount * options.HistoryBars];
        for (var i = 0; i < frames.Length; i++)
        {
            frames[i].Closes = new RollingWindow(i * options.HistoryBars, options.HistoryBars, options.ZScoreBars);
        }

        Covariance = new EwmaCovarianceMatrix(
            options.CorrelationUniverse, instrumentCount, options.CorrelationLambda, options.CorrelationIntervalSeconds * 1_000_000_000L, options.CorrelationLongRunLambda);
    }

    /// <summary>Number of instruments.</summary>
    public int InstrumentCount => states.Length;

    /// <summary>The configured bar intervals, in seconds (timeframe index = position in this list).</summary>
    public IReadOnlyList<int> TimeframeSeconds => options.TimeframeSeconds;

    /// <summary>The cross-asset covariance matrix.</summary>
    public EwmaCovarianceMatrix Covariance { get; }

    /// <summary>Times an instrument went stale (no update for the configured interval while its market was open).</summary>
    public long StaleTransitions => Volatile.Read(ref staleTransitions);

    /// <summary>Folds an accepted event into the analytics.</summary>
    public void Update(ref readonly InputEvent evt)
    {
        var id = evt.Instrument.Value;
        var time = evt.Timestamp;
        // A bar covers [end − interval, end): the clocks move to its last instant and its prices are applied there; the
        // instrument's bars that end with it complete at this event (below), not at the next.
        var at = evt.LastInstant;
        // Clocks first: a covariance step or bar completion due at this time sees prices as they were before it.
        OnTime(at);
        ref var state = ref states[id];
        if (at >= state.SessionEnd || at < state.SessionStart)
        {
            RollSession(ref state, id, at);
        }

        switch (evt.Kind)
        {
            case InputEventKind.Quote:
                state.Bid = evt.Quote.Bid.Raw;
                state.Ask = evt.Quote.Ask.Raw;
                Apply(ref state, id, time, (state.Bid + state.Ask) / 2, 0);
                break;
            case InputEventKind.Trade:
                var price = evt.Trade.Price.Raw;
                var size = evt.Trade.Size.Raw;
                state.LastTrade = price;
                state.SessionVolume += size;
                state.SessionNotional += price / 1e8 * (size / 1e8);
                Apply(ref state, id, time, price, size);
                break;
            case InputEventKind.Bar:
                state.BarStart = time - (evt.Bar.IntervalSeconds * 1_000_000_000L);
                state.BarEnd = time;
                state.BarOpen = evt.Bar.Open.Raw;
                state.BarHigh = evt.Bar.High.Raw;
                state.BarLow = evt.Bar.Low.Raw;
                state.BarVolume = evt.Bar.Volume.Raw;
                state.SessionVolume += evt.Bar.Volume.Raw;
                state.SessionNotional += evt.Bar.Close.Raw / 1e8 * (evt.Bar.Volume.Raw / 1e8);
                Apply(ref state, id, at, evt.Bar.Open.Raw, 0);
                Apply(ref state, id, at, evt.Bar.High.Raw, 0);
                Apply(ref state, id, at, evt.Bar.Low.Raw, 0);
                Apply(ref state, id, at, evt.Bar.Close.Raw, evt.Bar.Volume.Raw);
                CompleteDueBars(id, time);
                break;
            case InputEventKind.Reference:
                Apply(ref state, id, time, evt.Reference.Value.Raw, 0);
                break;
        }

        state.LastUpdate = time;
        state.Updates++;
        state.IsStale = false;
    }

    /// <summary>
    /// Advances event time (each accepted event does; a backtest's end or a timer may too): moves the covariance bar
    /// clock and, once a second, completes bars whose interval has ended and flags stale instruments. Rejected events
    /// do not move time: a malformed timestamp must not fast-forward the clocks.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnTime(long time)
    {
        Covariance.OnTime(time, states);
        if (time >= nextHousekeeping)
        {
            Housekeeping(time);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Apply(ref InstrumentState state, int id, long time, long price, long volume)
    {
        state.Last = price;
        var first = id * frameCount;
        if (nested)
        {
            ApplyNested(ref state, id, first, time, price, volume);
            return;
        }

        for (var tf = 0; tf < frameCount; tf++)
        {
            ref var frame = ref frames[first + tf];
            if (time >= frame.BarEnd)
            {
                if (frame.Updates > 0)
                {
                    CompleteBar(ref frame);
                }

                StartBar(ref frame, tf, time, state.SessionStart, state.SessionEnd);
            }

            ApplyPrice(ref frame, price, volume);
        }
    }

    /// <summary>
    /// Nested timeframes: the price goes into the shortest timeframe's bar only. Each longer bar is the union of the
    /// shorter bars completed inside it, folded in as they complete (<see cref="Fold"/>), so its completed bar —
    /// open, high, low, close, volume and update count — is exactly the one a price-by-price update would give.
    /// </summary>
    /// <remarks>
    /// <para>Why it is the same: all timeframes start their bars on the same grid (session open + k·interval, cut at the
    /// close), so a longer bar never ends before the shorter bar in progress inside it. Below <c>rollAt</c> (the earliest
    /// end among the instrument's bars) no bar is due; at or past it <see cref="RollNested"/> completes every due bar
    /// from the shortest up — each folded into the next before that one is looked at — and starts them at this price's
    /// time, as the price-by-price loop does. A longer bar's fields while it is in progress lag by the shorter bar in
    /// progress; nothing reads them but the digest, which is a function of the input alike.</para>
    /// <para>One exception to the grid: a bar started before its session opens (a value at night) is placed by
    /// truncation toward the open and may outlast the longer bar in progress. Then the instrument's prices go to every
    /// timeframe, one by one (<c>rollAt</c> = long.MinValue), until a shortest bar starts with no such overlap.</para>
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ApplyNested(ref InstrumentState state, int id, int first, long time, long price, long volume)
    {
        if (time >= rollAt[id] && RollNested(ref state, id, first, time, price, volume))
        {
            return;
        }

        ApplyPrice(ref frames[first], price, volume);
    }

    /// <summary>
    /// Nested timeframes, when some bar may be due: completes and starts bars; true when it also applied the price (to
    /// every timeframe, while a bar overlaps a longer one's end), false when the caller applies it to the shortest.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool RollNested(ref InstrumentState state, int id, int first, long time, long price, long volume)
    {
        var direct = rollAt[id] == long.MinValue;
        for (var tf = 0; tf < frameCount; tf++)
        {
            ref var frame = ref frames[first + tf];
            if (time < frame.BarEnd)
            {
                continue;
            }

            if (frame.Updates > 0)
            {
                if (!direct && tf + 1 < frameCount)
                {
                    Fold(in frame, ref frames[first + tf + 1]);
                }

                CompleteBar(ref frame);
            }

            StartBar(ref frame, tf, time, state.SessionStart, state.SessionEnd);
        }

        // Folding is exact only while every bar ends no later than the longer one in progress. Leaving the
        // price-by-price mode is exact only when every bar but the longest is empty (the longer bars hold every earlier
        // price, and a shorter bar folded later must bring none of them twice).
        var earliest = long.MaxValue;
        var overlap = false;
        var belowEmpty = true;
        for (var tf = 0; tf < frameCount; tf++)
        {
            ref readonly var frame = ref frames[first + tf];
            earliest = Math.Min(earliest, frame.BarEnd);
            if (tf + 1 < frameCount)
            {
                overlap |= frame.BarEnd > frames[first + tf + 1].BarEnd;
                belowEmpty &= frame.Updates == 0;
            }
        }

        if (overlap || (direct && !belowEmpty))
        {
            if (!direct)
            {
                // Entering the price-by-price mode: the longer bars take in what the shorter ones in progress hold, as
                // they would have price by price (shortest first, so each carries the ones below it up).
                for (var tf = 0; tf + 1 < frameCount; tf++)
                {
                    Fold(in frames[first + tf], ref frames[first + tf + 1]);
                }
            }

            rollAt[id] = long.MinValue;
            for (var tf = 0; tf < frameCount; tf++)
            {
                ApplyPrice(ref frames[first + tf], price, volume);
            }

            return true;
        }

        rollAt[id] = earliest;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ApplyPrice(ref TimeframeState frame, long price, long volume)
    {
        if (frame.Updates == 0)
        {
            frame.Open = frame.High = frame.Low = price;
        }
        else
        {
            frame.High = Math.Max(frame.High, price);
            frame.Low = Math.Min(frame.Low, price);
        }

        frame.Close = price;
        frame.Volume += volume;
        frame.Updates++;
    }

    /// <summary>Adds a completed shorter bar to the longer bar in progress that contains it.</summary>
    private static void Fold(ref readonly TimeframeState bar, ref TimeframeState into)
    {
        if (bar.Updates == 0)
        {
            return;
        }

        if (into.Updates == 0)
        {
            into.Open = bar.Open;
            into.High = bar.High;
            into.Low = bar.Low;
        }
        else
        {
            into.High = Math.Max(into.High, bar.High);
            into.Low = Math.Min(into.Low, bar.Low);
        }

        into.Close = bar.Close;
        into.Volume += bar.Volume;
        into.Updates += bar.Updates;
    }

    private void StartBar(ref TimeframeState frame, int tf, long time, long sessionOpen, long sessionClose)
    {
        var interval = intervals[tf];
        var span = sessionClose - sessionOpen;
        if (interval >= span)
        {
            frame.BarStart = sessionOpen;
            frame.BarEnd = sessionClose;
        }
        else
        {
            frame.BarStart = sessionOpen + ((time - sessionOpen) / interval * interval);
            frame.BarEnd = Math.Min(frame.BarStart + interval, sessionClose);
        }

        frame.Updates = 0;
        frame.Volume = 0;
    }

    private void CompleteBar(ref TimeframeState frame)
    {
        frame.LastBar = new BarSnapshot(
            frame.BarStart, frame.BarEnd, Price.FromRaw(frame.Open), Price.FromRaw(frame.High), Price.FromRaw(frame.Low),
            Price.FromRaw(frame.Close), Quantity.FromRaw(frame.Volume), frame.Updates);
        var close = frame.Close / 1e8;
        if (frame.Closes.Count > 0)
        {
            var previous = frame.Closes.Get(closes, 0);
            if (previous > 0 && close > 0)
            {
                var r = Math.Log(close / previous);
                frame.EwmaVariance = frame.ReturnsSeen == 0
                    ? r * r
                    : (options.VolatilityLambda * frame.EwmaVariance) + ((1 - options.VolatilityLambda) * r * r);
                frame.ReturnsSeen++;
            }
        }

        frame.Closes.Add(closes, close);
        frame.CompletedBars++;
        frame.Updates = 0;
        frame.Volume = 0;
        frame.BarEnd = 0;
    }

    private void RollSession(ref InstrumentState state, int id, long time)
    {
        var session = sessions(id, time);
        if (session.Open != state.SessionStart)
        {
            state.SessionVolume = 0;
            state.SessionNotional = 0;
        }

        // Outside any session (a reference value at night, say): account the update to the next session.
        state.SessionStart = session.Open;
        state.SessionEnd = session.Close;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Housekeeping(long time)
    {
        nextHousekeeping = ((time / HousekeepingIntervalNanoseconds) + 1) * HousekeepingIntervalNanoseconds;
        for (var id = 0; id < states.Length; id++)
        {
            // An instrument never updated has no bar to complete and cannot go stale: one read decides it (a backtest
            // of one symbol in a catalogue of fifty does this pass once per one-minute bar). No list of the updated
            // ones is kept: it would be a field, and snapshots written by earlier builds would no longer restore.
            ref var state = ref states[id];
            if (state.Updates == 0)
            {
                continue;
            }

            CompleteDueBars(id, time);
            if (state.LastUpdate == 0)
            {
                continue;
            }

            // Event time, not wall time: a replay's or a simulated feed's silence counts as it is recorded. Silence
            // counts only while the market is open, and only from when it (re)opened: a stock is not stale at the
            // open because its last trade was at yesterday's close; a closed market is never stale.
            if (!IsOpen(id, time, out long since))
            {
                state.IsStale = false;
            }
            else if (!state.IsStale && time - Math.Max(state.LastUpdate, since) > options.StaleAfterNanoseconds)
            {
                state.IsStale = true;
                Volatile.Write(ref staleTransitions, staleTransitions + 1);
            }
        }
    }

    /// <summary>Completes instrument <paramref name="id"/>'s bars that have ended by <paramref name="time"/> (shortest first, each folded into the next when nested).</summary>
    private void CompleteDueBars(int id, long time)
    {
        var first = id * frameCount;
        for (var tf = 0; tf < frameCount; tf++)
        {
            ref var frame = ref frames[first + tf];
            if (frame.Updates > 0 && time >= frame.BarEnd)
            {
                if (nested && rollAt[id] != long.MinValue)
                {
                    if (tf + 1 < frameCount)
                    {
                        Fold(in frame, ref frames[first + tf + 1]);
                    }

                    rollAt[id] = 0; // a completed bar has no end: the next price starts it
                }

                CompleteBar(ref frame);
            }
        }
    }

    // Whether instrument id's market is open at time, and since when (the start of the open window). Answered from a
    // per-instrument cache that is refilled only when time leaves it: about twice a session, not per call.
    private bool IsOpen(int id, long time, out long since)
    {
        if (calendars is not null)
        {
            bool open = calendars[id].IsOpen(time, ref openCursors[id]);
            since = openCursors[id].WindowStart;
            return open;
        }

        if (time < openFrom[id] || time >= openTo[id])
        {
            // The resolver gives the session containing time, or the next one when the market is closed.
            var session = sessions(id, time);
            openNow[id] = session.Contains(time);
            openFrom[id] = openNow[id] ? session.Open : time;
            openTo[id] = openNow[id] ? session.Close : Math.Max(session.Open, time + 1);
            openSince[id] = session.Open;
        }

        since = openSince[id];
        return openNow[id];
    }

    /// <summary>Tick-level state of an instrument.</summary>
    public ref readonly InstrumentState Instrument(InstrumentId id) => ref states[id.Value];

    /// <summary>Mid price (0 before the first quote).</summary>
    public Price Mid(InstrumentId id)
    {
        ref readonly var s = ref states[id.Value];
        return Price.FromRaw(s.Bid == 0 && s.Ask == 0 ? 0 : (s.Bid + s.Ask) / 2);
    }

    /// <summary>Ask − bid (0 before the first quote).</summary>
    public Price Spread(InstrumentId id) => Price.FromRaw(states[id.Value].Ask - states[id.Value].Bid);

    /// <summary>Last price of any kind.</summary>
    public Price Last(InstrumentId id) => Price.FromRaw(states[id.Value].Last);

    /// <summary>Volume-weighted average trade price of the current session (NaN before the first trade).</summary>
    public double Vwap(InstrumentId id)
    {
        ref readonly var s = ref states[id.Value];
        return s.SessionVolume > 0 ? s.SessionNotional / (s.SessionVolume / 1e8) : double.NaN;
    }

    /// <summary>Traded volume in the current session.</summary>
    public Quantity SessionVolume(InstrumentId id) => Quantity.FromRaw(states[id.Value].SessionVolume);

    /// <summary>Completed bars so far at timeframe <paramref name="timeframe"/>.</summary>
    public long CompletedBars(InstrumentId id, int timeframe) => Frame(id, timeframe).CompletedBars;

    /// <summary>The last completed bar at <paramref name="timeframe"/> (default before the first).</summary>
    public BarSnapshot LastBar(InstrumentId id, int timeframe) => Frame(id, timeframe).LastBar;

    /// <summary>Simple return over the last <paramref name="bars"/> completed bars: close / close[−bars] − 1 (NaN without enough history).</summary>
    public double Return(InstrumentId id, int timeframe, int bars)
    {
        ref readonly var frame = ref Frame(id, timeframe);
        if (bars < 1 || bars >= frame.Closes.Count)
        {
            return double.NaN;
        }

        return (frame.Closes.Get(closes, 0) / frame.Closes.Get(closes, bars)) - 1;
    }

    /// <summary>Momentum: the return over the configured momentum look-back.</summary>
    public double Momentum(InstrumentId id, int timeframe) => Return(id, timeframe, options.MomentumBars);

    /// <summary>EWMA volatility of bar log returns, per bar (NaN before two completed bars).</summary>
    public double Volatility(InstrumentId id, int timeframe)
    {
        ref readonly var frame = ref Frame(id, timeframe);
        return frame.ReturnsSeen == 0 ? double.NaN : Math.Sqrt(frame.EwmaVariance);
    }

    /// <summary>EWMA volatility annualised by calendar time.</summary>
    public double AnnualisedVolatility(InstrumentId id, int timeframe) => Volatility(id, timeframe) * annualisation[timeframe];

    /// <summary>Z-score of the last price against the mean and sample std of the last z-score-window closes (NaN when undefined).</summary>
    public double ZScore(InstrumentId id, int timeframe)
    {
        ref readonly var frame = ref Frame(id, timeframe);
        var std = frame.Closes.StandardDeviation;
        return std > 0 ? ((states[id.Value].Last / 1e8) - frame.Closes.Mean) / std : double.NaN;
    }

    /// <summary>Index of the timeframe with <paramref name="seconds"/>, or −1.</summary>
    public int TimeframeIndex(int seconds)
    {
        for (var i = 0; i < frameCount; i++)
        {
            if (options.TimeframeSeconds[i] == seconds)
            {
                return i;
            }
        }

        return -1;
    }

    private ref readonly TimeframeState Frame(InstrumentId id, int timeframe)
    {
        if ((uint)timeframe >= (uint)frameCount)
        {
            ThrowTimeframe(timeframe);
        }

        return ref frames[(id.Value * frameCount) + timeframe];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowTimeframe(int timeframe)
        => throw new ArgumentOutOfRangeException(nameof(timeframe), timeframe, $"Timeframe index must be below {frameCount}.");

    /// <summary>Adds every instrument's and timeframe's state, the covariance matrix and the clocks to a digest.</summary>
    public void AppendDigest(Pipeline.StateDigestBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(states.Length).Add(frameCount).Add(nextHousekeeping).Add(staleTransitions);
        foreach (ref readonly var state in states.AsSpan())
        {
            state.AppendDigest(builder);
        }

        foreach (ref readonly var frame in frames.AsSpan())
        {
            frame.AppendDigest(builder, closes);
        }

        builder.Add(rollAt);

        Covariance.AppendDigest(builder);
    }
}
