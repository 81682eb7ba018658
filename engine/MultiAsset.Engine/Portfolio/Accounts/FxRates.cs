using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Portfolio.Accounts;

/// <summary>
/// The value of every currency in USD, kept current from the mid prices of the catalogue's currency pairs, and
/// conversion between any two currencies by triangulating through USD. Single-threaded state of the stage that owns
/// the account book; per-event methods allocate nothing and never throw.
/// </summary>
/// <remarks>
/// <para><b>Rate sources.</b> At construction each currency is given one <i>source</i> pair by a breadth-first search
/// from USD over the tradable pairs (instruments whose base and quote currencies differ), preferring fewer hops and
/// then catalogue order: EUR ← EURUSD, JPY ← USDJPY, BTC ← BTCUSD; a currency reachable only through a cross goes
/// through it (ETH ← ETHBTC ← BTCUSD if ETHUSD did not exist). A USD-pegged stablecoin (<see cref="CurrencyTable.UsdPegged"/>)
/// that no pair reaches is held at exactly 1 USD; if the catalogue has a pair for it (USDTUSD, or BTCUSDT next to
/// BTCUSD), that pair prices it instead. Other currencies no pair reaches have no rate, ever.</para>
/// <para><b>Arithmetic.</b> The mid of a source pair is kept as received (a fixed-point <see cref="Price"/>); nothing
/// is inverted in advance. Each hop multiplies or divides by one mid, exactly in 128 bits, rounding half away from zero
/// to 10^-8 of the currency reached; converting A → B is A → USD then USD → B, so the result carries one rounding per
/// hop. A currency whose chain has a pair without a mid yet has no rate (conversions return false).</para>
/// </remarks>
public sealed class FxRates
{
    private const int NoSource = -1;

    private readonly int usd;
    private readonly int[] sourceOf;          // per currency: instrument that prices it against viaOf, or NoSource
    private readonly int[] viaOf;             // per currency: the next currency toward USD
    private readonly bool[] isBaseOfSource;   // per currency: it is the base of its source (mid = via per unit)
    private readonly bool[] pegged;           // per currency: a stablecoin held at 1 USD (no source)
    private readonly int[][] chains;          // per currency: the source instruments from it to USD
    private readonly bool[] isSource;         // per instrument
    private readonly long[] mids;             // per instrument: last mid (raw), for sources only
    private readonly bool[] hasMid;           // per instrument

    /// <summary>Chooses the rate source of every currency of <paramref name="currencies"/> among <paramref name="catalog"/>'s pairs.</summary>
    /// <exception cref="ArgumentException">A catalogue currency is missing from <paramref name="currencies"/>.</exception>
    public FxRates(InstrumentCatalog catalog, CurrencyTable currencies)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(currencies);
        Currencies = currencies;
        usd = CurrencyTable.Usd.Value;
        int count = currencies.Count;
        sourceOf = new int[count];
        viaOf = new int[count];
        isBaseOfSource = new bool[count];
        pegged = new bool[count];
        Array.Fill(sourceOf, NoSource);
        isSource = new bool[catalog.Count];
        mids = new long[catalog.Count];
        hasMid = new bool[catalog.Count];

        var pairs = new List<(int Instrument, int Base, int Quote)>();
        foreach (var instrument in catalog.Instruments)
        {
            int baseId = Resolve(currencies, instrument.BaseCurrency);
            int quoteId = Resolve(currencies, instrument.QuoteCurrency);
            if (instrument.IsTradable && baseId != quoteId)
            {
                pairs.Add((instrument.Id.Value, baseId, quoteId));
            }
        }

