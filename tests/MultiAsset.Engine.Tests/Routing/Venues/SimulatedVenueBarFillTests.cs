using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Routing.Venues;
using static MultiAsset.Engine.Tests.Routing.Venues.VenueTestSupport;

namespace MultiAsset.Engine.Tests.Routing.Venues;

/// <summary>
/// The next-bar fill models (<c>barFill</c> "nextOpen" / "nextVwap", <c>barSpreadBps</c>, <c>barParticipation</c>): every
/// case hand-computed. Bars are one minute; bar k covers [T + (k−2)·1m, T + (k−1)·1m] with T = MondayOpen (bar 1 ends at T).
/// </summary>
public sealed class SimulatedVenueBarFillTests
{
    private const long Minute = 60_000 * Millisecond;
    private static readonly long T = MondayOpen;

    private static SimulatedVenue NextBarVenue(VenueBarFill fill = VenueBarFill.NextOpen, decimal spreadBps = 0m, decimal participation = 0m, long fillNanos = 0, decimal takerBps = 0m)
    {
        var d = Definition(makerBps: 0m, takerBps: takerBps, perShare: 0m, ackNanos: 0, fillNanos: fillNanos);
        return Venue(new VenueDefinition
        {
            Id = d.Id,
            Name = d.Name,
            AssetClasses = d.AssetClasses,
            Fees = d.Fees,
            Latency = d.Latency,
            Liquidity = d.Liquidity,
            RejectProbability = d.RejectProbability,
            MaxWorkingOrders = d.MaxWorkingOrders,
            MaxPendingReports = d.MaxPendingReports,
            Seed = d.Seed,
            BarFill = fill,
            BarSpreadBpsRaw = FixedPoint.FromDecimal(spreadBps),
            BarParticipationRaw = FixedPoint.FromDecimal(participation),
        });
    }

    // Bar k (1-based) ends at T + (k−1) minutes.
    private static long End(int k) => T + ((k - 1) * Minute);

    private static VenueBar Bar(int k, decimal open, decimal high, decimal low, decimal close, decimal volume = 1_000m)
        => new(End(k) - Minute, End(k), Price.FromDecimal(open), Price.FromDecimal(high), Price.FromDecimal(low), Price.FromDecimal(close), Quantity.FromDecimal(volume));

    private static List<ExecutionData> Fills(SimulatedVenue venue, long now) => venue.Drain(now).OfType(ExecutionType.Fill).ToList();

    [Fact]
    public void NextOpen_an_order_decided_on_bar_t_fills_at_bar_t_plus_1s_open_in_full()
    {
        var venue = NextBarVenue();
        venue.OnBar(Stock, End(1), Bar(1, 99.00m, 101.00m, 98.00m, 100.00m));
        Assert.True(venue.Submit(Market(1, OrderSide.Buy, 50m), End(1)));
        Assert.Empty(Fills(venue, End(1) + Minute - 1)); // nothing before the next bar
        Assert.Equal(1, venue.WaitingOrders);

        venue.OnBar(Stock, End(2), Bar(2, 100.37m, 102.00m, 99.00m, 101.00m));
        var fill = Assert.Single(Fills(venue, End(2)));
        Assert.Equal(50m, fill.Quantity.Dec());
        Assert.Equal(100.37m, fill.Price.Dec());
        Assert.Equal(Liquidity.Taker, fill.Liquidity);
        Assert.Equal(0m, fill.Fee.Dec());
        Assert.Equal(0, venue.WaitingOrders);
    }

    [Fact]
    public void NextOpen_an_order_on_the_last_bar_never_fills()
    {
        var venue = NextBarVenue();
        venue.OnBar(Stock, End(1), Bar(1, 99.00m, 101.00m, 98.00m, 100.00m));
        venue.Submit(Market(1, OrderSide.Sell, 10m), End(1));

        var reports = venue.Drain(End(1) + (1_000 * Minute));
        Assert.Single(reports.OfType(ExecutionType.Ack));
        Assert.Empty(reports.OfType(ExecutionType.Fill));
        Assert.Equal(1, venue.WaitingOrders);
    }

