using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Routing.Venues;

/// <summary>
/// A simulated venue's displayed book per instrument, rebuilt around each feed quote by the venue's
/// <see cref="VenueLiquidityModel"/>: its own touch (the feed's half-spread × multiplier, rounded outward to the tick) and
/// <c>levels</c> levels per side, each with a displayed size that orders consume until the next refresh replenishes it.
/// </summary>
/// <remarks>
/// Prices are not stored per level: level k is the touch ∓ k × spacing × tick, computed on demand. Sizes are raw
/// quantities in flat arrays (instrument × levels), preallocated for the whole catalogue, so a refresh allocates nothing.
/// A size larger than <see cref="MaxLevelQuantityRaw"/> (10^10 units) is capped there so sums over levels cannot overflow.
/// </remarks>
internal sealed class VenueBook
{
    /// <summary>Largest displayed size of one level, raw (10^10 units): keeps sums over 64 levels inside a long.</summary>
    public const long MaxLevelQuantityRaw = 10_000_000_000L * FixedPoint.Scale;

    private const long TwoScale = 2 * FixedPoint.Scale;

    private readonly VenueLiquidityModel model;
    private readonly int levels;
    private readonly long[] tick;
    private readonly long[] lot;
    private readonly bool[] quoted;
    private readonly long[] bestBid;
    private readonly long[] bestAsk;
    private readonly long[] bidDepth;
    private readonly long[] askDepth;

    /// <summary>Creates an empty book for every instrument of <paramref name="catalog"/> (only traded ones are ever quoted).</summary>
    public VenueBook(VenueLiquidityModel model, InstrumentCatalog catalog)
    {
        this.model = model;
        levels = model.Levels;
        int n = catalog.Count;
        tick = new long[n];
        lot = new long[n];
        for (int i = 0; i < n; i++)
        {
            var instrument = catalog.Instruments[i];
            tick[i] = instrument.TickSize.Raw;
            lot[i] = instrument.LotSize.Raw;
        }

        quoted = new bool[n];
        bestBid = new long[n];
        bestAsk = new long[n];
        bidDepth = new long[n * levels];
        askDepth = new long[n * levels];
    }

    /// <summary>Levels per side.</summary>
    public int Levels => levels;

    /// <summary>Whether the instrument has had a valid quote.</summary>
    public bool HasQuote(int instrument) => quoted[instrument];

    /// <summary>The venue's best bid (raw); meaningful when <see cref="HasQuote"/>.</summary>
    public long BestBid(int instrument) => bestBid[instrument];

    /// <summary>The venue's best ask (raw); meaningful when <see cref="HasQuote"/>.</summary>
    public long BestAsk(int instrument) => bestAsk[instrument];

    /// <summary>
    /// Rebuilds the instrument's book around the feed quote and refills every level. False (book unchanged) when the quote
    /// is unusable: a non-positive bid, a crossed quote (bid &gt; ask), or levels that would leave the price range.
    /// </summary>
    public bool Refresh(int instrument, Price feedBid, Price feedAsk)
    {
        long b = feedBid.Raw;
        long a = feedAsk.Raw;
        if (b <= 0 || a < b)
        {
            return false;
        }

        long t = tick[instrument];
        long step = t * model.LevelSpacingTicks;
        // Exact in 128 bits: venue bid = mid − half × m = ((b + a) − (a − b) × m) / 2, with m scaled by 10^8.
        Int128 mid2 = (Int128)b + a;
        Int128 offset = (Int128)(a - b) * model.HalfSpreadMultiplierRaw;
        Int128 bidExact = FloorDiv((mid2 * FixedPoint.Scale) - offset, TwoScale);
        Int128 askExact = -FloorDiv(-((mid2 * FixedPoint.Scale) + offset), TwoScale);
        Int128 bid = FloorDiv(bidExact, t) * t;
        Int128 ask = -FloorDiv(-askExact, t) * t;
        if (ask <= bid)
        {
            // A locked feed (or a tiny multiplier) would lock the venue's book too: keep it one tick wide.
            ask = bid + t;
        }

        if (ask + ((Int128)step * (levels - 1)) > long.MaxValue || bid > long.MaxValue)
        {
            return false;
        }

        quoted[instrument] = true;
        bestBid[instrument] = (long)bid;
        bestAsk[instrument] = (long)ask;
        int start = instrument * levels;
        for (int k = 0; k < levels; k++)
        {
            bidDepth[start + k] = LevelSize(instrument, LevelPrice(instrument, asks: false, k));
            askDepth[start + k] = LevelSize(instrument, LevelPrice(instrument, asks: true, k));
        }

        return true;
    }

    /// <summary>Price (raw) of level <paramref name="k"/> of one side; zero or negative when the bid side runs out of price.</summary>
    public long LevelPrice(int instrument, bool asks, int k)
    {
        long step = tick[instrument] * model.LevelSpacingTicks;
        return asks ? bestAsk[instrument] + (step * k) : bestBid[instrument] - (step * k);
    }

    /// <summary>The displayed size (raw) left at level <paramref name="k"/>: orders subtract what they take.</summary>
    public ref long Depth(int instrument, bool asks, int k) => ref (asks ? askDepth : bidDepth)[(instrument * levels) + k];

    /// <summary>The instrument's lot size (raw).</summary>
    public long Lot(int instrument) => lot[instrument];

    /// <summary>Total displayed size (raw) on one side.</summary>
    public long TotalDepth(int instrument, bool asks)
    {
        var depth = asks ? askDepth : bidDepth;
        long total = 0;
        for (int k = 0, i = instrument * levels; k < levels; k++, i++)
        {
            total += depth[i];
        }

        return total;
    }

    /// <summary>Adds every quoted instrument's touch and remaining sizes to a digest.</summary>
    public void AppendDigest(StateDigestBuilder builder)
    {
        for (int i = 0; i < quoted.Length; i++)
        {
            if (!quoted[i])
            {
                continue;
            }

            builder.Add(i).Add(bestBid[i]).Add(bestAsk[i]);
            builder.Add(new ReadOnlySpan<long>(bidDepth, i * levels, levels));
            builder.Add(new ReadOnlySpan<long>(askDepth, i * levels, levels));
        }
    }

    private long LevelSize(int instrument, long price)
    {
        if (price <= 0)
        {
            return 0;
        }

        long l = lot[instrument];
        Int128 size;
        if (model.DepthLots > 0)
        {
            size = (Int128)model.DepthLots * l;
        }
        else
        {
            // notional / price in units, rounded down to whole lots: notional_raw × 10^8 / price_raw is units × 10^8.
            Int128 units = (Int128)model.DepthNotional.Raw * FixedPoint.Scale / price;
            size = units / l * l;
        }

        return size > MaxLevelQuantityRaw ? MaxLevelQuantityRaw / l * l : (long)size;
    }

    private static Int128 FloorDiv(Int128 numerator, long divisor)
    {
        Int128 q = Int128.DivRem(numerator, divisor).Quotient;
        return (numerator % divisor != 0 && (numerator < 0) != (divisor < 0)) ? q - 1 : q;
    }
}
