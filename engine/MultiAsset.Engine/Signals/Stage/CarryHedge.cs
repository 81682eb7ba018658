using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Signals.Strategies;

namespace MultiAsset.Engine.Signals.Stage;

/// <summary>
/// The carry trade of a strategy whose rules <c>Initiate carry trade [with CLASS hedge]</c>: the carry pair (the
/// document's default pair, e.g. AUDJPY), its direction from the policy-rate differential, and the hedge — one
/// instrument of the hedge class sized by a hedge ratio estimated from the live analytics. Built once at create time;
/// the per-event parts (<see cref="Direction"/>, <see cref="HedgeRatio"/>, <see cref="HedgeWeight"/>) only read the
/// analytics and allocate nothing.
/// </summary>
/// <remarks>
/// <para><b>Direction.</b> +1 (long the pair) when the policy rate of its base currency is at least that of its quote
/// currency, else −1: long the high-yielding currency, short the low-yielding one.</para>
/// <para><b>Hedge ratio (estimator).</b> β = cov(r_carry, r_hedge) / var(r_hedge) = ρ · σ_carry / σ_hedge, from the
/// market-data analytics' EWMA covariance of 1-minute log returns (RiskMetrics, λ = 0.94 by default,
/// <see cref="EwmaCovarianceMatrix"/>). A carry pair outside the correlation universe is written as its two legs through
/// a third currency that are in it, log(X/Y) = log(X/Z) + log(Z/Y) (AUDJPY = AUDUSD + USDJPY), so its covariance with
/// the hedge is the sum of the legs' covariances. Until the matrix has folded in <c>hedgeWarmup</c> steps (30, i.e.
/// 30 minutes at the 1-minute interval), or whenever the estimate is undefined (no variance yet, an instrument outside
/// the universe), β falls back to the <c>hedgeRatio</c> parameter (0.5: hedge half the carry notional).</para>
/// <para><b>Sizing.</b> The hedge's notional is −β times the carry's, so a long carry that moves with equities is
/// hedged by a short equity position. Both are <c>TargetPosition</c> intents, which the coordination stage sizes as
/// w × capital × class weight / instruments of the class; so the hedge weight is
/// w_hedge = −β · d · (W_carry / n_carry) / (W_hedge / n_hedge), with d the carry direction, W the document's target
/// weights of the two classes and n their instruments (1 each for a document without instruments: the carry pair and
/// the hedge instrument), clamped to [−1, 1]: the hedge never exceeds its class's allocation.</para>
/// <para><b>Refresh.</b> While the carry is open the hedge is re-estimated every <c>hedgeRefresh</c> of event time
/// (1 h) and re-sent when its weight moved by at least <see cref="RefreshBand"/>.</para>
/// </remarks>
internal sealed class CarryHedge
{
    /// <summary>β while the analytics are warming up (parameter <c>hedgeRatio</c>).</summary>
    public const double DefaultHedgeRatio = 0.5;

    /// <summary>Covariance steps before β is estimated (parameter <c>hedgeWarmup</c>).</summary>
    public const int DefaultWarmupUpdates = 30;

    /// <summary>Smallest change of the hedge weight that re-sends it on a refresh.</summary>
    public const double RefreshBand = 0.05;

    /// <summary>Re-estimation period of an open carry's hedge (parameter <c>hedgeRefresh</c>).</summary>
    public static readonly TimeSpan DefaultRefresh = TimeSpan.FromHours(1);

    private readonly int legA;
    private readonly int legB;
    private readonly double coefA;
    private readonly double coefB;
    private readonly double defaultRatio;
    private readonly int warmup;

    private CarryHedge(InstrumentId pair, InstrumentId baseRate, InstrumentId quoteRate, InstrumentId hedge, int legA, double coefA, int legB, double coefB, double scale, double defaultRatio, int warmup, long refresh)
    {
        Pair = pair;
        BaseRate = baseRate;
        QuoteRate = quoteRate;
        Hedge = hedge;
        this.legA = legA;
        this.coefA = coefA;
        this.legB = legB;
        this.coefB = coefB;
        Scale = scale;
        this.defaultRatio = defaultRatio;
        this.warmup = warmup;
        RefreshNanoseconds = refresh;
    }

