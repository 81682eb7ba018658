using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Signals.StrategyTypes;

/// <summary>
/// The reference simple-moving-average crossover on one instrument, long only, with exact rules so its trades can be
/// compared with other engines' (docs/strategies.md, "SmaCross"). O(1) per bar, no allocation after construction.
/// </summary>
/// <remarks>
/// <para><b>Rules.</b> Bars are numbered 1..N; SMA(n) at bar t is the sum of the closes t−n+1..t divided by n (valid
/// from bar n). d = SMA(fast) − SMA(slow). The last non-zero d is remembered, seeded with d at the first bar where the
/// slow average is valid (even when that d is 0). An up-cross at bar t: the last non-zero d before t is negative and
/// d[t] &gt; 0; a down-cross: it is positive and d[t] &lt; 0. After bar t's close an up-cross while flat buys
/// <see cref="SmaCrossParameters.Quantity"/> (<see cref="SignalReason.EntryQuantity"/>), a down-cross while long sells
/// the whole position (<see cref="SignalReason.Unwind"/>); nothing else is ever signalled (never short).</para>
/// <para><b>Exact.</b> Closes are the bars' fixed-point prices; the sums are 128-bit integers and the sign of d is the
/// sign of fastSum × slow − slowSum × fast, so ties (d = 0) are exact, never float noise.</para>
/// <para><b>Position.</b> Flat / long is the strategy's position by its fills (<see cref="OnExecution"/>: the venue
/// reports attributed to it), plus what it has asked for and is still in flight: a buy signalled at bar t counts as held
/// until its fill or its release (an unfilled rest handed back, a risk refusal) is reported, a sell likewise. The
/// reason: a bar's decision is taken at its own event, before the venue matches the orders waiting for that bar's open,
/// so at bar t+1's close the fill of bar t's order (at bar t+1's open, in the reference model) is not reported yet;
/// counting it in flight gives the reference's answer. A buy that is refused is released and the strategy is flat again
/// (a later down-cross does nothing, the next up-cross buys); a buy still working at the next down-cross counts as held,
/// so that cross closes (coordination flattens what the strategy has ordered, working orders included).</para>
/// </remarks>
public sealed class SmaCrossStrategy
{
    /// <summary>Most signals one bar can produce.</summary>
    public const int MaxSignalsPerBar = 1;

    private readonly InstrumentId instrument;
    private readonly int fast;
    private readonly int slow;
    private readonly long quantity;

    // The last `slow` closes (raw), oldest at head once full.
    private readonly long[] closes;
    private int head;
    private int count;
    private Int128 fastSum;
    private Int128 slowSum;
    private bool seeded;
    private int lastSign;
    private BarClock clock;

    /// <summary>Creates the strategy for one instrument.</summary>
    public SmaCrossStrategy(InstrumentId instrument, SmaCrossParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        this.instrument = instrument;
        fast = parameters.Fast;
        slow = parameters.Slow;
        quantity = parameters.Quantity.Raw;
        closes = new long[slow];
    }

    /// <summary>The instrument traded.</summary>
    public InstrumentId Instrument => instrument;

    /// <summary>Bars seen (the number of the last bar).</summary>
    public long Bars { get; private set; }

    /// <summary>Sign of the last non-zero d (0 before the slow average is valid, or while every d so far was 0).</summary>
    public int LastSign => lastSign;

    /// <summary>Filled position (raw units, signed): the fills reported for this strategy on the instrument.</summary>
    public long Filled { get; private set; }

    /// <summary>Buys asked for and not yet filled or released (raw units).</summary>
    public long PendingBuy { get; private set; }

    /// <summary>Sells asked for and not yet filled or released (raw units).</summary>
    public long PendingSell { get; private set; }

    /// <summary>The position the strategy decides on: filled, plus buys and less sells still in flight (raw units).</summary>
    public long Position => Filled + PendingBuy - PendingSell;

