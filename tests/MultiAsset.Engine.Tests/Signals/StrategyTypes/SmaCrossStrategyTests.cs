using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Signals.StrategyTypes;

namespace MultiAsset.Engine.Tests.Signals.StrategyTypes;

public sealed class SmaCrossStrategyTests
{
    private static readonly InstrumentId Instrument = new(5);
    private static readonly Quantity Lot = Quantity.FromDecimal(2m);

    // fast 2, slow 3. d = SMA2 − SMA3 by hand (bar: close → SMA2, SMA3, sign):
    //  1: 10   2: 10 (slow not valid yet)
    //  3: 10   → 10, 10, 0        seed: last non-zero d = 0
    //  4: 11   → 10.5, 10.33, +   no cross (nothing non-zero before)           last +
    //  5:  9   → 10, 10, 0        tie: last stays +
    //  6:  9   → 9, 9.67, −       down-cross while flat: nothing              last −
    //  7: 10   → 9.5, 9.33, +     up-cross while flat: BUY                     last +
    //  8: 10   → 10, 9.67, +
    //  9: 10   → 10, 10, 0        tie stretch ...
    // 10: 10   → 10, 10, 0        ... (fast = slow for two bars)
    // 11: 10.5 → 10.25, 10.17, +  same sign as before the stretch: no cross
    // 12:  9.5 → 10, 10, 0        tie
    // 13:  9.5 → 9.5, 9.83, −     down-cross across the tie while long: SELL   last −
    // 14: 10   → 9.75, 9.67, +    up-cross on the very next bar, flat again: BUY
    // 15: 10   → 10, 9.83, +
    // 16: 10.5 → 10.25, 10.17, +
    // 17: 10   → 10.25, 10.17, +
    // 18:  9.5 → 9.75, 10, −      down-cross: SELL
    // 19:  9.5 → 9.5, 9.67, −
    private static readonly decimal[] Ties = [10, 10, 10, 11, 9, 9, 10, 10, 10, 10, 10.5m, 9.5m, 9.5m, 10, 10, 10.5m, 10, 9.5m, 9.5m];

    private static SmaCrossStrategy Create(int fast = 2, int slow = 3) => new(Instrument, new SmaCrossParameters(fast, slow, Lot));

    /// <summary>Feeds closes (bar k at time k); returns (bar, signal) for every signal.</summary>
    private static List<(int Bar, StrategySignal Signal)> Run(SmaCrossStrategy strategy, IEnumerable<decimal> closes, int firstBar = 1, Action<int>? afterBar = null)
    {
        var output = new StrategySignal[SmaCrossStrategy.MaxSignalsPerBar];
        var events = new List<(int, StrategySignal)>();
        var bar = firstBar;
        foreach (var close in closes)
        {
            if (strategy.OnBar(bar, Price.FromDecimal(close), output) == 1)
            {
                events.Add((bar, output[0]));
            }

            afterBar?.Invoke(bar);
            bar++;
        }

        return events;
    }

    private static ExecutionData Report(ExecutionType type, OrderSide side, decimal quantity, bool parentLevel = false) => new()
    {
        OrderId = ChildOrderId.Of(7, parentLevel ? ChildOrderId.MaxChildren - 1 : 0),
        Type = type,
        Side = side,
        Quantity = Quantity.FromDecimal(quantity),
        Price = Price.FromDecimal(10m),
        Strategy = new StrategyId(0),
    };

    private static void AssertBuy((int Bar, StrategySignal Signal) e, int bar)
    {
        Assert.Equal(bar, e.Bar);
        Assert.Equal(SignalReason.EntryQuantity, e.Signal.Reason);
        Assert.Equal(2.0, e.Signal.TargetPosition);
        Assert.Equal(Instrument, e.Signal.Instrument);
    }

    private static void AssertSell((int Bar, StrategySignal Signal) e, int bar)
    {
        Assert.Equal(bar, e.Bar);
        Assert.Equal(SignalReason.Unwind, e.Signal.Reason);
        Assert.Equal(Instrument, e.Signal.Instrument);
    }

    [Fact]
    public void Crosses_with_ties_and_a_zero_seed_signal_at_the_hand_computed_bars()
    {
        var strategy = Create();
        var events = Run(strategy, Ties);

        Assert.Collection(events, e => AssertBuy(e, 7), e => AssertSell(e, 13), e => AssertBuy(e, 14), e => AssertSell(e, 18));
        Assert.Equal(5, strategy.Crosses); // 6 (flat, not traded), 7, 13, 14, 18
        Assert.Equal(-1, strategy.LastSign);
        Assert.Equal(0, strategy.Position);
    }

    [Fact]
    public void A_tie_that_floating_point_would_call_a_down_cross_is_no_cross()
    {
        // fast 2, slow 3: bar 3 (0.3, 0.2, 0.1) → 0.15 < 0.2, seed −; bar 4 → 0.15 < 0.1667; bar 5 (0.2, 0.1)
        // → 0.15 > 0.1333: up-cross, BUY. Bar 6 (0.2, 0.1, 0.3): SMA2 = 0.2 = SMA3 exactly, but in doubles
        // (0.2 + 0.1 + 0.3) / 3 = 0.20000000000000004 > (0.1 + 0.3) / 2 = 0.2, a down-cross. Exact: a tie, so
        // bar 7 (0.35 > 0.2667) continues the up-trend and nothing else is signalled.
        var strategy = Create();
        var events = Run(strategy, [0.3m, 0.2m, 0.1m, 0.2m, 0.1m, 0.3m, 0.4m]);

        Assert.Collection(events, e => AssertBuy(e, 5));
        Assert.Equal(1, strategy.LastSign);
    }

