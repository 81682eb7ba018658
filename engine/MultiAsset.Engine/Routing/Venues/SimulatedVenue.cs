using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Routing.Algorithms;

namespace MultiAsset.Engine.Routing.Venues;

/// <summary>
/// A paper venue for live paper trading and backtests: a book per instrument built around the feed's quote
/// (<see cref="VenueBook"/>), child orders matched against it, and execution reports delivered after the configured
/// latency. Deterministic for the same inputs and seed; allocation-free per quote, order, cancel and poll.
/// </summary>
/// <remarks>
/// <para><b>Matching.</b> An order is decided when submitted, against the book shown at that instant; the latency only
/// delays its reports. Market and IOC orders take the displayed levels best first (an IOC only within its limit), one
/// taker fill per level, and the remainder is cancelled; a limit order takes what is marketable the same way and rests
/// with the rest. A resting order fills (maker, at its limit price) when a later quote puts displayed depth at or through
/// its limit, consuming that depth; orders of an instrument match in price-time priority (best limit first, then
/// arrival), and a quote visits only the orders it fills. Consumed depth returns at the next quote for the instrument.
/// With bars-only data (<see cref="OnBar"/>) the book is built around the bar's close and a resting order the bar traded
/// through fills at its limit, out of the bar's volume. Under a next-bar model (<see cref="VenueDefinition.BarFill"/>
/// <c>nextOpen</c> / <c>nextVwap</c>) nothing trades on arrival while the book comes from a bar: market orders wait in a
/// preallocated pool and fill from the first bar that starts at or after their arrival (docs/orders.md, "Bars-only data").</para>
/// <para><b>Checks, in order</b> (the first failing one is the reject reason): the venue trades the instrument
/// (<see cref="VenueRejectReason.UnknownInstrument"/>); a side and type are set (else InvalidQuantity / InvalidPrice); the
/// market is open by the instrument's calendar (MarketClosed); the quantity is a positive whole number of lots and the
/// notional at the limit (market: at the touch) reaches the instrument's minimum (InvalidQuantity); a limit is positive
/// and on the tick grid (InvalidPrice); the seeded random draw (VenueUnavailable, with probability
/// <see cref="VenueDefinition.RejectProbability"/>); a free working-order slot for a limit order and an id not already
/// working (VenueUnavailable, counted apart; under a next-bar model a waiting slot for a market order too); a market or
/// IOC order finds displayed depth (NoLiquidity).</para>
/// <para><b>Reports.</b> Ack/reject/cancel at <c>ack</c> latency, fills (and an IOC/market remainder's cancel) at
/// <c>fill</c> latency, each plus its own jitter; an order's reports never overtake each other. Fees per fill by
/// <see cref="VenueFeeSchedule"/>, in the quote currency, rounded half away from zero to 10^-8.</para>
/// </remarks>
public sealed class SimulatedVenue : IExecutionVenue, IStateDigest
{
    private readonly VenueDefinition definition;
    private readonly Instrument[] instruments;
    private readonly bool[] trades;
    private readonly SessionCursor[] sessions;
    private readonly VenueBook book;
    private readonly RestingOrderPool pool;
    private readonly int[] passedOver;
    private readonly ReportQueue queue;
    private readonly short venue;
    private readonly double rejectProbability;
    private readonly VenueLatency latency;
    private readonly VenueBarFill barFill;
    private readonly long barSpreadRaw;
    private readonly long barParticipationRaw;
    private readonly bool[] barBook;            // instrument → its book was last built from a bar (no quote since)
    private readonly RestingOrderPool waiting;  // market orders waiting for the next bar (next-bar models), FIFO per side
    private VenueRandom random;

    /// <summary>Creates the venue with empty books over <paramref name="catalog"/>; all storage is allocated here.</summary>
    public SimulatedVenue(VenueDefinition definition, InstrumentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(catalog);
        this.definition = definition;
        instruments = [.. catalog.Instruments];
        trades = [.. instruments.Select(definition.Trades)];
        sessions = new SessionCursor[instruments.Length];
        book = new VenueBook(definition.Liquidity, catalog);
        pool = new RestingOrderPool(definition.MaxWorkingOrders, instruments.Length);
        passedOver = new int[definition.MaxWorkingOrders];
        queue = new ReportQueue(definition.MaxPendingReports);
        venue = checked((short)definition.Id.Value);
        rejectProbability = definition.RejectProbability;
        latency = definition.Latency;
        barFill = definition.BarFill;
        barSpreadRaw = definition.BarSpreadBpsRaw;
        barParticipationRaw = definition.BarParticipationRaw;
        barBook = new bool[instruments.Length];
        waiting = new RestingOrderPool(barFill == VenueBarFill.Close ? 1 : definition.MaxWorkingOrders, instruments.Length);
        random = new VenueRandom(definition.Seed);
    }

