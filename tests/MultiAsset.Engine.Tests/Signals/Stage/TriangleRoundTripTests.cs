using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Signals.Stage;

public sealed class TriangleRoundTripTests
{
    private const long Second = 1_000_000_000;
    private const long Minute = 60 * Second;
    private static readonly long Open = new DateTimeOffset(2026, 3, 9, 14, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;

    private const string Document = """
        { "id": "tri", "name": "Triangle", "type": "Arbitrage", "account": "cross-asset-arb", "assetClasses": ["FOREX"],
          "instruments": ["EURUSD", "USDJPY", "EURJPY"],
          "allocation": [ { "assetClass": "FOREX", "targetWeight": 100, "minWeight": 0, "maxWeight": 100 } ],
          "parameters": { "quantity": 9500, "feeBps": 1, "minEdgeBps": 0, "cooldownSeconds": 60, "maxHoldingPeriod": "1h" } }
        """;

    [Fact]
    public void A_round_trip_nets_each_currency_and_is_unwound_when_the_edge_reverses()
    {
        var h = new SignalStageHarness();
        h.CreateAndDeploy(Document);
        h.Quote("EURUSD", Open, 1.1000, 1.1001);
        h.Quote("USDJPY", Open + 1, 150.00, 150.01);
        // EURJPY bid 165.20 against the synthetic ask 1.1001 · 150.01 = 165.026001: 10.5 bp gross, 7.5 bp after 3 × 1 bp.
        h.Quote("EURJPY", Open + 2, 165.20, 165.21);
        var legs = h.NewIntents();
        Assert.All(legs, i => Assert.Equal((IntentKind.Trade, IntentReason.ArbitrageLeg, IntentUrgency.Immediate), (i.Kind, i.Reason, i.Urgency)));
        Assert.Equal(
            [("EURUSD", OrderSide.Buy, 10_000.0), ("USDJPY", OrderSide.Buy, 11_000.0), ("EURJPY", OrderSide.Sell, 10_000.0)],
            legs.Select(i => (h.Catalog[i.Instrument].Symbol, i.Side, i.Quantity.ToDouble())));

        // 9 500 EUR rounds up to 10 lots of 1 000; the USD leg is 10 000 · 1.1001 = 11 001 USD, rounded to 11 lots.
        // Per currency: EUR +10 000 − 10 000 = 0; USD −11 001 + 11 000 = −1 (within half a 1 000 lot);
        // JPY −11 000 · 150.01 + 10 000 · 165.20 = +1 890: the edge.
        double Signed(IntentEvent i) => i.Side == OrderSide.Buy ? i.Quantity.ToDouble() : -i.Quantity.ToDouble();
        var (eurUsd, usdJpy, eurJpy) = (Signed(legs[0]), Signed(legs[1]), Signed(legs[2]));
        Assert.Equal(0, eurUsd + eurJpy);
        Assert.Equal(-1, (-eurUsd * 1.1001) + usdJpy, 9);
        Assert.Equal(1_890, (-usdJpy * 150.01) - (eurJpy * 165.20), 6);

        // Still rich: no second round trip while the first is open.
        h.Quote("EURJPY", Open + (10 * Second), 165.30, 165.31);
        Assert.Empty(h.NewIntents());

        // The cross falls through its legs (mid 164.995 < 1.10005 · 150.005 = 165.013): unwind all three.
        h.Quote("EURJPY", Open + (20 * Second), 164.99, 165.00);
        var unwind = h.NewIntents();
        Assert.Equal(["EURUSD", "USDJPY", "EURJPY"], unwind.Select(i => h.Catalog[i.Instrument].Symbol));
        Assert.All(unwind, i => Assert.Equal((IntentKind.Close, IntentReason.Exit), (i.Kind, i.Reason)));

        // Rich again within the cooldown: nothing; after it: a new round trip.
        h.Quote("EURJPY", Open + (50 * Second), 165.20, 165.21);
        Assert.Empty(h.NewIntents());
        h.Quote("EURJPY", Open + (81 * Second), 165.20, 165.21);
        Assert.Equal(3, h.NewIntents().Count(i => i.Kind == IntentKind.Trade));
    }

    [Fact]
    public void A_round_trip_is_unwound_after_the_maximum_holding_period_when_the_edge_persists()
    {
        var h = new SignalStageHarness();
        h.CreateAndDeploy(Document);
        h.Quote("EURUSD", Open, 1.1000, 1.1001);
        h.Quote("USDJPY", Open + 1, 150.00, 150.01);
        h.Quote("EURJPY", Open + 2, 165.20, 165.21);
        Assert.Equal(3, h.NewIntents().Count);

        h.Quote("EURJPY", Open + 2 + (59 * Minute), 165.20, 165.21);
        Assert.Empty(h.NewIntents());
        h.Quote("EURJPY", Open + 2 + (60 * Minute), 165.20, 165.21);
        Assert.Equal([IntentKind.Close, IntentKind.Close, IntentKind.Close], h.NewIntents().Select(i => i.Kind));
    }

    [Fact]
    public void The_pair_positions_a_triangle_asks_for_stay_within_one_round_trip_however_long_it_runs()
    {
        var h = new SignalStageHarness();
        h.CreateAndDeploy(Document);
        var random = new Random(7);
        var position = new Dictionary<string, double> { ["EURUSD"] = 0, ["USDJPY"] = 0, ["EURJPY"] = 0 };
        var maxAbs = new Dictionary<string, double> { ["EURUSD"] = 0, ["USDJPY"] = 0, ["EURJPY"] = 0 };
        int trips = 0, unwinds = 0;
        var t = Open;
        double eurUsd = 1.1, usdJpy = 150;
        for (var i = 0; i < 20_000; i++)
        {
            t += 5 * Second;
            eurUsd *= 1 + (0.0001 * (random.NextDouble() - 0.5));
            usdJpy *= 1 + (0.0001 * (random.NextDouble() - 0.5));
            // The cross wanders ±15 bp around its legs, so round trips keep coming (the synthetic feed's behaviour).
            var cross = eurUsd * usdJpy * (1 + (0.0015 * Math.Sin(i / 37.0)) + (0.0005 * (random.NextDouble() - 0.5)));
            // On the ticks (0.00001, 0.001, 0.001): the market-data stage rejects off-tick prices.
            h.Quote("EURUSD", t, Math.Round(eurUsd - 0.00005, 5), Math.Round(eurUsd + 0.00005, 5));
            h.Quote("USDJPY", t + 1, Math.Round(usdJpy - 0.005, 3), Math.Round(usdJpy + 0.005, 3));
            h.Quote("EURJPY", t + 2, Math.Round(cross - 0.005, 3), Math.Round(cross + 0.005, 3));
            foreach (var intent in h.NewIntents())
            {
                var symbol = h.Catalog[intent.Instrument].Symbol;
                if (intent.Kind == IntentKind.Trade)
                {
                    position[symbol] += intent.Side == OrderSide.Buy ? intent.Quantity.ToDouble() : -intent.Quantity.ToDouble();
                    trips += symbol == "EURJPY" ? 1 : 0;
                }
                else
                {
                    Assert.Equal(IntentKind.Close, intent.Kind);
                    position[symbol] = 0;
                    unwinds += symbol == "EURJPY" ? 1 : 0;
                }

                maxAbs[symbol] = Math.Max(maxAbs[symbol], Math.Abs(position[symbol]));
            }
        }

        Assert.True(trips >= 20, $"only {trips} round trips");
        Assert.InRange(unwinds, trips - 1, trips);
        // One round trip at most: 10 000 EUR on the EUR legs, 10 000 · EURUSD rounded to 1 000 on USDJPY.
        Assert.Equal(10_000, maxAbs["EURUSD"]);
        Assert.Equal(10_000, maxAbs["EURJPY"]);
        Assert.InRange(maxAbs["USDJPY"], 10_000, 12_000);
    }
}