        AssignSources(pairs, count);
        chains = new int[count][];
        for (int c = 0; c < count; c++)
        {
            pegged[c] = c != usd && sourceOf[c] == NoSource && CurrencyTable.IsUsdPegged(currencies.Codes[c]);
            chains[c] = BuildChain(c);
        }
    }

    /// <summary>The currencies this table converts between.</summary>
    public CurrencyTable Currencies { get; }

    /// <summary>
    /// Records the mid of <paramref name="instrument"/>; ignored unless the instrument is a rate source and the mid is
    /// positive. Internal: the owning <see cref="AccountBook"/> marks the rates, so its cached valuations follow them.
    /// </summary>
    internal void OnMark(InstrumentId instrument, Price mid)
    {
        int i = instrument.Value;
        if ((uint)i < (uint)isSource.Length && isSource[i] && mid.Raw > 0)
        {
            mids[i] = mid.Raw;
            hasMid[i] = true;
        }
    }

    /// <summary>Whether <paramref name="instrument"/> prices some currency (its marks move FX rates).</summary>
    public bool IsRateSource(InstrumentId instrument) => (uint)instrument.Value < (uint)isSource.Length && isSource[instrument.Value];

    /// <summary>The pair that prices <paramref name="currency"/>, or <see cref="InstrumentId.None"/> (USD, pegged, or unreachable).</summary>
    public InstrumentId SourceOf(CurrencyId currency) => new(sourceOf[currency.Value]);

    /// <summary>Whether <paramref name="currency"/> is a stablecoin held at 1 USD because no pair prices it.</summary>
    public bool IsPegged(CurrencyId currency) => pegged[currency.Value];

    /// <summary>
    /// The instruments whose mids the USD value of <paramref name="currency"/> depends on, nearest first (empty for
    /// USD and pegged stablecoins). The account book uses it to know which marks revalue which accounts.
    /// </summary>
    public ReadOnlySpan<int> ChainOf(CurrencyId currency) => chains[currency.Value];

    /// <summary>Whether <paramref name="currency"/> can be converted now (every pair on its chain has a mid).</summary>
    public bool HasRate(CurrencyId currency)
    {
        int c = currency.Value;
        if (c != usd && !pegged[c] && sourceOf[c] == NoSource)
        {
            return false;
        }

        foreach (int instrument in chains[c])
        {
            if (!hasMid[instrument])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The USD value of one unit of <paramref name="currency"/>, rounded once to 8 decimals (for display and reports;
    /// convert amounts with <see cref="TryConvert"/>). Computed in <see langword="decimal"/>, so a two-hop rate such as
    /// USDT through BTCUSDT and BTCUSD does not lose the precision a 10^-8 BTC intermediate would.
    /// </summary>
    public bool TryGetUsdRate(CurrencyId currency, out Price usdPerUnit)
    {
        usdPerUnit = Price.Zero;
        if (!HasRate(currency))
        {
            return false;
        }

        decimal rate = 1m;
        try
        {
            for (int c = currency.Value; c != usd && !pegged[c]; c = viaOf[c])
            {
                decimal mid = FixedPoint.ToDecimal(mids[sourceOf[c]]);
                rate = isBaseOfSource[c] ? rate * mid : rate / mid;
            }
        }
        catch (OverflowException)
        {
            return false; // beyond decimal, so far beyond Price
        }

        rate = Math.Round(rate, FixedPoint.Decimals, MidpointRounding.AwayFromZero);
        if (rate > FixedPoint.ToDecimal(long.MaxValue))
        {
            return false;
        }

        usdPerUnit = Price.FromDecimal(rate);
        return true;
    }

    /// <summary>
    /// Converts <paramref name="amount"/> of <paramref name="from"/> into <paramref name="to"/> (exact when they are
    /// equal, else through USD). False when a rate is missing or the result leaves the <see cref="Money"/> range.
    /// </summary>
    public bool TryConvert(Money amount, CurrencyId from, CurrencyId to, out Money result)
    {
        bool ok = TryConvertRaw(amount.Raw, from.Value, to.Value, out long raw);
        result = Money.FromRaw(raw);
        return ok;
    }

    /// <summary>Adds every source mid (and whether it has been seen) to <paramref name="builder"/>.</summary>
    public void AppendDigest(StateDigestBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(mids.Length);
        for (int i = 0; i < mids.Length; i++)
        {
            builder.Add(hasMid[i]).Add(mids[i]);
        }
    }

    /// <summary>Raw-unit conversion used on the hot path by the account book.</summary>
    internal bool TryConvertRaw(long amount, int from, int to, out long result)
    {
        if (from == to || amount == 0)
        {
            result = amount;
            return true;
        }

        if (!TryToUsd(amount, from, out long usdAmount))
        {
            result = 0;
            return false;
        }

        return TryFromUsd(usdAmount, to, out result);
    }

    private bool TryToUsd(long amount, int currency, out long result)
    {
        int c = currency;
        while (c != usd)
        {
            if (pegged[c])
            {
                break;
            }

            int source = sourceOf[c];
            if (source == NoSource || !hasMid[source])
            {
                result = 0;
                return false;
            }

            // As the base of its pair, one unit is worth `mid` units of the next currency; as the quote, 1/mid.
            bool ok = isBaseOfSource[c]
                ? FixedMath.TryMultiplyScaled(amount, mids[source], out amount)
                : FixedMath.TryDivideScaled(amount, mids[source], out amount);
            if (!ok)
            {
                result = 0;
                return false;
            }

            c = viaOf[c];
        }

        result = amount;
        return true;
    }

    // The reverse walk: reach the currency's `via` from USD first, then take the last hop. Recursion depth is the
    // chain length (one or two hops in practice) and allocates nothing.
    private bool TryFromUsd(long usdAmount, int currency, out long result)
    {
        if (currency == usd || pegged[currency])
        {
            result = usdAmount;
            return true;
        }

        int source = sourceOf[currency];
        if (source == NoSource || !hasMid[source] || !TryFromUsd(usdAmount, viaOf[currency], out long viaAmount))
        {
            result = 0;
            return false;
        }

        return isBaseOfSource[currency]
            ? FixedMath.TryDivideScaled(viaAmount, mids[source], out result)
            : FixedMath.TryMultiplyScaled(viaAmount, mids[source], out result);
    }

    private void AssignSources(List<(int Instrument, int Base, int Quote)> pairs, int count)
    {
        var reached = new bool[count];
        reached[usd] = true;
        var queue = new Queue<int>();
        queue.Enqueue(usd);
        while (queue.Count > 0)
        {
            int from = queue.Dequeue();
            foreach (var (instrument, baseId, quoteId) in pairs)
            {
                int other = baseId == from ? quoteId : quoteId == from ? baseId : -1;
                if (other < 0 || reached[other])
                {
                    continue;
                }

                reached[other] = true;
                sourceOf[other] = instrument;
                viaOf[other] = from;
                isBaseOfSource[other] = other == baseId;
                isSource[instrument] = true;
                queue.Enqueue(other);
            }
        }
    }

    private int[] BuildChain(int currency)
    {
        var chain = new List<int>();
        for (int c = currency; c != usd && sourceOf[c] != NoSource; c = viaOf[c])
        {
            chain.Add(sourceOf[c]);
        }

        return [.. chain];
    }

    private static int Resolve(CurrencyTable currencies, string code)
        => currencies.TryGet(code, out var id)
            ? id.Value
            : throw new ArgumentException($"Currency '{code}' of the catalogue is not in the currency table.", nameof(currencies));
}