    /// <inheritdoc/>
    public VenueId Id => definition.Id;

    /// <inheritdoc/>
    public string Name => definition.Name;

    /// <summary>The venue's configuration.</summary>
    public VenueDefinition Definition => definition;

    /// <summary>What the venue has done so far.</summary>
    public VenueCounters Counters { get; } = new();

    /// <summary>Limit orders working now.</summary>
    public int WorkingOrders => pool.Count;

    /// <summary>Market orders waiting for the next bar (<see cref="VenueBarFill.NextOpen"/>, <see cref="VenueBarFill.NextVwap"/>).</summary>
    public int WaitingOrders => waiting.Count;

    /// <summary>Reports decided but not yet delivered.</summary>
    public int PendingReports => queue.Count;

    /// <inheritdoc/>
    public long NextReportDue => queue.NextDue;

    /// <inheritdoc/>
    public string DigestName => definition.Name;

    /// <inheritdoc/>
    public bool Trades(InstrumentId instrument) => (uint)instrument.Value < (uint)trades.Length && trades[instrument.Value];

    /// <summary>The venue's own touch for <paramref name="instrument"/>; false before its first valid quote.</summary>
    public bool TryGetTouch(InstrumentId instrument, out Price bid, out Price ask)
    {
        if (!Trades(instrument) || !book.HasQuote(instrument.Value))
        {
            bid = ask = Price.Zero;
            return false;
        }

        bid = Price.FromRaw(book.BestBid(instrument.Value));
        ask = Price.FromRaw(book.BestAsk(instrument.Value));
        return true;
    }

    /// <inheritdoc/>
    public void OnQuote(InstrumentId instrument, long now, Price bid, Price ask)
    {
        if (!Trades(instrument) || !book.Refresh(instrument.Value, bid, ask))
        {
            Counters.IgnoredQuotes++;
            return;
        }

        Counters.Quotes++;
        barBook[instrument.Value] = false;
        if (waiting.CountOf(instrument, buy: true) + waiting.CountOf(instrument, buy: false) > 0)
        {
            MatchWaiting(instrument, now, buy: true);
            MatchWaiting(instrument, now, buy: false);
        }

        MatchResting(instrument, now);
    }

    /// <inheritdoc/>
    public void OnBar(InstrumentId instrument, long now, in VenueBar bar)
    {
        if (!Trades(instrument) || bar.Low.Raw <= 0 || bar.High.Raw < bar.Low.Raw || !book.Refresh(instrument.Value, bar.Close, bar.Close))
        {
            Counters.IgnoredQuotes++;
            return;
        }

        Counters.Bars++;
        barBook[instrument.Value] = true;
        if (barFill == VenueBarFill.Close)
        {
            MatchBar(instrument, now, in bar);
        }
        else
        {
            MatchNextBar(instrument, now, in bar);
        }
    }

    /// <inheritdoc/>
    public bool Submit(in ChildOrderRequest request, long now)
    {
        // Worst case for one order: ack, one fill per level, and a cancel of the remainder.
        if (queue.Free < book.Levels + 2)
        {
            Counters.Refused++;
            return false;
        }

        Counters.Submitted++;
        var reason = Check(request, now);
        if (reason != VenueRejectReason.None)
        {
            Reject(request, reason, now);
            return true;
        }

        int i = request.Instrument.Value;
        bool buy = request.Side == OrderSide.Buy;
        long ackDue = Due(now, latency.AckNanos);
        Schedule(ackDue, request.Instrument, Report(request, ExecutionType.Ack, request.Quantity.Raw, request.Type == OrderType.Market ? 0 : request.LimitPrice.Raw));
        Counters.Acks++;

        if (NextBar(i) || (request.Type == OrderType.Market && WaitsForBar(i)))
        {
            Wait(request, now, ackDue);
            return true;
        }

        long fillDue = Math.Max(Due(now, latency.FillNanos), ackDue);
        long limit = request.Type == OrderType.Market ? (buy ? long.MaxValue : long.MinValue) : request.LimitPrice.Raw;
        long remaining = TakeLiquidity(request, i, buy, limit, fillDue);
        long lastDue = remaining == request.Quantity.Raw ? ackDue : fillDue;
        if (remaining == 0)
        {
            return true;
        }

        if (request.Type != OrderType.Limit)
        {
            Schedule(fillDue, request.Instrument, Report(request, ExecutionType.Cancelled, remaining, 0));
            Counters.Cancels++;
            return true;
        }

        // Capacity and id were checked before matching, so this cannot fail.
        pool.TryAdd(Resting(request, request.LimitPrice.Raw, remaining, lastDue, now), out _);
        return true;
    }

