using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Host.Foundation;

/// <summary>
/// The foundation demo feed: a deterministic random walk per instrument (xorshift, fixed seed), published in
/// batches on its own thread, as fast as possible or at a target rate. The market-data stage's synthetic feed
/// (correlated, calendars, regimes) replaces it.
/// </summary>
public sealed class SyntheticTickSource
{
    private readonly ValueRingBuffer<TickEvent> ring;
    private readonly IClock clock;
    private readonly SyntheticFeedOptions options;
    private readonly long[] priceRaw;
    private ulong state;
    private long published;

    public SyntheticTickSource(ValueRingBuffer<TickEvent> ring, IClock clock, SyntheticFeedOptions options)
    {
        this.ring = ring;
        this.clock = clock;
        this.options = options;
        priceRaw = new long[options.Instruments];
        state = options.Seed == 0 ? 0x9E3779B97F4A7C15UL : options.Seed;
        for (var i = 0; i < priceRaw.Length; i++)
        {
            priceRaw[i] = (50 + (long)(Next() % 450)) * 100_000_000L;
        }
    }

    /// <summary>Ticks published so far.</summary>
    public long Published => Volatile.Read(ref published);

    /// <summary>Publishes until <paramref name="token"/> is cancelled.</summary>
    public void Run(CancellationToken token)
    {
        var batch = Math.Min(options.BatchSize, ring.BufferSize);
        var pacer = new RatePacer(options.EventsPerSecond);
        while (!token.IsCancellationRequested)
        {
            var high = ring.Next(batch);
            var low = high - batch + 1;
            var now = clock.NowNanoseconds;
            for (var s = low; s <= high; s++)
            {
                ref var tick = ref ring[s];
                var id = (int)(Next() % (ulong)priceRaw.Length);
                // ±0.1 % steps, floored at one cent so the walk never reaches zero.
                var step = priceRaw[id] / 1000 * ((long)(Next() % 3) - 1);
                priceRaw[id] = Math.Max(1_000_000, priceRaw[id] + step);
                tick.InstrumentId = id;
                tick.PriceRaw = priceRaw[id];
                tick.QuantityRaw = (1 + (long)(Next() % 100)) * 100_000_000L;
                tick.TimestampNanoseconds = now;
                tick.Rejected = false;
            }

            ring.Publish(low, high);
            Volatile.Write(ref published, published + batch);
            pacer.Pace(batch);
        }
    }

    private ulong Next()
    {
        // xorshift64*: fast, deterministic, good enough for a demo walk.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return state * 2685821657736338717UL;
    }

    /// <summary>Sleeps just enough to hold a target rate; 0 means as fast as possible.</summary>
    private struct RatePacer
    {
        private readonly long eventsPerSecond;
        private readonly long startTimestamp;
        private long sent;

        public RatePacer(long eventsPerSecond)
        {
            this.eventsPerSecond = eventsPerSecond;
            startTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();
            sent = 0;
        }

        public void Pace(int justSent)
        {
            if (eventsPerSecond <= 0)
            {
                return;
            }

            sent += justSent;
            var due = TimeSpan.FromSeconds((double)sent / eventsPerSecond);
            var ahead = due - System.Diagnostics.Stopwatch.GetElapsedTime(startTimestamp);
            if (ahead > TimeSpan.FromMilliseconds(1))
            {
                Thread.Sleep(ahead);
            }
        }
    }
}