    /// <summary>Up-crosses and down-crosses seen (traded on or not).</summary>
    public long Crosses { get; private set; }

    /// <summary>Processes one completed bar; writes at most <see cref="MaxSignalsPerBar"/> signals and returns how many.</summary>
    public int OnBar(long time, Price close, Span<StrategySignal> output)
    {
        ParameterGuard.Output(output.Length, MaxSignalsPerBar, nameof(output));
        if (close.Raw <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(close), close, "close must be a price greater than 0.");
        }

        clock.Advance(time);
        Bars++;
        var raw = close.Raw;
        // Read what leaves each window before the new close overwrites the oldest slot (fast < slow: never that slot).
        if (count == slow)
        {
            slowSum -= closes[head];
        }

        if (count >= fast)
        {
            var leaving = head - fast;
            fastSum -= closes[leaving < 0 ? leaving + slow : leaving];
        }

        closes[head] = raw;
        slowSum += raw;
        fastSum += raw;
        head = head + 1 == slow ? 0 : head + 1;
        if (count < slow)
        {
            count++;
        }

        if (count < slow)
        {
            return 0;
        }

        // sign(fastSum / fast − slowSum / slow) = sign(fastSum × slow − slowSum × fast): exact in 128 bits.
        var sign = ((fastSum * slow) - (slowSum * fast)).CompareTo(Int128.Zero);
        if (!seeded)
        {
            seeded = true;
            lastSign = sign;
            return 0;
        }

        var previous = lastSign;
        if (sign != 0)
        {
            lastSign = sign;
        }

        if (sign > 0 && previous < 0)
        {
            Crosses++;
            if (Position == 0)
            {
                PendingBuy += quantity;
                output[0] = new StrategySignal(instrument, Quantity.FromRaw(quantity).ToDouble(), SignalReason.EntryQuantity);
                return 1;
            }
        }
        else if (sign < 0 && previous > 0)
        {
            Crosses++;
            var position = Position;
            if (position > 0)
            {
                PendingSell += position;
                output[0] = new StrategySignal(instrument, 0, SignalReason.Unwind);
                return 1;
            }
        }

        return 0;
    }

    /// <summary>
    /// A venue report of one of this strategy's orders on the instrument: a fill moves the filled position and takes
    /// its quantity off what was in flight on its side; a parent-level cancel (the unfilled rest handed back, a risk
    /// refusal; the router's cancel at the parent level, the one coordination also hands back) only takes it off what
    /// was in flight. Acks, rejects and child-level cancels change nothing (the router re-routes a child's rest).
    /// </summary>
    public void OnExecution(ref readonly ExecutionData report)
    {
        var q = report.Quantity.Raw;
        if (q <= 0 || report.Side is not (OrderSide.Buy or OrderSide.Sell))
        {
            return;
        }

        var buy = report.Side == OrderSide.Buy;
        if (report.Type == ExecutionType.Fill)
        {
            Filled += buy ? q : -q;
        }
        else if (report.Type != ExecutionType.Cancelled || ChildOrderId.IndexOf(report.OrderId) != ChildOrderId.MaxChildren - 1)
        {
            return;
        }

        if (buy)
        {
            PendingBuy = Math.Max(0, PendingBuy - q);
        }
        else
        {
            PendingSell = Math.Max(0, PendingSell - q);
        }
    }

    /// <summary>Adds the strategy state to a stage digest.</summary>
    public void AppendDigest(StateDigestBuilder digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        digest.Add(instrument.Value).Add(fast).Add(slow).Add(quantity).Add(head).Add(count)
            .Add((long)(fastSum >> 64)).Add((long)fastSum).Add((long)(slowSum >> 64)).Add((long)slowSum)
            .Add(seeded).Add(lastSign).Add(Bars).Add(Crosses).Add(Filled).Add(PendingBuy).Add(PendingSell).Add(closes);
        clock.AppendDigest(digest);
    }
}