    [Fact]
    public void NextOpen_the_taker_fee_of_the_venues_schedule_applies()
    {
        var venue = NextBarVenue(takerBps: 3m);
        venue.OnBar(Stock, End(1), Bar(1, 99.00m, 101.00m, 98.00m, 100.00m));
        venue.Submit(Market(1, OrderSide.Buy, 100m), End(1));
        venue.OnBar(Stock, End(2), Bar(2, 100.00m, 102.00m, 99.00m, 101.00m));

        var fill = Assert.Single(Fills(venue, End(2)));
        Assert.Equal(3.00m, fill.Fee.Dec()); // 100 × 100.00 × 3 bps
    }

    [Fact]
    public void Participation_cap_splits_a_fill_over_bars_in_whole_lots()
    {
        // 10 % of 259 = 25.9 → 25 lots; of 255 → 25; of 100 → 10: 60 = 25 + 25 + 10.
        var venue = NextBarVenue(participation: 0.1m);
        venue.OnBar(Stock, End(1), Bar(1, 99.00m, 101.00m, 98.00m, 100.00m));
        venue.Submit(Market(1, OrderSide.Buy, 60m), End(1));

        venue.OnBar(Stock, End(2), Bar(2, 100.00m, 101.00m, 99.00m, 100.50m, 259m));
        Assert.Equal([(25m, 100.00m)], Fills(venue, End(2)).Select(f => (f.Quantity.Dec(), f.Price.Dec())));
        venue.OnBar(Stock, End(3), Bar(3, 100.50m, 101.00m, 99.00m, 100.70m, 255m));
        Assert.Equal([(25m, 100.50m)], Fills(venue, End(3)).Select(f => (f.Quantity.Dec(), f.Price.Dec())));
        venue.OnBar(Stock, End(4), Bar(4, 100.70m, 101.00m, 99.00m, 100.90m, 100m));
        Assert.Equal([(10m, 100.70m)], Fills(venue, End(4)).Select(f => (f.Quantity.Dec(), f.Price.Dec())));
        Assert.Equal(0, venue.WaitingOrders);
    }

    [Fact]
    public void Participation_cap_is_shared_by_the_instruments_orders_in_arrival_order()
    {
        var venue = NextBarVenue(participation: 0.1m);
        venue.OnBar(Stock, End(1), Bar(1, 99.00m, 101.00m, 98.00m, 100.00m));
        venue.Submit(Market(1, OrderSide.Sell, 20m), End(1));
        venue.Submit(Market(2, OrderSide.Buy, 20m), End(1));

        venue.OnBar(Stock, End(2), Bar(2, 100.00m, 101.00m, 99.00m, 100.50m, 250m)); // cap 25
        var fills = Fills(venue, End(2));
        Assert.Equal(20m, fills.Single(f => f.OrderId == 1).Quantity.Dec());
        Assert.Equal(5m, fills.Single(f => f.OrderId == 2).Quantity.Dec());
        Assert.Equal(1, venue.WaitingOrders);
    }

    [Fact]
    public void A_bar_with_no_volume_fills_nothing_under_a_cap_but_everything_without_one()
    {
        var capped = NextBarVenue(participation: 0.5m);
        var uncapped = NextBarVenue();
        foreach (var venue in new[] { capped, uncapped })
        {
            venue.OnBar(Stock, End(1), Bar(1, 99.00m, 101.00m, 98.00m, 100.00m));
            venue.Submit(Market(1, OrderSide.Buy, 40m), End(1));
            venue.OnBar(Stock, End(2), Bar(2, 100.00m, 101.00m, 99.00m, 100.50m, 0m));
        }

        Assert.Empty(Fills(capped, End(2)));
        Assert.Equal(1, capped.WaitingOrders);
        Assert.Equal(40m, Assert.Single(Fills(uncapped, End(2))).Quantity.Dec());
    }

    [Fact]
    public void Spread_moves_the_price_against_the_taker_rounded_to_the_tick_against_it()
    {
        // Open 100.05, 10 bps: buy 100.05 × 1.001 = 100.15005 → 100.16; sell 100.05 × 0.999 = 99.94995 → 99.94.
        var venue = NextBarVenue(spreadBps: 10m);
        venue.OnBar(Stock, End(1), Bar(1, 99.00m, 101.00m, 98.00m, 100.00m));
        venue.Submit(Market(1, OrderSide.Buy, 10m), End(1));
        venue.Submit(Market(2, OrderSide.Sell, 10m), End(1));
        venue.OnBar(Stock, End(2), Bar(2, 100.05m, 101.00m, 99.00m, 100.50m));

        var fills = Fills(venue, End(2));
        Assert.Equal(100.16m, fills.Single(f => f.Side == OrderSide.Buy).Price.Dec());
        Assert.Equal(99.94m, fills.Single(f => f.Side == OrderSide.Sell).Price.Dec());
    }