    /// <inheritdoc/>
    public bool Cancel(long childOrderId, long now)
    {
        if (queue.Free < 1)
        {
            Counters.Refused++;
            return false;
        }

        var orders = pool;
        if (!pool.TryFind(childOrderId, out int slot) && waiting.TryFind(childOrderId, out slot))
        {
            orders = waiting;
        }

        if (slot < 0)
        {
            var data = new ExecutionData { OrderId = childOrderId, Venue = venue, Type = ExecutionType.Reject, RejectReason = VenueRejectReason.UnknownOrder };
            Schedule(Due(now, latency.AckNanos), InstrumentId.None, data);
            Counters.CountReject(VenueRejectReason.UnknownOrder);
            return true;
        }

        ref var order = ref orders[slot];
        long due = Math.Max(Due(now, latency.AckNanos), order.LastDue);
        Schedule(due, order.Instrument, Report(order, ExecutionType.Cancelled, order.Remaining, 0, 0, Liquidity.None));
        Counters.Cancels++;
        orders.Remove(slot);
        return true;
    }

    /// <inheritdoc/>
    public int CancelChildrenOf(long parentOrderId, int children, InstrumentId instrument, long now)
    {
        if (!Trades(instrument))
        {
            return 0;
        }

        int cancelled = 0;
        for (int c = 0; c < children; c++)
        {
            long id = ChildOrderId.Of(parentOrderId, c);
            if (!pool.TryFind(id, out _) && !waiting.TryFind(id, out _))
            {
                continue;
            }

            if (!Cancel(id, now))
            {
                break;
            }

            cancelled++;
        }

        return cancelled;
    }

    /// <inheritdoc/>
    public int Poll(long now, Span<InputEvent> output)
    {
        int count = 0;
        while (count < output.Length && queue.TryPopDue(now, out var report))
        {
            ref var slot = ref output[count++];
            slot.SetExecution(report.Instrument, report.Due);
            slot.Execution = report.Data;
        }

        return count;
    }

    /// <inheritdoc/>
    public int CopyDepth(InstrumentId instrument, OrderSide side, Span<DepthLevel> output)
    {
        if (!Trades(instrument) || !book.HasQuote(instrument.Value) || side is not (OrderSide.Buy or OrderSide.Sell))
        {
            return 0;
        }

        int i = instrument.Value;
        bool asks = side == OrderSide.Buy;
        long lot = book.Lot(i);
        int count = 0;
        for (int k = 0; k < book.Levels && count < output.Length; k++)
        {
            long size = book.Depth(i, asks, k);
            long price = book.LevelPrice(i, asks, k);
            if (size > 0 && price > 0)
            {
                output[count++] = new DepthLevel(definition.Id, Price.FromRaw(price), size / lot);
            }
        }

        return count;
    }

    /// <inheritdoc/>
    public void AppendDigest(StateDigestBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(definition.Id.Value).Add(definition.Name);
        random.AppendDigest(builder);
        Counters.AppendDigest(builder);
        book.AppendDigest(builder);
        pool.AppendDigest(builder);
        for (int i = 0; i < barBook.Length; i++)
        {
            builder.Add(barBook[i]);
        }

        waiting.AppendDigest(builder);
        queue.AppendDigest(builder);
    }