    [Fact]
    public void A_positive_seed_is_not_a_cross_and_a_down_cross_while_flat_does_nothing()
    {
        // fast 1, slow 2: bar 2 (1, 2) → d = 2 − 1.5 > 0 seed +; bar 3 (2, 1) → 1 < 1.5, down-cross, flat: nothing;
        // bar 4 (1, 3) → 3 > 2, up-cross: BUY; bar 5 (3, 3) → 3 = 3 tie; bar 6 (3, 2) → 2 < 2.5, down-cross: SELL.
        var strategy = Create(fast: 1, slow: 2);
        var events = Run(strategy, [1m, 2m, 1m, 3m, 3m, 2m]);

        Assert.Collection(events, e => AssertBuy(e, 4), e => AssertSell(e, 6));
    }

    [Fact]
    public void Position_is_the_fills_plus_what_is_in_flight()
    {
        var strategy = Create();
        Run(strategy, Ties, afterBar: bar =>
        {
            if (bar == 8)
            {
                // The buy of bar 7 fills at bar 8's open (reported after bar 8's decision).
                var fill = Report(ExecutionType.Fill, OrderSide.Buy, 2m);
                strategy.OnExecution(in fill);
            }
        });

        // After the sell at 13, the buy at 14 and the sell at 18, with only the first buy filled.
        Assert.Equal(Lot.Raw, strategy.Filled);
        Assert.Equal(Lot.Raw, strategy.PendingBuy);
        Assert.Equal(2 * Lot.Raw, strategy.PendingSell);
        Assert.Equal(0, strategy.Position);

        var sell = Report(ExecutionType.Fill, OrderSide.Sell, 2m);
        strategy.OnExecution(in sell);
        Assert.Equal(0, strategy.Filled);
        Assert.Equal(Lot.Raw, strategy.PendingSell);
    }

    [Fact]
    public void A_refused_buy_is_released_so_the_next_down_cross_sends_nothing_and_the_next_up_cross_buys()
    {
        var strategy = Create();
        var events = Run(strategy, Ties, afterBar: bar =>
        {
            if (bar == 7)
            {
                // Child-level cancels and acks change nothing; the router's parent-level cancel hands the buy back.
                var ack = Report(ExecutionType.Ack, OrderSide.Buy, 2m);
                var child = Report(ExecutionType.Cancelled, OrderSide.Buy, 2m);
                strategy.OnExecution(in ack);
                strategy.OnExecution(in child);
                Assert.Equal(Lot.Raw, strategy.Position);
                var released = Report(ExecutionType.Cancelled, OrderSide.Buy, 2m, parentLevel: true);
                strategy.OnExecution(in released);
                Assert.Equal(0, strategy.Position);
            }
        });

        Assert.Collection(events, e => AssertBuy(e, 7), e => AssertBuy(e, 14), e => AssertSell(e, 18));
    }

    [Fact]
    public void A_sell_that_is_handed_back_leaves_the_strategy_long_so_the_next_up_cross_does_not_buy_again()
    {
        var strategy = Create();
        var events = Run(strategy, Ties, afterBar: bar =>
        {
            if (bar == 8)
            {
                var fill = Report(ExecutionType.Fill, OrderSide.Buy, 2m);
                strategy.OnExecution(in fill);
            }
            else if (bar == 13)
            {
                var released = Report(ExecutionType.Cancelled, OrderSide.Sell, 2m, parentLevel: true);
                strategy.OnExecution(in released);
            }
        });

        // 13's sell came back: still long at 14 (no buy), and 18's down-cross sells the whole position.
        Assert.Collection(events, e => AssertBuy(e, 7), e => AssertSell(e, 13), e => AssertSell(e, 18));
        Assert.Equal(Lot.Raw, strategy.PendingSell);
    }

    [Fact]
    public void Sums_are_exact_for_large_prices_and_long_windows()
    {
        // fast 10, slow 200, P = 9 000 000 000.12345678 (200 closes sum to 1.8e20 raw units: past 64 bits).
        // Bars 1..200 at P: seed d = 0. Bar 201 at P − 1e-8: SMA10 = P − 1e-9, SMA200 = P − 5e-11, d < 0 (no cross:
        // nothing non-zero before). Bar 202 at P + 2e-8: SMA10 = P + 1e-9, SMA200 = P + 5e-11, d > 0: up-cross, BUY.
        // In doubles P has a resolution of about 2e-6, so these d are all 0 and nothing would be bought.
        const decimal p = 9_000_000_000.12345678m;
        var strategy = new SmaCrossStrategy(Instrument, new SmaCrossParameters(10, 200, Lot));
        var events = Run(strategy, Enumerable.Repeat(p, 200).Append(p - 0.00000001m).Append(p + 0.00000002m));

        Assert.Collection(events, e => AssertBuy(e, 202));
    }

    [Theory]
    [InlineData(0, 3, 1)]
    [InlineData(3, 3, 1)]
    [InlineData(4, 3, 1)]
    [InlineData(2, 3, 0)]
    [InlineData(2, 3, -1)]
    public void Parameters_out_of_range_are_rejected(int fast, int slow, int quantity)
        => Assert.ThrowsAny<ArgumentException>(() => new SmaCrossParameters(fast, slow, Quantity.FromDecimal(quantity)));

    [Fact]
    public void Bars_must_move_forward_and_have_a_positive_close()
    {
        var strategy = Create();
        var output = new StrategySignal[1];
        strategy.OnBar(5, Price.FromDecimal(1m), output);
        Assert.Throws<ArgumentOutOfRangeException>(() => strategy.OnBar(5, Price.FromDecimal(1m), output));
        Assert.Throws<ArgumentOutOfRangeException>(() => strategy.OnBar(6, Price.FromRaw(0), output));
    }
}
