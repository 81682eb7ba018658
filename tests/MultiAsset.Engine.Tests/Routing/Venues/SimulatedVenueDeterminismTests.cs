using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Routing.Venues;
using static MultiAsset.Engine.Tests.Routing.Venues.VenueTestSupport;

namespace MultiAsset.Engine.Tests.Routing.Venues;

/// <summary>Same inputs ⇒ same reports, byte for byte, and the same digest; the digest sees every piece of state.</summary>
public class SimulatedVenueDeterminismTests
{
    [Fact]
    public void SameScript_GivesIdenticalReportsAndDigests()
    {
        var (reportsA, digestA) = RunScript(seed: 5);
        var (reportsB, digestB) = RunScript(seed: 5);
        Assert.True(reportsA.Count > 100, $"only {reportsA.Count} reports");
        Assert.Equal(reportsA, reportsB); // InputEvent equality is over all 64 bytes
        Assert.Equal(digestA, digestB);
    }

    [Fact]
    public void ADifferentSeed_ChangesJitterRejectsAndTheDigest()
    {
        var (reportsA, digestA) = RunScript(seed: 5);
        var (reportsB, digestB) = RunScript(seed: 6);
        Assert.NotEqual(digestA, digestB);
        Assert.NotEqual(reportsA.Select(r => r.Timestamp), reportsB.Select(r => r.Timestamp));
    }

    [Fact]
    public void Digest_ChangesWithBookOrdersAndQueue()
    {
        var venue = Venue();
        var digests = new List<ulong> { StateDigest.Of(venue) };
        venue.QuoteStock(MondayOpen);
        digests.Add(StateDigest.Of(venue));
        venue.Submit(Limit(1, OrderSide.Buy, 10, 99m), MondayOpen);
        digests.Add(StateDigest.Of(venue));
        venue.Drain(MondayOpen + Millisecond);
        digests.Add(StateDigest.Of(venue));
        venue.Submit(Market(2, OrderSide.Buy, 5), MondayOpen + Millisecond);
        digests.Add(StateDigest.Of(venue));
        Assert.Equal(digests.Count, digests.Distinct().Count());
        Assert.Equal(StateDigest.Of(venue), StateDigest.Of(venue)); // reading does not change state
    }

    private static (List<InputEvent> Reports, ulong Digest) RunScript(ulong seed)
    {
        var venue = Venue(Definition(jitterNanos: 300 * Microsecond, rejectProbability: 0.1, seed: seed, maxWorkingOrders: 64, maxPendingReports: 4096));
        var reports = new List<InputEvent>();
        long now = MondayOpen;
        for (int i = 0; i < 200; i++)
        {
            now += 250 * Microsecond;
            decimal drift = (i % 7) * 0.01m;
            venue.QuoteStock(now, 100m - drift, 100.02m - drift);
            venue.OnQuote(Btc, now, Price.FromDecimal(65_000m + drift), Price.FromDecimal(65_000.05m + drift));
            var request = (i % 4) switch
            {
                0 => Market(i, OrderSide.Buy, 120),
                1 => Limit(i, OrderSide.Sell, 50, 100.01m),
                2 => Ioc(i, OrderSide.Buy, 0.002m, 65_000.06m, Btc),
                _ => Limit(i, OrderSide.Buy, 30, 99.96m),
            };
            venue.Submit(request, now);
            if (i % 9 == 0)
            {
                venue.Cancel(i - 1, now);
            }

            reports.AddRange(venue.Drain(now));
        }

        reports.AddRange(venue.Drain(now + 1_000_000_000));
        return (reports, StateDigest.Of(venue));
    }
}