    private VenueRejectReason Check(in ChildOrderRequest request, long now)
    {
        if (!Trades(request.Instrument))
        {
            return VenueRejectReason.UnknownInstrument;
        }

        if (request.Side is not (OrderSide.Buy or OrderSide.Sell))
        {
            return VenueRejectReason.InvalidQuantity;
        }

        if (request.Type is not (OrderType.Market or OrderType.Limit or OrderType.ImmediateOrCancel))
        {
            return VenueRejectReason.InvalidPrice;
        }

        int i = request.Instrument.Value;
        var instrument = instruments[i];
        // A market order at a next-bar venue waits for the next bar (see Wait): like a market-on-open order it may
        // arrive while the market is closed, and fills from the first bar of the next session.
        bool waits = request.Type == OrderType.Market && WaitsForBar(i);
        if (!waits && !instrument.Calendar.IsOpen(now, ref sessions[i]))
        {
            return VenueRejectReason.MarketClosed;
        }

        long quantity = request.Quantity.Raw;
        if (quantity <= 0 || quantity % instrument.LotSize.Raw != 0)
        {
            return VenueRejectReason.InvalidQuantity;
        }

        bool market = request.Type == OrderType.Market;
        long limit = request.LimitPrice.Raw;
        if (!market && (limit <= 0 || limit % instrument.TickSize.Raw != 0))
        {
            return VenueRejectReason.InvalidPrice;
        }

        // Minimum notional at the limit, or for a market order at the touch it will take (none without a quote:
        // that order is refused for liquidity below).
        long reference = !market ? limit
            : !book.HasQuote(i) ? 0
            : request.Side == OrderSide.Buy ? book.BestAsk(i) : book.BestBid(i);
        if (reference > 0 && Price.FromRaw(reference).Multiply(request.Quantity) < instrument.MinNotional)
        {
            return VenueRejectReason.InvalidQuantity;
        }

        if (rejectProbability > 0 && random.NextDouble() < rejectProbability)
        {
            return VenueRejectReason.VenueUnavailable;
        }

        if (request.Type == OrderType.Limit || waits)
        {
            var orders = waits ? waiting : pool;
            if (orders.IsFull)
            {
                Counters.CapacityRejects++;
                return VenueRejectReason.VenueUnavailable;
            }

            if (pool.TryFind(request.ChildOrderId, out _) || waiting.TryFind(request.ChildOrderId, out _))
            {
                Counters.DuplicateIds++;
                return VenueRejectReason.VenueUnavailable;
            }
        }
        else if (!book.HasQuote(i) || book.TotalDepth(i, asks: request.Side == OrderSide.Buy) == 0)
        {
            return VenueRejectReason.NoLiquidity;
        }

        return VenueRejectReason.None;
    }

    // Walks the opposite side best first while the level is within the limit, one taker fill per level; returns the rest.
    private long TakeLiquidity(in ChildOrderRequest request, int i, bool buy, long limit, long due)
    {
        var assetClass = instruments[i].AssetClass;
        long remaining = request.Quantity.Raw;
        for (int k = 0; k < book.Levels && remaining > 0; k++)
        {
            long price = book.LevelPrice(i, asks: buy, k);
            if (price <= 0 || (buy ? price > limit : price < limit))
            {
                break;
            }

            ref long depth = ref book.Depth(i, asks: buy, k);
            long take = Math.Min(depth, remaining);
            if (take == 0)
            {
                continue;
            }

            depth -= take;
            remaining -= take;
            var quantity = Quantity.FromRaw(take);
            var fillPrice = Price.FromRaw(price);
            var fee = definition.Fees.Fee(fillPrice, quantity, Liquidity.Taker, assetClass);
            var data = Report(request, ExecutionType.Fill, take, price);
            data.Fee = fee;
            data.Liquidity = Liquidity.Taker;
            Schedule(due, request.Instrument, data);
            Counters.Fills++;
        }

        return remaining;
    }

    // A quote moved the book: resting orders of the instrument whose limit the new displayed depth reaches fill at their
    // limit (maker), best limit first, then time priority, consuming that depth. Each side's queue is visited from its
    // best order only while orders fill completely: the first that does not (its limit is not reached, or the depth
    // within it is used up) ends the side, since every order behind it has a limit no better.
    private void MatchResting(InstrumentId instrument, long now)
    {
        MatchSide(instrument, now, buy: true);
        MatchSide(instrument, now, buy: false);
    }