    public InstrumentId Pair { get; }

    public InstrumentId BaseRate { get; }

    public InstrumentId QuoteRate { get; }

    /// <summary>The hedge instrument, or <see cref="InstrumentId.None"/> for an unhedged carry.</summary>
    public InstrumentId Hedge { get; }

    /// <summary>(W_carry / n_carry) / (W_hedge / n_hedge): converts a hedge notional into a hedge class weight.</summary>
    public double Scale { get; }

    public long RefreshNanoseconds { get; }

    /// <summary>Direction of the open carry (±1), 0 when none is open.</summary>
    public int OpenDirection { get; private set; }

    /// <summary>The hedge weight last sent.</summary>
    public double LastHedgeWeight { get; private set; }

    /// <summary>Event time of the next hedge re-estimation.</summary>
    public long NextRefresh { get; private set; }

    /// <summary>Hedge ratios computed from the analytics (not the fallback) so far.</summary>
    public long Estimates { get; private set; }

    /// <summary>Builds the carry of <paramref name="document"/>, or null when its rules initiate none.</summary>
    public static CarryHedge? Create(StrategyDocument document, InstrumentCatalog catalog, EwmaCovarianceMatrix covariance, StrategyParameterReader reader)
    {
        var carry = document.ExecutionRules.Select(r => r.CompiledAction).FirstOrDefault(a => a.Kind == Rules.RuleActionKind.InitiateCarryTrade);
        if (carry.Kind != Rules.RuleActionKind.InitiateCarryTrade || document.DefaultPair is not { } pairSymbol || !catalog.TryGet(pairSymbol, out var pair))
        {
            return null;
        }

        var defaultRatio = reader.Number("hedgeRatio", DefaultHedgeRatio, -10, 10);
        var warmup = reader.Count("hedgeWarmup", DefaultWarmupUpdates);
        var refresh = reader.Duration("hedgeRefresh", DefaultRefresh);
        var hedge = InstrumentId.None;
        var scale = 0.0;
        if (carry.Hedge is { } hedgeClass)
        {
            var hedgeInstrument = document.Instruments.Select(s => catalog.TryGet(s, out var i) ? i : null).FirstOrDefault(i => i is { IsTradable: true } && i.AssetClass == hedgeClass);
            var carryWeight = document.AllocationOf(pair.AssetClass)?.TargetWeight ?? 0;
            var hedgeWeight = document.AllocationOf(hedgeClass)?.TargetWeight ?? 0;
            if (hedgeInstrument is not null && hedgeWeight > 0)
            {
                hedge = hedgeInstrument.Id;
                scale = carryWeight / Count(document, catalog, pair.AssetClass) / (hedgeWeight / Count(document, catalog, hedgeClass));
            }
        }

        var (legA, coefA, legB, coefB) = Legs(pair, catalog, covariance);
        return new CarryHedge(pair.Id, catalog.RateOf(pair.BaseCurrency), catalog.RateOf(pair.QuoteCurrency), hedge, legA, coefA, legB, coefB, scale, defaultRatio, Math.Max(0, warmup), (long)refresh.TotalNanoseconds);
    }

    /// <summary>+1 when the pair's base currency yields at least its quote currency, −1 otherwise; 0 without rate series.</summary>
    public int Direction(MarketAnalytics analytics)
    {
        if (!BaseRate.IsValid || !QuoteRate.IsValid)
        {
            return 0;
        }

        return analytics.Last(BaseRate).Raw - analytics.Last(QuoteRate).Raw >= 0 ? 1 : -1;
    }

    /// <summary>β of the carry pair on the hedge (see remarks); the fallback while the estimate is not available.</summary>
    public double HedgeRatio(MarketAnalytics analytics, out bool estimated)
    {
        estimated = false;
        var covariance = analytics.Covariance;
        if (!Hedge.IsValid || legA < 0 || covariance.Updates < warmup)
        {
            return defaultRatio;
        }

        var h = Hedge.Value;
        var varianceH = covariance.Covariance(h, h);
        var cov = coefA * covariance.Covariance(legA, h);
        if (legB >= 0)
        {
            cov += coefB * covariance.Covariance(legB, h);
        }

        if (!(varianceH > 0) || !double.IsFinite(cov))
        {
            return defaultRatio;
        }

        estimated = true;
        return cov / varianceH;
    }