    [Fact]
    public void Latency_after_the_next_bars_start_pushes_the_fill_one_bar_later()
    {
        // Decided at bar 1's end with 1 ms fill latency: it arrives 1 ms after bar 2 started, so bar 3's open fills it.
        var venue = NextBarVenue(fillNanos: Millisecond);
        venue.OnBar(Stock, End(1), Bar(1, 99.00m, 101.00m, 98.00m, 100.00m));
        venue.Submit(Market(1, OrderSide.Buy, 10m), End(1));

        venue.OnBar(Stock, End(2), Bar(2, 100.10m, 101.00m, 99.00m, 100.50m));
        Assert.Empty(Fills(venue, End(2) + Minute - 1));
        venue.OnBar(Stock, End(3), Bar(3, 100.20m, 101.00m, 99.00m, 100.50m));
        var fill = Assert.Single(Fills(venue, End(3) + Millisecond));
        Assert.Equal(100.20m, fill.Price.Dec());
    }

    [Fact]
    public void NextVwap_fills_at_the_ohlc_average_rounded_to_the_nearest_tick()
    {
        // (100.00 + 101.00 + 99.50 + 100.53) / 4 = 100.2575 → 100.26.
        var venue = NextBarVenue(VenueBarFill.NextVwap);
        venue.OnBar(Stock, End(1), Bar(1, 99.00m, 101.00m, 98.00m, 100.00m));
        venue.Submit(Market(1, OrderSide.Sell, 10m), End(1));
        venue.OnBar(Stock, End(2), Bar(2, 100.00m, 101.00m, 99.50m, 100.53m));

        Assert.Equal(100.26m, Assert.Single(Fills(venue, End(2))).Price.Dec());
    }

    [Fact]
    public void NextOpen_limits_fill_at_the_open_when_it_opens_through_them_else_at_the_limit_when_traded_through()
    {
        var venue = NextBarVenue();
        venue.OnBar(Stock, End(1), Bar(1, 99.00m, 101.00m, 98.00m, 100.00m));
        // Marketable against bar 1's close book, but nothing trades before the next bar: it rests.
        venue.Submit(Limit(1, OrderSide.Buy, 10m, 100.50m), End(1));
        venue.Submit(Limit(2, OrderSide.Sell, 10m, 100.40m), End(1));
        venue.Submit(Limit(3, OrderSide.Buy, 10m, 99.00m), End(1));
        Assert.Empty(Fills(venue, End(1)));
        Assert.Equal(3, venue.WorkingOrders);

        // Opens 100.20 (through the buy at 100.50: improvement to the open, taker), high 100.60 (through the sell at 100.40,
        // which the open was not: maker at its limit), low 99.00 (only touches the buy at 99.00: no fill).
        venue.OnBar(Stock, End(2), Bar(2, 100.20m, 100.60m, 99.00m, 100.30m));
        var fills = Fills(venue, End(2));
        Assert.Equal(2, fills.Count);
        var buy = fills.Single(f => f.OrderId == 1);
        Assert.Equal((100.20m, Liquidity.Taker), (buy.Price.Dec(), buy.Liquidity));
        var sell = fills.Single(f => f.OrderId == 2);
        Assert.Equal((100.40m, Liquidity.Maker), (sell.Price.Dec(), sell.Liquidity));
        Assert.Equal(1, venue.WorkingOrders);
    }

    [Fact]
    public void A_waiting_order_can_be_cancelled_and_is_in_the_digest()
    {
        var a = NextBarVenue();
        var b = NextBarVenue();
        foreach (var venue in new[] { a, b })
        {
            venue.OnBar(Stock, End(1), Bar(1, 99.00m, 101.00m, 98.00m, 100.00m));
        }

        a.Submit(Market(7, OrderSide.Buy, 10m), End(1));
        Assert.NotEqual(Digest(a), Digest(b));

        Assert.True(a.Cancel(7, End(1) + 1));
        var cancel = Assert.Single(a.Drain(End(1) + Minute).OfType(ExecutionType.Cancelled));
        Assert.Equal((7L, 10m), (cancel.OrderId, cancel.Quantity.Dec()));
        Assert.Equal(0, a.WaitingOrders);
        a.OnBar(Stock, End(2), Bar(2, 100.00m, 101.00m, 99.00m, 100.50m));
        Assert.Empty(Fills(a, End(2)));
    }