    private void MatchSide(InstrumentId instrument, long now, bool buy)
    {
        int i = instrument.Value;
        var assetClass = instruments[i].AssetClass;
        for (int slot = pool.Best(instrument, buy); slot >= 0; slot = pool.Best(instrument, buy))
        {
            if (queue.Free < 1)
            {
                Counters.DeferredPassiveFills++;
                return;
            }

            ref var order = ref pool[slot];
            long matched = 0;
            for (int k = 0; k < book.Levels && matched < order.Remaining; k++)
            {
                long price = book.LevelPrice(i, asks: buy, k);
                if (price <= 0 || (buy ? price > order.Limit : price < order.Limit))
                {
                    break;
                }

                ref long depth = ref book.Depth(i, asks: buy, k);
                long take = Math.Min(depth, order.Remaining - matched);
                depth -= take;
                matched += take;
            }

            if (matched == 0)
            {
                return;
            }

            FillResting(ref order, matched, order.Limit, now, assetClass);
            if (order.Remaining != 0)
            {
                return;
            }

            pool.Remove(slot);
        }
    }

    // A bar (bars-only data), "close" model: each side's resting orders the bar traded through — a buy whose limit is above
    // the bar's low, a sell whose limit is below its high — fill at their limit (maker), best limit first, then time
    // priority, out of the bar's volume in whole lots. Touching the limit is not enough (the queue ahead at that price may
    // have taken it all), and an order placed at or after the bar's end was not there while it traded: it is passed over.
    private void MatchBar(InstrumentId instrument, long now, in VenueBar bar)
        => MatchBarLimits(instrument, now, in bar, bar.Volume.Raw / book.Lot(instrument.Value) * book.Lot(instrument.Value), nextBar: false);

    // The resting limits a bar traded through (buy: low < limit; sell: high > limit), side by side, best limit first, then
    // arrival, out of volume (whole lots). An order the bar cannot fill by time — "close": placed at or after the bar's
    // end; next-bar models: arrived after the bar's start — is passed over (detached, put back after). Price: the limit
    // (maker); in the next-bar models a bar that opened through the limit fills at the open moved by the spread, capped at
    // the limit (taker: it was marketable when the bar opened).
    private void MatchBarLimits(InstrumentId instrument, long now, in VenueBar bar, long volume, bool nextBar)
    {
        int i = instrument.Value;
        long lot = book.Lot(i);
        long tick = instruments[i].TickSize.Raw;
        var assetClass = instruments[i].AssetClass;
        long open = bar.Open.Raw > 0 ? bar.Open.Raw : bar.Close.Raw;
        long openBuy = nextBar ? AgainstTaker(open, tick, buy: true) : 0;
        long openSell = nextBar ? AgainstTaker(open, tick, buy: false) : 0;
        for (int side = 0; side < 2 && volume >= lot; side++)
        {
            bool buy = side == 0;
            int passed = 0;
            for (int slot = pool.Best(instrument, buy); slot >= 0 && volume >= lot; slot = pool.Best(instrument, buy))
            {
                ref var order = ref pool[slot];
                if (buy ? order.Limit <= bar.Low.Raw : order.Limit >= bar.High.Raw)
                {
                    break;
                }

                if (nextBar ? order.Placed > bar.Start : order.Placed >= bar.End)
                {
                    pool.Detach(slot);
                    passedOver[passed++] = slot;
                    continue;
                }

                if (queue.Free < 1)
                {
                    Counters.DeferredPassiveFills++;
                    break;
                }

                bool through = nextBar && (buy ? open < order.Limit : open > order.Limit);
                long price = !through ? order.Limit : buy ? Math.Min(openBuy, order.Limit) : Math.Max(openSell, order.Limit);
                long take = Math.Min(order.Remaining, volume);
                volume -= take;
                FillResting(ref order, take, price, now, assetClass, through ? Liquidity.Taker : Liquidity.Maker);
                if (order.Remaining != 0)
                {
                    break;
                }

                pool.Remove(slot);
            }

            for (int k = 0; k < passed; k++)
            {
                pool.Attach(passedOver[k]);
            }
        }
    }

    private void FillResting(ref RestingOrder order, long quantityRaw, long priceRaw, long now, AssetClass assetClass, Liquidity liquidity = Liquidity.Maker)
    {
        long due = Math.Max(Due(now, latency.FillNanos), order.LastDue);
        var price = Price.FromRaw(priceRaw);
        var fee = definition.Fees.Fee(price, Quantity.FromRaw(quantityRaw), liquidity, assetClass);
        Schedule(due, order.Instrument, Report(order, ExecutionType.Fill, quantityRaw, priceRaw, fee.Raw, liquidity));
        Counters.Fills++;
        order.LastDue = due;
        order.Remaining -= quantityRaw;
    }