    /// <summary>The hedge's <c>TargetPosition</c> weight for a carry in <paramref name="direction"/>: −β · d · scale, clamped to [−1, 1].</summary>
    public double HedgeWeight(int direction, MarketAnalytics analytics)
    {
        var ratio = HedgeRatio(analytics, out var estimated);
        if (estimated)
        {
            Estimates++;
        }

        return Math.Clamp(-ratio * direction * Scale, -1.0, 1.0);
    }

    /// <summary>Records that the carry opened in <paramref name="direction"/> with hedge weight <paramref name="hedgeWeight"/> at <paramref name="time"/>.</summary>
    public void Opened(int direction, double hedgeWeight, long time)
    {
        OpenDirection = direction;
        LastHedgeWeight = hedgeWeight;
        NextRefresh = time + RefreshNanoseconds;
    }

    /// <summary>The carry was closed (Close all, or the strategy stopped).</summary>
    public void Closed() => OpenDirection = 0;

    /// <summary>
    /// On a refresh due at <paramref name="time"/>: true with the new hedge weight when it moved by at least
    /// <see cref="RefreshBand"/> from the last one sent.
    /// </summary>
    public bool TryRefresh(long time, MarketAnalytics analytics, out double weight)
    {
        weight = LastHedgeWeight;
        if (OpenDirection == 0 || !Hedge.IsValid || time < NextRefresh)
        {
            return false;
        }

        NextRefresh = time + RefreshNanoseconds;
        var next = HedgeWeight(OpenDirection, analytics);
        if (Math.Abs(next - LastHedgeWeight) < RefreshBand)
        {
            return false;
        }

        weight = next;
        LastHedgeWeight = next;
        return true;
    }

    public void AppendDigest(Pipeline.StateDigestBuilder digest) => digest.Add(OpenDirection).Add(LastHedgeWeight).Add(NextRefresh).Add(Estimates);

    private static int Count(StrategyDocument document, InstrumentCatalog catalog, AssetClass assetClass)
    {
        var n = 0;
        foreach (var symbol in document.Instruments)
        {
            if (catalog.TryGet(symbol, out var instrument) && instrument.IsTradable && instrument.AssetClass == assetClass)
            {
                n++;
            }
        }

        return Math.Max(1, n);
    }

    /// <summary>The carry pair as up to two instruments of the covariance universe with coefficients ±1 (−1 ids when it cannot be).</summary>
    private static (int LegA, double CoefA, int LegB, double CoefB) Legs(Instrument pair, InstrumentCatalog catalog, EwmaCovarianceMatrix covariance)
    {
        var universe = covariance.Universe.Select(id => catalog[new InstrumentId(id)]).Where(i => i.AssetClass == AssetClass.Forex && i.IsTradable).ToList();
        if (universe.Any(i => i.Id == pair.Id))
        {
            return (pair.Id.Value, 1, -1, 0);
        }

        var x = pair.BaseCurrency;
        var y = pair.QuoteCurrency;
        foreach (var first in universe)
        {
            // log(X/Z) from first: +1 when it is X/Z, −1 when it is Z/X.
            var z = first.BaseCurrency == x ? first.QuoteCurrency : first.QuoteCurrency == x ? first.BaseCurrency : null;
            if (z is null || z == y)
            {
                continue;
            }

            var coefA = first.BaseCurrency == x ? 1.0 : -1.0;
            foreach (var second in universe)
            {
                if (second.BaseCurrency == z && second.QuoteCurrency == y)
                {
                    return (first.Id.Value, coefA, second.Id.Value, 1.0);
                }

                if (second.BaseCurrency == y && second.QuoteCurrency == z)
                {
                    return (first.Id.Value, coefA, second.Id.Value, -1.0);
                }
            }
        }

        return (-1, 0, -1, 0);
    }
}