    [Fact]
    public void Same_input_gives_the_same_fills_and_digest()
    {
        string Run()
        {
            var venue = NextBarVenue(participation: 0.1m, spreadBps: 5m);
            venue.OnBar(Stock, End(1), Bar(1, 99.00m, 101.00m, 98.00m, 100.00m));
            venue.Submit(Market(1, OrderSide.Buy, 60m), End(1));
            venue.Submit(Limit(2, OrderSide.Sell, 30m, 100.40m), End(1));
            var text = new System.Text.StringBuilder();
            for (int k = 2; k <= 5; k++)
            {
                venue.OnBar(Stock, End(k), Bar(k, 100.00m + k, 102.00m + k, 99.00m, 100.50m + k, 200m));
                foreach (var f in Fills(venue, End(k)))
                {
                    text.Append(f.OrderId).Append(' ').Append(f.Quantity.Dec()).Append('@').Append(f.Price.Dec()).Append(';');
                }
            }

            return text.Append(Digest(venue)).ToString();
        }

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void A_quote_puts_the_instrument_back_on_the_book_model()
    {
        var venue = NextBarVenue();
        venue.OnBar(Stock, End(1), Bar(1, 99.00m, 101.00m, 98.00m, 100.00m));
        venue.QuoteStock(End(1), 100.00m, 100.02m); // quotes win
        venue.Submit(Market(1, OrderSide.Buy, 10m), End(1));

        Assert.Equal(100.02m, Assert.Single(Fills(venue, End(1))).Price.Dec());
        Assert.Equal(0, venue.WaitingOrders);
    }

    [Fact]
    public void When_quotes_resume_a_waiting_order_takes_the_quote_book()
    {
        // Book around 100.00 / 100.02, 100 lots per level, levels a tick apart: 150 = 100 @ 100.02 + 50 @ 100.03.
        var venue = NextBarVenue();
        venue.OnBar(Stock, End(1), Bar(1, 99.00m, 101.00m, 98.00m, 100.00m));
        venue.Submit(Market(1, OrderSide.Buy, 150m), End(1));
        venue.QuoteStock(End(1) + Millisecond, 100.00m, 100.02m);

        var fills = Fills(venue, End(1) + Millisecond);
        Assert.Equal([(100m, 100.02m), (50m, 100.03m)], fills.Select(f => (f.Quantity.Dec(), f.Price.Dec())));
        Assert.All(fills, f => Assert.Equal(Liquidity.Taker, f.Liquidity));
        Assert.Equal(0, venue.WaitingOrders);
    }

    [Fact]
    public void Next_bar_fills_allocate_nothing_per_event()
    {
        var venue = NextBarVenue(participation: 0.5m, spreadBps: 1m);
        long id = 0;
        void Round(int k)
        {
            // Crypto: open round the clock, so 6 200 minute bars stay in session.
            venue.OnBar(Btc, End(k), Bar(k, 100.00m, 101.00m, 99.00m, 100.50m, 30m));
            venue.Submit(Market(++id, OrderSide.Buy, 10m, Btc), End(k));
            venue.Submit(Market(++id, OrderSide.Sell, 10m, Btc), End(k));
            venue.Submit(Limit(++id, OrderSide.Buy, 5m, 100.20m, Btc), End(k));
            venue.Poll(End(k), Output);
        }

        for (int k = 1; k <= 200; k++)
        {
            Round(k); // warm up (tiering)
        }

        // Three windows of 2 000 rounds: a per-event allocation shows in every one; a one-off of the runtime's (a method
        // tiering up mid-window on a loaded machine) in one at most.
        var allocated = new long[3];
        for (int w = 0; w < allocated.Length; w++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int k = 201 + (w * 2_000); k <= 2_200 + (w * 2_000); k++)
            {
                Round(k);
            }

            allocated[w] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.Equal(0, allocated.Min());
        Assert.True(venue.Counters.Fills > 6_000);
    }

    private static readonly InputEvent[] Output = new InputEvent[256];

    private static string Digest(SimulatedVenue venue)
    {
        var builder = new StateDigestBuilder();
        venue.AppendDigest(builder);
        return builder.Digest.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }
}