    // Whether orders on instrument i follow a next-bar model now: configured, and its book was last built from a bar.
    private bool NextBar(int i) => barFill != VenueBarFill.Close && barBook[i];

    // Whether a market order for instrument i waits for the next bar: a next-bar venue whose book comes from bars, or
    // that has no book at all yet (bars-only data before the router first handed it a bar: the order's own bar is next).
    private bool WaitsForBar(int i) => barFill != VenueBarFill.Close && (barBook[i] || !book.HasQuote(i));

    // Next-bar models: nothing is matched on arrival (between two bars there is nothing to trade against). A market order
    // waits (FIFO per side); a limit order rests; an IOC finds nothing and is cancelled at the fill latency. The arrival
    // time kept in Placed is the decision time plus the fill latency (without jitter): only a bar that starts at or after
    // it may fill the order.
    private void Wait(in ChildOrderRequest request, long now, long ackDue)
    {
        if (request.Type == OrderType.ImmediateOrCancel)
        {
            Schedule(Math.Max(Due(now, latency.FillNanos), ackDue), request.Instrument, Report(request, ExecutionType.Cancelled, request.Quantity.Raw, 0));
            Counters.Cancels++;
            return;
        }

        bool market = request.Type == OrderType.Market;
        bool buy = request.Side == OrderSide.Buy;
        long limit = !market ? request.LimitPrice.Raw : buy ? long.MaxValue : long.MinValue;
        // Capacity and id were checked in Check, so this cannot fail.
        (market ? waiting : pool).TryAdd(Resting(request, limit, request.Quantity.Raw, ackDue, now + latency.FillNanos), out _);
    }

    private static RestingOrder Resting(in ChildOrderRequest request, long limit, long remaining, long lastDue, long placed) => new()
    {
        ChildOrderId = request.ChildOrderId,
        Account = request.Account,
        Strategy = request.Strategy,
        Instrument = request.Instrument,
        Side = request.Side,
        Limit = limit,
        Remaining = remaining,
        LastDue = lastDue,
        Placed = placed,
    };

    // A bar under a next-bar model. Budget: barParticipation × the bar's volume, rounded down to whole lots, shared by every
    // order of the instrument (no cap: unlimited for market orders; limits never take more than the bar's volume). First the
    // waiting market orders, in arrival order across both sides, at the model's price (open or VWAP estimate) moved against
    // the taker by barSpreadBps; then the resting limits side by side, best limit first, as in MatchBar but with the
    // arrival rule of the next-bar models and price improvement at the open.
    private void MatchNextBar(InstrumentId instrument, long now, in VenueBar bar)
    {
        int i = instrument.Value;
        long lot = book.Lot(i);
        long tick = instruments[i].TickSize.Raw;
        var assetClass = instruments[i].AssetClass;
        long budget = barParticipationRaw > 0
            ? (long)((Int128)bar.Volume.Raw * barParticipationRaw / FixedPoint.Scale) / lot * lot
            : long.MaxValue;
        long open = bar.Open.Raw > 0 ? bar.Open.Raw : bar.Close.Raw;
        long reference = barFill == VenueBarFill.NextVwap ? VwapEstimate(open, bar, tick) : open;
        long buyPrice = AgainstTaker(reference, tick, buy: true);
        long sellPrice = AgainstTaker(reference, tick, buy: false);

        // Waiting market orders: arrival times grow with arrival numbers, so the first of a side that arrived after the
        // bar started ends that side.
        bool buys = true, sells = true;
        while (budget >= lot)
        {
            int b = buys ? waiting.Best(instrument, buy: true) : -1;
            int s = sells ? waiting.Best(instrument, buy: false) : -1;
            if (b < 0 && s < 0)
            {
                break;
            }

            bool buy = s < 0 || (b >= 0 && waiting[b].Sequence < waiting[s].Sequence);
            int slot = buy ? b : s;
            ref var order = ref waiting[slot];
            if (order.Placed > bar.Start)
            {
                if (buy)
                {
                    buys = false;
                }
                else
                {
                    sells = false;
                }

                continue;
            }

            if (queue.Free < 1)
            {
                Counters.DeferredPassiveFills++;
                return;
            }

            long take = Math.Min(order.Remaining, budget);
            budget -= take;
            FillResting(ref order, take, buy ? buyPrice : sellPrice, now, assetClass, Liquidity.Taker);
            if (order.Remaining == 0)
            {
                waiting.Remove(slot);
            }
        }

        // Then the resting limits, out of what is left of the budget and never more than the bar traded.
        MatchBarLimits(instrument, now, in bar, Math.Min(budget, bar.Volume.Raw / lot * lot), nextBar: true);
    }

