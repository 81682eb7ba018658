using System.Runtime.InteropServices;
using MultiAsset.Engine.MarketData.Synthetic;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.MarketData.Synthetic;

public class SyntheticMarketTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Fact]
    public void Same_seed_gives_identical_bytes_and_another_seed_differs()
    {
        var catalog = SyntheticTestData.ShippedCatalog;
        const string Json = """{ "seed": 7, "regimes": { "calmToStressed": 0.01 } }""";
        var first = SyntheticTestData.Collect(new SyntheticMarket(catalog, SyntheticTestData.Options(Json)), 3_000);
        var second = SyntheticTestData.Collect(new SyntheticMarket(catalog, SyntheticTestData.Options(Json)), 3_000);
        var other = SyntheticTestData.Collect(new SyntheticMarket(catalog, SyntheticTestData.Options(Json.Replace("\"seed\": 7", "\"seed\": 8", StringComparison.Ordinal))), 3_000);

        Assert.True(first.Count > 50_000);
        Assert.True(MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(first)).SequenceEqual(MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(second))));
        Assert.False(MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(first)).SequenceEqual(MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(other))));
    }

    /// <summary>
    /// The stream of a seed is pinned: an optimisation of the generator (the correlated normals' triangular product,
    /// the per-step constants) must give the same bytes. FNV-1a of every event of 3 000 rounds, stressed rounds included.
    /// </summary>
    [Fact]
    public void The_stream_of_a_seed_is_pinned()
    {
        var catalog = SyntheticTestData.ShippedCatalog;
        var market = new SyntheticMarket(catalog, SyntheticTestData.Options("""{ "seed": 7, "regimes": { "calmToStressed": 0.01 } }"""));
        var events = SyntheticTestData.Collect(market, 3_000);
        var hash = 14695981039346656037UL;
        foreach (var b in MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(events)))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        Assert.True(market.StressedRounds > 0);
        Assert.Equal(PinnedStreamHash, hash);
    }

    private const ulong PinnedStreamHash = 0x02BA96E1F211B75CUL;

    [Fact]
    public void A_simulated_week_respects_every_calendar()
    {
        var catalog = SyntheticTestData.ShippedCatalog;
        // Friday 2024-01-05 00:00 New York to the next Friday, one round a minute.
        const string Json = """{ "time": { "mode": "simulated", "start": "2024-01-05T05:00:00Z", "step": "1m" } }""";
        var market = new SyntheticMarket(catalog, SyntheticTestData.Options(Json));
        int stockEvents = 0, stockAtThreeAm = 0, stockOnWeekend = 0, fxOnSaturday = 0, cryptoOnSaturday = 0, stockOutsideSession = 0;
        for (int r = 0; r < 7 * 24 * 60; r++)
        {
            market.Advance();
            foreach (var e in market.Events)
            {
                var instrument = catalog[e.Instrument];
                var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UnixEpoch.AddTicks(e.Timestamp / 100), NewYork);
                bool weekend = local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
                if (instrument.Calendar.Kind == TradingCalendarKind.Exchange)
                {
                    stockEvents++;
                    stockAtThreeAm += local.Hour == 3 ? 1 : 0;
                    stockOnWeekend += weekend ? 1 : 0;
                    stockOutsideSession += local.TimeOfDay < new TimeSpan(9, 30, 0) || local.TimeOfDay >= new TimeSpan(16, 0, 0) ? 1 : 0;
                }
                else if (instrument.AssetClass == AssetClass.Forex && instrument.IsTradable)
                {
                    fxOnSaturday += local.DayOfWeek == DayOfWeek.Saturday ? 1 : 0;
                }
                else if (instrument.AssetClass == AssetClass.Crypto)
                {
                    cryptoOnSaturday += local.DayOfWeek == DayOfWeek.Saturday ? 1 : 0;
                }
            }
        }

        Assert.True(stockEvents > 5 * 390 * 18, $"only {stockEvents} stock events");
        Assert.Equal(0, stockAtThreeAm);
        Assert.Equal(0, stockOnWeekend);
        Assert.Equal(0, stockOutsideSession);
        Assert.Equal(0, fxOnSaturday);
        Assert.True(cryptoOnSaturday >= 24 * 60 * 8, $"only {cryptoOnSaturday} crypto events on Saturday");
    }

    [Fact]
    public void Every_quote_is_on_tick_uncrossed_positive_and_sized_in_whole_lots()
    {
        var catalog = SyntheticTestData.ShippedCatalog;
        const string Json = """
        {
          "time": { "start": "2024-01-02T14:30:00Z", "step": "10s" },
          "regimes": { "calmToStressed": 0.01, "stressedToCalm": 0.01, "volatilityMultiplier": 4 },
          "jumps": { "intensityPerYear": 2000 }
        }
        """;
        var market = new SyntheticMarket(catalog, SyntheticTestData.Options(Json));
        int quotes = 0, trades = 0;
        for (int r = 0; r < 5_000; r++)
        {
            market.Advance();
            foreach (var e in market.Events)
            {
                var instrument = catalog[e.Instrument];
                Assert.Equal(MarketDataRejectReason.None, e.Reject);
                if (e.Kind == InputEventKind.Quote)
                {
                    quotes++;
                    Assert.True(e.Quote.Bid.Raw > 0, $"{instrument.Symbol} bid {e.Quote.Bid}");
                    Assert.True(e.Quote.Bid < e.Quote.Ask, $"{instrument.Symbol} crossed {e.Quote.Bid}/{e.Quote.Ask}");
                    Assert.True(e.Quote.Bid.IsOnTick(instrument.TickSize) && e.Quote.Ask.IsOnTick(instrument.TickSize), $"{instrument.Symbol} off tick");
                    Assert.True(e.Quote.BidSize.Raw > 0 && e.Quote.BidSize.IsOnLot(instrument.LotSize));
                    Assert.True(e.Quote.AskSize.Raw > 0 && e.Quote.AskSize.IsOnLot(instrument.LotSize));
                }
                else if (e.Kind == InputEventKind.Trade)
                {
                    trades++;
                    Assert.True(e.Trade.Price.Raw > 0 && e.Trade.Price.IsOnTick(instrument.TickSize));
                    Assert.True(e.Trade.Size.Raw > 0 && e.Trade.Size.IsOnLot(instrument.LotSize));
                    Assert.NotEqual(AggressorSide.Unknown, e.Trade.Aggressor);
                }
                else
                {
                    Assert.Equal(InputEventKind.Reference, e.Kind);
                    Assert.False(instrument.IsTradable);
                    Assert.True(e.Reference.Value.IsOnTick(instrument.TickSize));
                }
            }
        }

        Assert.True(quotes > 100_000 && trades > 20_000, $"{quotes} quotes, {trades} trades");
    }

    [Fact]
    public void Reference_series_start_at_their_levels_and_vix_rises_under_stress()
    {
        var catalog = SyntheticTestData.AlwaysOpenCatalog;
        const string Json = """
        {
          "time": { "step": "1m" },
          "indices": { "IDX": { "baseLevel": 2500 } },
          "volatilityIndices": { "VIX": { "halfLife": "30m" } },
          "rates": { "levels": { "USD": 0.0425 }, "stepsPerYear": 0 },
          "regimes": { "calmToStressed": 0, "stressedToCalm": 0 }
        }
        """;
        var market = new SyntheticMarket(catalog, SyntheticTestData.Options(Json));
        market.Advance();
        Assert.Equal(2500m, ValueOf(market, "IDX"));
        Assert.Equal(14m, ValueOf(market, "VIX"));
        Assert.Equal(0.0425m, ValueOf(market, "USD_RATE"));

        for (int r = 0; r < 2_000; r++)
        {
            market.Advance();
        }

        Assert.InRange(ValueOf(market, "VIX"), 9m, 20m);

        // The same seed with a chain that is always stressed after the first round.
        var stressed = new SyntheticMarket(catalog, SyntheticTestData.Options(Json.Replace("\"calmToStressed\": 0,", "\"calmToStressed\": 1,", StringComparison.Ordinal)));
        for (int r = 0; r < 2_000; r++)
        {
            stressed.Advance();
        }

        Assert.Equal(MarketRegime.Stressed, stressed.Regime);
        Assert.InRange(ValueOf(stressed, "VIX"), 25m, 50m);
    }

    [Fact]
    public void Nasdaq_and_spx_default_to_the_matching_shipped_stocks()
    {
        var catalog = SyntheticTestData.ShippedCatalog;
        var market = new SyntheticMarket(catalog, new SyntheticFeedOptions());
        market.Advance();
        Assert.Equal(15_000m, ValueOf(market, "NASDAQ", catalog));
        Assert.Equal(4_750m, ValueOf(market, "SPX", catalog));
        Assert.Equal(0.0533m, ValueOf(market, "USD_RATE", catalog));
    }

    [Fact]
    public void The_shipped_catalogue_gives_a_sensible_default_matrix()
    {
        var catalog = SyntheticTestData.ShippedCatalog;
        var market = new SyntheticMarket(catalog, new SyntheticFeedOptions());
        double Rho(string a, string b) => market.CalmCorrelation(Find(catalog, a), Find(catalog, b));
        Assert.Equal(0.9, Rho("SPY", "QQQ"), 12);
        Assert.Equal(0.7, Rho("AAPL", "MSFT"), 12);
        Assert.True(Rho("TLT", "AAPL") < 0);
        Assert.True(Rho("EURUSD", "USDCHF") < 0);
        Assert.True(Rho("EURUSD", "GBPUSD") > 0);
        Assert.True(Rho("NVDA", "BTCUSD") > 0.2);
    }

    [Fact]
    public void Wall_mode_stamps_events_with_the_injected_clock()
    {
        var catalog = SyntheticTestData.AlwaysOpenCatalog;
        var clock = new SimulatedClock(1_700_000_000_000_000_000);
        var market = new SyntheticMarket(catalog, SyntheticTestData.Options("""{ "time": { "mode": "wall", "step": "1s" } }"""), clock);
        market.Advance();
        Assert.All(market.Events.ToArray(), e => Assert.Equal(1_700_000_000_000_000_000, e.Timestamp));
        clock.Advance(250_000_000);
        market.Advance();
        Assert.All(market.Events.ToArray(), e => Assert.Equal(1_700_000_000_250_000_000, e.Timestamp));
        Assert.Throws<ArgumentException>(() => new SyntheticMarket(catalog, SyntheticTestData.Options("""{ "time": { "mode": "wall" } }""")));
    }

    [Fact]
    public void A_round_allocates_nothing_after_warm_up()
    {
        var catalog = SyntheticTestData.ShippedCatalog;
        var market = new SyntheticMarket(catalog, SyntheticTestData.Options("""{ "regimes": { "calmToStressed": 0.01 }, "time": { "step": "1m" } }"""));
        for (int r = 0; r < 3_000; r++)
        {
            market.Advance();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int r = 0; r < 20_000; r++)
        {
            market.Advance();
        }

        AllocationAssert.NonePerOperation(GC.GetAllocatedBytesForCurrentThread() - before, 20_000);
    }

    private static InstrumentId Find(InstrumentCatalog catalog, string symbol)
        => catalog.TryGet(symbol, out var i) ? i.Id : throw new ArgumentException(symbol);

    private static decimal ValueOf(SyntheticMarket market, string symbol, InstrumentCatalog? catalog = null)
    {
        var id = Find(catalog ?? SyntheticTestData.AlwaysOpenCatalog, symbol);
        foreach (var e in market.Events)
        {
            if (e.Kind == InputEventKind.Reference && e.Instrument == id)
            {
                return e.Reference.Value.ToDecimal();
            }
        }

        throw new InvalidOperationException($"no {symbol} value in round {market.Round}");
    }
}
