using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Routing.Venues;

namespace MultiAsset.Engine.Tests.Routing.Venues;

/// <summary>Fixtures of the venue tests: a small catalogue, times when markets are open or shut, venue and order builders.</summary>
internal static class VenueTestSupport
{
    public static readonly InstrumentId Stock = new(0);   // AAA: tick 0.01, lot 1, NYSE hours
    public static readonly InstrumentId Btc = new(1);     // BTCUSD: tick 0.01, lot 0.00001, min notional 10, 24/7
    public static readonly InstrumentId EurUsd = new(2);  // EURUSD: tick 0.00001, lot 1000, 24/5
    public static readonly InstrumentId Rate = new(3);    // a reference series: never tradable

    public const long Microsecond = 1_000;
    public const long Millisecond = 1_000_000;

    /// <summary>Monday 2026-03-02 15:00 UTC = 10:00 New York: everything open.</summary>
    public static readonly long MondayOpen = new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * Millisecond;

    /// <summary>Saturday 2026-03-07 15:00 UTC: stocks and FX closed, crypto open.</summary>
    public static readonly long Saturday = new DateTimeOffset(2026, 3, 7, 15, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * Millisecond;

    public static InstrumentCatalog Catalog { get; } = InstrumentCatalogLoader.Parse(
        """
        {
          "calendars": {
            "NYSE": { "type": "exchange", "timeZone": "America/New_York", "open": "09:30", "close": "16:00", "holidays": [] },
            "FX": { "type": "fx24x5" },
            "CRYPTO": { "type": "always" }
          },
          "instruments": [
            { "symbol": "AAA", "name": "A Corp", "assetClass": "STOCK", "quoteCurrency": "USD", "tickSize": 0.01, "lotSize": 1, "minNotional": 1, "sector": "Information Technology", "country": "US", "calendar": "NYSE" },
            { "symbol": "BTCUSD", "name": "Bitcoin", "assetClass": "CRYPTO", "baseCurrency": "BTC", "quoteCurrency": "USD", "tickSize": 0.01, "lotSize": 0.00001, "minNotional": 10, "sector": "Digital Assets", "country": "Global", "calendar": "CRYPTO" },
            { "symbol": "EURUSD", "name": "Euro", "assetClass": "FOREX", "baseCurrency": "EUR", "quoteCurrency": "USD", "tickSize": 0.00001, "lotSize": 1000, "minNotional": 1000, "sector": "Currency", "country": "EU", "calendar": "FX" },
            { "symbol": "CHF_RATE", "name": "SNB policy rate", "assetClass": "FOREX", "kind": "InterestRate", "currency": "CHF", "quoteCurrency": "CHF", "tickSize": 0.0001, "sector": "Rates", "country": "CH", "calendar": "FX" }
          ]
        }
        """,
        "test-instruments.json");

    /// <summary>
    /// A venue trading everything of the catalogue: 3 levels 1 tick apart of 100 lots each, the feed's own spread, taker
    /// 3 bps, maker -2 bps (rebate), 0.001 per share on stocks, ack 1 ms, fill 2 ms, no jitter, no random rejects.
    /// </summary>
    public static VenueDefinition Definition(
        int id = 0,
        string name = "TEST-SIM",
        decimal makerBps = -2m,
        decimal takerBps = 3m,
        decimal perShare = 0.001m,
        long ackNanos = Millisecond,
        long fillNanos = 2 * Millisecond,
        long jitterNanos = 0,
        decimal halfSpreadMultiplier = 1m,
        int levels = 3,
        int spacingTicks = 1,
        long depthLots = 100,
        decimal depthNotional = 0m,
        double rejectProbability = 0,
        int maxWorkingOrders = 16,
        int maxPendingReports = 256,
        ulong seed = 42,
        AssetClass[]? classes = null) => new()
    {
        Id = new VenueId(id),
        Name = name,
        AssetClasses = classes ?? [AssetClass.Stock, AssetClass.Forex, AssetClass.Crypto],
        Fees = new VenueFeeSchedule(makerBps, takerBps, Price.FromDecimal(perShare)),
        Latency = new VenueLatency(ackNanos, fillNanos, jitterNanos),
        Liquidity = new VenueLiquidityModel(FixedPoint.FromDecimal(halfSpreadMultiplier), levels, spacingTicks, depthLots, Money.FromDecimal(depthNotional)),
        RejectProbability = rejectProbability,
        MaxWorkingOrders = maxWorkingOrders,
        MaxPendingReports = maxPendingReports,
        Seed = seed,
    };

    public static SimulatedVenue Venue(VenueDefinition? definition = null) => new(definition ?? Definition(), Catalog);

    public static ChildOrderRequest Order(long id, InstrumentId instrument, OrderSide side, OrderType type, decimal quantity, decimal limit = 0m) =>
        new(id, new AccountId(1), new StrategyId(2), instrument, side, type, Quantity.FromDecimal(quantity), Price.FromDecimal(limit));

    public static ChildOrderRequest Market(long id, OrderSide side, decimal quantity, InstrumentId? instrument = null) =>
        Order(id, instrument ?? Stock, side, OrderType.Market, quantity);

    public static ChildOrderRequest Limit(long id, OrderSide side, decimal quantity, decimal limit, InstrumentId? instrument = null) =>
        Order(id, instrument ?? Stock, side, OrderType.Limit, quantity, limit);

    public static ChildOrderRequest Ioc(long id, OrderSide side, decimal quantity, decimal limit, InstrumentId? instrument = null) =>
        Order(id, instrument ?? Stock, side, OrderType.ImmediateOrCancel, quantity, limit);

    /// <summary>Quotes the stock 100.00 / 100.02 (the venue shows the same touch with the default multiplier).</summary>
    public static void QuoteStock(this SimulatedVenue venue, long now, decimal bid = 100.00m, decimal ask = 100.02m)
        => venue.OnQuote(Stock, now, Price.FromDecimal(bid), Price.FromDecimal(ask));

    /// <summary>Every report due at or before <paramref name="now"/>, polled in small batches.</summary>
    public static List<InputEvent> Drain(this IExecutionVenue venue, long now)
    {
        var result = new List<InputEvent>();
        var buffer = new InputEvent[3];
        int n;
        while ((n = venue.Poll(now, buffer)) > 0)
        {
            result.AddRange(buffer.AsSpan(0, n).ToArray());
        }

        return result;
    }

    public static IEnumerable<ExecutionData> OfType(this IEnumerable<InputEvent> reports, ExecutionType type) =>
        reports.Where(r => r.Execution.Type == type).Select(r => r.Execution);

    public static decimal Dec(this Quantity value) => value.ToDecimal();

    public static decimal Dec(this Price value) => value.ToDecimal();

    public static decimal Dec(this Money value) => value.ToDecimal();
}