    // Quotes win: market orders still waiting for a bar when the instrument's quotes resume take the new book as a market
    // order would (taker, best level first, one fill per level), in arrival order, once they have arrived (arrival ≤ now);
    // what the displayed depth cannot take keeps waiting.
    private void MatchWaiting(InstrumentId instrument, long now, bool buy)
    {
        int i = instrument.Value;
        var assetClass = instruments[i].AssetClass;
        for (int slot = waiting.Best(instrument, buy); slot >= 0; slot = waiting.Best(instrument, buy))
        {
            ref var order = ref waiting[slot];
            if (order.Placed > now)
            {
                return;
            }

            for (int k = 0; k < book.Levels && order.Remaining > 0; k++)
            {
                if (queue.Free < 1)
                {
                    Counters.DeferredPassiveFills++;
                    return;
                }

                long price = book.LevelPrice(i, asks: buy, k);
                if (price <= 0)
                {
                    break;
                }

                ref long depth = ref book.Depth(i, asks: buy, k);
                long take = Math.Min(depth, order.Remaining);
                if (take == 0)
                {
                    continue;
                }

                depth -= take;
                FillResting(ref order, take, price, now, assetClass, Liquidity.Taker);
            }

            if (order.Remaining != 0)
            {
                return;
            }

            waiting.Remove(slot);
        }
    }

    // (open + high + low + close) / 4, to the nearest tick (half up).
    private static long VwapEstimate(long open, in VenueBar bar, long tick)
    {
        Int128 sum = (Int128)open + bar.High.Raw + bar.Low.Raw + bar.Close.Raw;
        return (long)((sum + (2 * tick)) / (4 * tick) * tick);
    }

    // The half-spread against the taker: a buy pays price × (1 + bps/10^4) rounded up to the tick, a sell receives
    // price × (1 − bps/10^4) rounded down to the tick (at least one tick). Zero spread: the price as it is.
    private long AgainstTaker(long price, long tick, bool buy)
    {
        if (barSpreadRaw == 0)
        {
            return price;
        }

        const long Denominator = 10_000 * FixedPoint.Scale;
        if (buy)
        {
            Int128 up = ((Int128)price * (Denominator + barSpreadRaw) + Denominator - 1) / Denominator;
            return (long)((up + tick - 1) / tick * tick);
        }

        Int128 down = (Int128)price * (Denominator - barSpreadRaw) / Denominator;
        return Math.Max(tick, (long)(down / tick * tick));
    }

    private void Reject(in ChildOrderRequest request, VenueRejectReason reason, long now)
    {
        var data = Report(request, ExecutionType.Reject, request.Quantity.Raw, request.LimitPrice.Raw);
        data.RejectReason = reason;
        Schedule(Due(now, latency.AckNanos), request.Instrument, data);
        Counters.CountReject(reason);
    }

    private ExecutionData Report(in ChildOrderRequest request, ExecutionType type, long quantity, long price) => new()
    {
        OrderId = request.ChildOrderId,
        Quantity = Quantity.FromRaw(quantity),
        Price = Price.FromRaw(price),
        Account = request.Account,
        Strategy = request.Strategy,
        Venue = venue,
        Type = type,
        Side = request.Side,
    };

    private ExecutionData Report(in RestingOrder order, ExecutionType type, long quantity, long price, long fee, Liquidity liquidity) => new()
    {
        OrderId = order.ChildOrderId,
        Quantity = Quantity.FromRaw(quantity),
        Price = Price.FromRaw(price),
        Fee = Money.FromRaw(fee),
        Account = order.Account,
        Strategy = order.Strategy,
        Venue = venue,
        Type = type,
        Side = order.Side,
        Liquidity = liquidity,
    };

    // Base latency plus this report's jitter, drawn from the venue's stream (so the draw order is part of determinism).
    private long Due(long now, long delay) => now + delay + random.NextInclusive(latency.JitterNanos);

    private void Schedule(long due, InstrumentId instrument, in ExecutionData data)
        => queue.Push(new PendingReport { Due = due, Instrument = instrument, Data = data });
}
