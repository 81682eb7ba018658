using System.Runtime.CompilerServices;
using MultiAsset.Engine.MarketData.Feeds;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.MarketData.Synthetic;

/// <summary>
/// The synthetic multi-asset market: correlated geometric Brownian motion with crypto jumps and a calm/stressed
/// regime chain, quoted on each instrument's tick grid in whole lots while its calendar is open, plus index,
/// volatility-index, sentiment and policy-rate reference series. Pure and deterministic: the same catalogue, options
/// and seed produce the same events, byte for byte (in simulated time).
/// </summary>
/// <remarks>
/// <para>Call <see cref="Advance"/> once per round; the round's events are then in <see cref="Events"/> until the
/// next call. Everything is preallocated in the constructor: a round allocates nothing. Cost per round is
/// O(n²) for the correlated normals (a packed triangular product) plus O(n) for the quotes, n = tradables.</para>
/// <para>Not thread-safe: one owner (the feed thread) drives it.</para>
/// </remarks>
public sealed class SyntheticMarket
{
    private const double SecondsPerYear = 365.25 * 86_400;
    private const double NanosPerSecond = 1e9;
    private const double MaxPrice = 1e9;

    private readonly SyntheticTimeMode timeMode;
    private readonly IClock? clock;
    private readonly ushort source;
    private readonly long startNanos;
    private readonly long stepNanos;
    private readonly double stepSeconds;
    private readonly int referenceEvery;

    // Regime chain and stress parameters.
    private readonly bool regimesEnabled;
    private readonly double calmToStressed;
    private readonly double stressedToCalm;
    private readonly double stressVolMultiplier;
    private readonly double stressSpreadMultiplier;
    private readonly double flightDrift;
    private readonly double calmDrift;

    // Jumps (crypto only).
    private readonly double jumpIntensity;
    private readonly double jumpMean;
    private readonly double jumpStdev;
    private readonly double jumpStressMultiplier;
    private readonly double jumpCompensator;

    // Tradables, by tradable slot 0..n-1 (not catalogue id).
    private readonly int n;
    private readonly int[] slotOf;
    private readonly InstrumentId[] ids;
    private readonly TradingCalendar[] calendars;
    private readonly SessionCursor[] cursors;
    private readonly long[] tickRaw;
    private readonly double[] ticksPerUnit;
    private readonly long[] lotRaw;
    private readonly long[] maxLots;
    private readonly double[] logMid;
    private readonly double[] mid;
    private readonly double[] inverseStartMid;
    private readonly double[] logMin;
    private readonly double[] logMax;
    private readonly double[] sigma;
    private readonly double[] yearsPerSecond;
    private readonly double[] halfSpread;
    private readonly double[] tradeProbability;
    private readonly double[] typicalLots;
    private readonly int[] direction;
    private readonly bool[] jumps;
    private readonly long[] jumpCounts;
    private readonly LowerTriangularProduct choleskyCalm;
    private readonly LowerTriangularProduct choleskyStressed;
    private readonly double[,] calmCorrelation;
    private readonly double[] normals;
    private readonly double[] correlated;

    // Per-step constants of the price step (drift, diffusion scale, jump compensator and probability), a function of
    // (dt, regime) alone: recomputed only when either changes, with exactly the operations the step used to do inline.
    private readonly double[] stepDrift;
    private readonly double[] stepScale;
    private readonly double[] stepJumpDrift;
    private readonly double[] stepJumpProbability;
    private double stepDt = double.NaN;
    private bool stepStressed;

    // Index series.
    private readonly InstrumentId[] indexIds;
    private readonly TradingCalendar[] indexCalendars;
    private readonly SessionCursor[] indexCursors;
    private readonly int[][] indexConstituents;
    private readonly double[] indexBase;
    private readonly double[] indexLevel;
    private readonly double[] indexReturn;
    private readonly double[] indexYearsPerSecond;
    private readonly double[] indexVolCalm;
    private readonly double[] indexVolStressed;
    private readonly long[] indexTick;

    // Volatility-index series.
    private readonly InstrumentId[] vixIds;
    private readonly TradingCalendar[] vixCalendars;
    private readonly SessionCursor[] vixCursors;
    private readonly int[] vixIndex;
    private readonly double[] vixCalm;
    private readonly double[] vixStressed;
    private readonly double[] vixHalfLife;
    private readonly double[] vixSensitivity;
    private readonly double[] vixLevel;
    private readonly double[] vixVariance;
    private readonly long[] vixTick;

    // Sentiment series (driven by the first volatility index, or by the regime when there is none).
    private readonly InstrumentId[] sentimentIds;
    private readonly TradingCalendar[] sentimentCalendars;
    private readonly SessionCursor[] sentimentCursors;
    private readonly long[] sentimentTick;

    // Policy rates.
    private readonly InstrumentId[] rateIds;
    private readonly TradingCalendar[] rateCalendars;
    private readonly SessionCursor[] rateCursors;
    private readonly double[] rateLevel;
    private readonly bool[] rateChanged;
    private readonly long[] rateTick;
    private readonly double rateStepsPerYear;
    private readonly double rateStepSize;
    private readonly int rateEvery;

    private readonly InputEvent[] events;
    private readonly ulong seed;
    private Xoshiro256StarStar rng;
    private int eventCount;
    private long round;
    private long now;
    private long lastNow;
    private MarketRegime regime;
    private long stressedRounds;

    /// <summary>
    /// Builds the market over every instrument of <paramref name="catalog"/>, checking the options against it.
    /// </summary>
    /// <param name="catalog">The instruments: tradables are quoted, reference series computed.</param>
    /// <param name="options">The model parameters.</param>
    /// <param name="clock">Source of timestamps in <see cref="SyntheticTimeMode.Wall"/> mode (ignored in simulated mode).</param>
    /// <param name="source">Feed index stamped on every event.</param>
    /// <exception cref="ConfigurationException">The options name unknown symbols or currencies, or the correlation
    /// matrix is not positive definite; every problem is listed with its JSON path.</exception>
    /// <exception cref="ArgumentException">Wall mode without a clock.</exception>
    public SyntheticMarket(InstrumentCatalog catalog, SyntheticFeedOptions options, IClock? clock = null, ushort source = 0)
        : this(catalog, options, clock, source, new JsonSectionReader(options?.Source ?? string.Empty), throwOnError: true)
    {
    }

    private SyntheticMarket(InstrumentCatalog catalog, SyntheticFeedOptions options, IClock? clock, ushort source, JsonSectionReader reader, bool throwOnError)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        if (options.TimeMode == SyntheticTimeMode.Wall && clock is null)
        {
            throw new ArgumentException("Wall time mode needs a clock.", nameof(clock));
        }

        string path = options.Path;
        timeMode = options.TimeMode;
        this.clock = clock;
        this.source = source;
        startNanos = options.StartNanoseconds;
        stepNanos = options.Step.Ticks * 100;
        stepSeconds = options.Step.Ticks / (double)TimeSpan.TicksPerSecond;
        referenceEvery = Math.Max(1, options.ReferenceEveryRounds);

        var r = options.Regimes;
        regimesEnabled = r.Enabled;
        calmToStressed = r.CalmToStressed;
        stressedToCalm = r.StressedToCalm;
        stressVolMultiplier = r.VolatilityMultiplier;
        stressSpreadMultiplier = r.SpreadMultiplier;
        flightDrift = r.FlightToQualityDrift;
        // The calm regime carries the opposite drift, scaled by the chain's stationary odds p(c→s)/p(s→c), so the
        // flight-to-quality drift averages to zero over the long run: risk assets earn a premium in calm times and
        // give it back in stress, instead of sliding toward zero (or the price floor) in a long run.
        calmDrift = r.Enabled && r.StressedToCalm > 0 ? -r.FlightToQualityDrift * r.CalmToStressed / r.StressedToCalm : 0;

        var j = options.Jumps;
        jumpIntensity = j.IntensityPerYear;
        jumpMean = j.MeanLog;
        jumpStdev = j.StdevLog;
        jumpStressMultiplier = j.StressedIntensityMultiplier;
        // E[e^J] − 1: subtracting λ·(E[e^J] − 1)·dt keeps the jump part from adding drift to the price itself.
        jumpCompensator = Math.Exp(jumpMean + (0.5 * jumpStdev * jumpStdev)) - 1;

        // Tradables.
        var tradables = catalog.Instruments.Where(i => i.Kind == InstrumentKind.Tradable).ToList();
        n = tradables.Count;
        slotOf = new int[catalog.Count];
        Array.Fill(slotOf, -1);
        ids = new InstrumentId[n];
        calendars = new TradingCalendar[n];
        cursors = new SessionCursor[n];
        tickRaw = new long[n];
        ticksPerUnit = new double[n];
        lotRaw = new long[n];
        maxLots = new long[n];
        logMid = new double[n];
        mid = new double[n];
        inverseStartMid = new double[n];
        logMin = new double[n];
        logMax = new double[n];
        sigma = new double[n];
        yearsPerSecond = new double[n];
        halfSpread = new double[n];
        tradeProbability = new double[n];
        typicalLots = new double[n];
        direction = new int[n];
        jumps = new bool[n];
        jumpCounts = new long[n];
        normals = new double[n];
        correlated = new double[n];
        stepDrift = new double[n];
        stepScale = new double[n];
        stepJumpDrift = new double[n];
        stepJumpProbability = new double[n];

        var overrides = new Dictionary<string, InstrumentOverride>(StringComparer.Ordinal);
        foreach (var o in options.Instruments)
        {
            if (!catalog.TryGet(o.Symbol, out var instrument))
            {
                reader.Error(o.Path, $"unknown symbol '{o.Symbol}' (not in the instrument catalogue)");
            }
            else if (!instrument.IsTradable)
            {
                reader.Error(o.Path, $"'{o.Symbol}' is a reference series, not a tradable instrument; its model is configured under indices, volatilityIndices or rates");
            }
            else
            {
                overrides[o.Symbol] = o;
            }
        }

        var symbolHaven = new bool[n];
        ResolveSafeHavens(tradables, r.SafeHavens, catalog, reader, symbolHaven);
        for (int i = 0; i < n; i++)
        {
            var instrument = tradables[i];
            var cls = options.ClassSettings(instrument.AssetClass);
            overrides.TryGetValue(instrument.Symbol, out var o);
            slotOf[instrument.Id.Value] = i;
            ids[i] = instrument.Id;
            calendars[i] = instrument.Calendar;
            tickRaw[i] = instrument.TickSize.Raw;
            ticksPerUnit[i] = Price.Scale / (double)instrument.TickSize.Raw;
            lotRaw[i] = instrument.LotSize.Raw;
            maxLots[i] = Math.Max(1, long.MaxValue / 4 / instrument.LotSize.Raw);
            double tick = instrument.TickSize.ToDouble();
            double start = o?.StartPrice
                ?? (SyntheticDefaults.StartPrices.TryGetValue(instrument.Symbol, out var known) ? known : Math.Max(cls.StartPrice, 1000 * tick));
            // Never start within a hundred ticks of zero: the quote must keep a positive bid below the ask.
            start = Math.Clamp(start, 100 * tick, MaxPrice);
            logMid[i] = Math.Log(start);
            mid[i] = start;
            inverseStartMid[i] = 1 / start;
            logMin[i] = Math.Log(100 * tick);
            logMax[i] = Math.Log(MaxPrice);
            sigma[i] = o?.Volatility ?? cls.Volatility;
            yearsPerSecond[i] = 1 / (cls.TradingHoursPerYear * 3600);
            halfSpread[i] = (o?.SpreadBps ?? cls.SpreadBps) / 2 / 10_000;
            tradeProbability[i] = o?.TradeProbability ?? cls.TradeProbability;
            double lot = instrument.LotSize.ToDouble();
            // FX sizes are amounts of the base currency (market convention); others are notional / price.
            typicalLots[i] = Math.Max(1, instrument.AssetClass == AssetClass.Forex ? cls.QuoteNotional / lot : cls.QuoteNotional / (start * lot));
            jumps[i] = instrument.AssetClass == AssetClass.Crypto && jumpIntensity > 0;
            if (direction[i] == 0 && !symbolHaven[i] && instrument.AssetClass != AssetClass.Forex)
            {
                direction[i] = -1;
            }
        }

        // Safe-haven directions were written into `direction` by ResolveSafeHavens; risk assets were set just above.
        calmCorrelation = CorrelationMatrixBuilder.Assemble(tradables, direction, symbolHaven, options.Correlation, reader);
        var correlationPath = JsonSectionReader.Join(path, "correlation");
        choleskyCalm = new LowerTriangularProduct(
            CorrelationMatrixBuilder.CholeskyPacked(calmCorrelation, options.Correlation.IfNotPositiveDefinite, reader, correlationPath), n);
        var stressedCorrelation = CorrelationMatrixBuilder.Stressed(calmCorrelation, direction, r.StressCorrelation, r.StressCorrelationWeight);
        choleskyStressed = new LowerTriangularProduct(
            CorrelationMatrixBuilder.CholeskyPacked(stressedCorrelation, NonPositiveDefinitePolicy.Repair, reader, correlationPath), n);

        // Index series.
        var indexList = catalog.OfKind(InstrumentKind.Index);
        var indexSettings = options.Indices.ToDictionary(x => x.Symbol, StringComparer.Ordinal);
        foreach (var s in options.Indices)
        {
            if (!catalog.TryGet(s.Symbol, out var inst) || inst.Kind != InstrumentKind.Index)
            {
                reader.Error(s.Path ?? path, $"'{s.Symbol}' is not an index series of the catalogue");
            }
        }

        int ni = indexList.Count;
        indexIds = new InstrumentId[ni];
        indexCalendars = new TradingCalendar[ni];
        indexCursors = new SessionCursor[ni];
        indexConstituents = new int[ni][];
        indexBase = new double[ni];
        indexLevel = new double[ni];
        indexReturn = new double[ni];
        indexYearsPerSecond = new double[ni];
        indexVolCalm = new double[ni];
        indexVolStressed = new double[ni];
        indexTick = new long[ni];
        for (int k = 0; k < ni; k++)
        {
            var inst = indexList[k];
            indexSettings.TryGetValue(inst.Symbol, out var s);
            indexIds[k] = inst.Id;
            indexCalendars[k] = inst.Calendar;
            indexTick[k] = inst.TickSize.Raw;
            indexConstituents[k] = ResolveConstituents(inst, s, tradables, catalog, reader, path);
            indexBase[k] = s?.BaseLevel ?? SyntheticDefaults.IndexLevels.GetValueOrDefault(inst.Symbol, 1000);
            indexLevel[k] = indexBase[k];
            indexYearsPerSecond[k] = 1 / (options.ClassSettings(AssetClass.Stock).TradingHoursPerYear * 3600);
            indexVolCalm[k] = PortfolioVolatility(indexConstituents[k], calmCorrelation, 1);
            indexVolStressed[k] = PortfolioVolatility(indexConstituents[k], stressedCorrelation, stressVolMultiplier);
        }

        // Volatility-index series.
        var vixList = catalog.OfKind(InstrumentKind.Volatility);
        var vixSettings = options.VolatilityIndices.ToDictionary(x => x.Symbol, StringComparer.Ordinal);
        foreach (var s in options.VolatilityIndices)
        {
            if (!catalog.TryGet(s.Symbol, out var inst) || inst.Kind != InstrumentKind.Volatility)
            {
                reader.Error(s.Path ?? path, $"'{s.Symbol}' is not a volatility series of the catalogue");
            }
        }

        int nv = vixList.Count;
        vixIds = new InstrumentId[nv];
        vixCalendars = new TradingCalendar[nv];
        vixCursors = new SessionCursor[nv];
        vixIndex = new int[nv];
        vixCalm = new double[nv];
        vixStressed = new double[nv];
        vixHalfLife = new double[nv];
        vixSensitivity = new double[nv];
        vixLevel = new double[nv];
        vixVariance = new double[nv];
        vixTick = new long[nv];
        for (int k = 0; k < nv; k++)
        {
            var inst = vixList[k];
            var s = vixSettings.GetValueOrDefault(inst.Symbol) ?? new VolatilityIndexSettings { Symbol = inst.Symbol };
            vixIds[k] = inst.Id;
            vixCalendars[k] = inst.Calendar;
            vixTick[k] = inst.TickSize.Raw;
            vixIndex[k] = ResolveVixIndex(s, indexList, reader, path);
            vixCalm[k] = s.CalmLevel;
            vixStressed[k] = s.StressedLevel;
            vixHalfLife[k] = s.HalfLife.TotalSeconds;
            vixSensitivity[k] = s.Sensitivity;
            vixLevel[k] = s.CalmLevel;
            double expected = vixIndex[k] >= 0 ? indexVolCalm[vixIndex[k]] : 0;
            vixVariance[k] = expected * expected;
        }

        var sentimentList = catalog.OfKind(InstrumentKind.Sentiment);
        sentimentIds = sentimentList.Select(x => x.Id).ToArray();
        sentimentCalendars = sentimentList.Select(x => x.Calendar).ToArray();
        sentimentCursors = new SessionCursor[sentimentIds.Length];
        sentimentTick = sentimentList.Select(x => x.TickSize.Raw).ToArray();

        // Policy rates.
        var rateList = catalog.OfKind(InstrumentKind.InterestRate);
        rateIds = rateList.Select(x => x.Id).ToArray();
        rateCalendars = rateList.Select(x => x.Calendar).ToArray();
        rateCursors = new SessionCursor[rateIds.Length];
        rateTick = rateList.Select(x => x.TickSize.Raw).ToArray();
        rateLevel = new double[rateIds.Length];
        rateChanged = new bool[rateIds.Length];
        for (int k = 0; k < rateList.Count; k++)
        {
            var currency = rateList[k].Currency ?? rateList[k].QuoteCurrency;
            if (!options.Rates.Levels.TryGetValue(currency, out rateLevel[k]))
            {
                reader.Error(
                    JsonSectionReader.Join(path, "rates.levels"),
                    $"no policy rate for currency {currency} (series {rateList[k].Symbol}); add \"{currency}\": <decimal fraction>");
            }
        }

        rateStepsPerYear = options.Rates.StepsPerYear;
        rateStepSize = options.Rates.StepSize;
        rateEvery = options.Rates.EveryRounds;

        if (throwOnError)
        {
            reader.ThrowIfAny();
        }

        events = new InputEvent[MaxEventsPerRound];
        seed = options.Seed;
        rng = new Xoshiro256StarStar(options.Seed);
        now = startNanos;
        lastNow = startNanos;
    }

    /// <summary>
    /// Runs the checks that need the catalogue (symbols, currencies, positive definiteness) and records every problem
    /// in <paramref name="reader"/> with its JSON path, so a config loader can report them with its own errors.
    /// </summary>
    /// <returns>True when the options are valid for <paramref name="catalog"/>.</returns>
    public static bool Validate(InstrumentCatalog catalog, SyntheticFeedOptions options, JsonSectionReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        int before = reader.Errors.Count;
        _ = new SyntheticMarket(catalog, options, new SimulatedClock(), 0, reader, throwOnError: false);
        return reader.Errors.Count == before;
    }

    /// <summary>Upper bound of <see cref="EventCount"/>: a quote and a trade per tradable plus one value per reference series.</summary>
    public int MaxEventsPerRound => (2 * n) + indexIds.Length + vixIds.Length + sentimentIds.Length + rateIds.Length;

    /// <summary>Number of tradable instruments modelled.</summary>
    public int TradableCount => n;

    /// <summary>Rounds completed.</summary>
    public long Round => round;

    /// <summary>Rounds completed in the stressed regime.</summary>
    public long StressedRounds => stressedRounds;

    /// <summary>The regime of the last round.</summary>
    public MarketRegime Regime => regime;

    /// <summary>Timestamp (Unix nanoseconds) of the last round's events.</summary>
    public long NowNanoseconds => now;

    /// <summary>Number of events the last round produced.</summary>
    public int EventCount => eventCount;

    /// <summary>The last round's events (valid until the next <see cref="Advance"/>).</summary>
    public ReadOnlySpan<InputEvent> Events => events.AsSpan(0, eventCount);

    /// <summary>The model mid (before tick rounding) of a tradable instrument.</summary>
    /// <exception cref="ArgumentException">Not a tradable instrument of the catalogue.</exception>
    public double MidOf(InstrumentId id) => mid[Slot(id)];

    /// <summary>How many jumps an instrument has had (non-zero only for crypto).</summary>
    /// <exception cref="ArgumentException">Not a tradable instrument of the catalogue.</exception>
    public long JumpCount(InstrumentId id) => jumpCounts[Slot(id)];

    /// <summary>The calm-regime correlation of two tradables, as assembled (and repaired, if so configured).</summary>
    /// <exception cref="ArgumentException">Not a tradable instrument of the catalogue.</exception>
    public double CalmCorrelation(InstrumentId a, InstrumentId b) => calmCorrelation[Slot(a), Slot(b)];

    /// <summary>
    /// Continues the market after a recovered journal instead of starting it over: in simulated time the next round is
    /// the first one after <see cref="FeedResumePoint.LastEventTime"/> (same step grid from the configured start), and
    /// in both time modes every instrument starts from the point's last mid (tradables) or last value (index, volatility,
    /// rate series) rather than from its configured start, so prices carry on where the journal left them. The random
    /// stream is re-seeded from (seed, resume time): the resumed run is as deterministic as a fresh one. The regime
    /// restarts calm. An empty point changes nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">A round has already run.</exception>
    public void ResumeAfter(FeedResumePoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (round != 0)
        {
            throw new InvalidOperationException("The synthetic market can only be resumed before its first round.");
        }

        if (point.IsEmpty)
        {
            return;
        }

        if (timeMode == SyntheticTimeMode.Simulated && point.LastEventTime >= startNanos)
        {
            // The first round strictly after the last journalled event, on the configured step grid.
            round = ((point.LastEventTime - startNanos) / stepNanos) + 1;
        }

        for (int i = 0; i < n; i++)
        {
            double last = point.Mid(ids[i]).ToDouble();
            if (last > 0)
            {
                logMid[i] = Math.Clamp(Math.Log(last), logMin[i], logMax[i]);
                mid[i] = Math.Exp(logMid[i]);
            }
        }

        // Index levels follow their constituents' mids, so the first resumed round does not jump.
        for (int k = 0; k < indexIds.Length; k++)
        {
            var constituents = indexConstituents[k];
            double sum = 0;
            foreach (int slot in constituents)
            {
                sum += mid[slot] * inverseStartMid[slot];
            }

            indexLevel[k] = constituents.Length == 0 ? indexBase[k] : indexBase[k] * sum / constituents.Length;
        }

        for (int k = 0; k < vixIds.Length; k++)
        {
            if (point.LastUpdate(vixIds[k]) != 0)
            {
                vixLevel[k] = point.Last(vixIds[k]).ToDouble();
            }
        }

        for (int k = 0; k < rateIds.Length; k++)
        {
            if (point.LastUpdate(rateIds[k]) != 0)
            {
                rateLevel[k] = point.Last(rateIds[k]).ToDouble();
            }
        }

        rng = new Xoshiro256StarStar(ResumeSeed(seed, point.LastEventTime));
        ResumedAfter = point.LastEventTime;
    }

    /// <summary>The journalled event time the market was resumed after (<see cref="ResumeAfter"/>), 0 when it started fresh.</summary>
    public long ResumedAfter { get; private set; }

    /// <summary>
    /// Runs one round: moves the clock, the regime chain and every open instrument's price, then writes the events
    /// (quote and maybe trade per open tradable, then the reference series) into <see cref="Events"/>.
    /// </summary>
    /// <returns>The number of events written.</returns>
    public int Advance()
    {
        double dt;
        if (timeMode == SyntheticTimeMode.Simulated)
        {
            now = startNanos + (round * stepNanos);
            dt = round == 0 ? 0 : stepSeconds;
        }
        else
        {
            now = clock!.NowNanoseconds;
            dt = round == 0 ? 0 : Math.Clamp((now - lastNow) / NanosPerSecond, 0, stepSeconds);
        }

        lastNow = now;
        eventCount = 0;

        if (regimesEnabled)
        {
            double u = rng.NextDouble();
            if (u < (regime == MarketRegime.Calm ? calmToStressed : stressedToCalm))
            {
                regime = regime == MarketRegime.Calm ? MarketRegime.Stressed : MarketRegime.Calm;
            }
        }

        bool stressed = regime == MarketRegime.Stressed;
        if (stressed)
        {
            stressedRounds++;
        }

        CorrelatedNormals(stressed ? choleskyStressed : choleskyCalm);
        StepTradables(dt, stressed);
        StepReferences(dt, stressed);
        round++;
        return eventCount;
    }

    private void CorrelatedNormals(LowerTriangularProduct lower)
    {
        for (int i = 0; i < n; i++)
        {
            normals[i] = rng.NextNormal();
        }

        // z = L·ε (bit for bit the row-by-row sum; see LowerTriangularProduct).
        lower.Multiply(normals, correlated);
    }

    private void StepTradables(double dt, bool stressed)
    {
        double spreadMultiplier = stressed ? stressSpreadMultiplier : 1;
        if (dt > 0 && (dt != stepDt || stressed != stepStressed))
        {
            StepConstants(dt, stressed);
        }

        for (int i = 0; i < n; i++)
        {
            // Every random number of the round is drawn whether or not the market is open, so the stream of one
            // instrument does not depend on another's calendar.
            ulong sizeBits = rng.NextUInt64();
            ulong tradeBits = rng.NextUInt64();
            double jumpU = 1;
            double jumpZ = 0;
            if (jumps[i])
            {
                jumpU = rng.NextDouble();
                jumpZ = rng.NextNormal();
            }

            if (!calendars[i].IsOpen(now, ref cursors[i]))
            {
                continue;
            }

            if (dt > 0)
            {
                double logReturn = stepDrift[i] + (stepScale[i] * correlated[i]);
                if (jumps[i])
                {
                    logReturn -= stepJumpDrift[i];
                    if (jumpU < stepJumpProbability[i])
                    {
                        logReturn += jumpMean + (jumpStdev * jumpZ);
                        jumpCounts[i]++;
                    }
                }

                double lm = Math.Clamp(logMid[i] + logReturn, logMin[i], logMax[i]);
                logMid[i] = lm;
                mid[i] = Math.Exp(lm);
            }

            WriteQuoteAndTrade(i, spreadMultiplier, sizeBits, tradeBits);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void StepConstants(double dt, bool stressed)
    {
        stepDt = dt;
        stepStressed = stressed;
        double volMultiplier = stressed ? stressVolMultiplier : 1;
        double drift = stressed ? flightDrift : calmDrift;
        double intensity = jumpIntensity * (stressed ? jumpStressMultiplier : 1);
        for (int i = 0; i < n; i++)
        {
            double tau = dt * yearsPerSecond[i];
            double sig = sigma[i] * volMultiplier;
            // Log-Euler step of GBM: exact for constant parameters. Drift: −σ²/2 (martingale price) plus the
            // flight-to-quality drift in stress (+ for safe havens, − for risk assets); the step is
            // drift·τ + σ√τ·z, z the instrument's correlated normal.
            stepDrift[i] = (((direction[i] * drift) - (0.5 * sig * sig))) * tau;
            stepScale[i] = sig * Math.Sqrt(tau);
            double lambdaTau = intensity * tau;
            stepJumpDrift[i] = lambdaTau * jumpCompensator;
            stepJumpProbability[i] = -double.ExpM1(-lambdaTau);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteQuoteAndTrade(int i, double spreadMultiplier, ulong sizeBits, ulong tradeBits)
    {
        double m = mid[i];
        double hs = m * halfSpread[i] * spreadMultiplier;
        double perUnit = ticksPerUnit[i];
        // Bid rounded down and ask up: the quote always contains the model mid and spans at least one tick.
        long bidTicks = (long)Math.Floor((m - hs) * perUnit);
        long askTicks = (long)Math.Ceiling((m + hs) * perUnit);
        if (askTicks <= bidTicks)
        {
            askTicks = bidTicks + 1;
        }

        if (bidTicks < 1)
        {
            bidTicks = 1;
            askTicks = Math.Max(askTicks, 2);
        }

        long tick = tickRaw[i];
        var bid = Price.FromRaw(bidTicks * tick);
        var ask = Price.FromRaw(askTicks * tick);
        double typical = typicalLots[i];
        // Three 21-bit uniforms from one draw: bid size, ask size, trade size factors in [0.5, 1.5).
        const double Unit21 = 1.0 / (1 << 21);
        double bidFactor = 0.5 + ((sizeBits & 0x1F_FFFF) * Unit21);
        double askFactor = 0.5 + (((sizeBits >> 21) & 0x1F_FFFF) * Unit21);
        double tradeFactor = 0.5 + (((sizeBits >> 42) & 0x1F_FFFF) * Unit21);
        ref var quote = ref events[eventCount++];
        quote.SetQuote(ids[i], now, bid, ask, Size(i, typical * bidFactor), Size(i, typical * askFactor), source);

        double tradeU = (tradeBits >> 11) * (1.0 / (1UL << 53));
        if (tradeU < tradeProbability[i])
        {
            bool buyer = (tradeBits & 1) == 0;
            ref var trade = ref events[eventCount++];
            trade.SetTrade(
                ids[i], now, buyer ? ask : bid, Size(i, 0.2 * typical * tradeFactor),
                buyer ? AggressorSide.Buyer : AggressorSide.Seller, source);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Quantity Size(int i, double lots)
    {
        long whole = Math.Clamp((long)(lots + 0.5), 1, maxLots[i]);
        return Quantity.FromRaw(whole * lotRaw[i]);
    }

    private void StepReferences(double dt, bool stressed)
    {
        bool publish = round % referenceEvery == 0;
        for (int k = 0; k < indexIds.Length; k++)
        {
            var constituents = indexConstituents[k];
            double sum = 0;
            for (int c = 0; c < constituents.Length; c++)
            {
                int slot = constituents[c];
                sum += mid[slot] * inverseStartMid[slot];
            }

            double level = constituents.Length == 0 ? indexBase[k] : indexBase[k] * sum / constituents.Length;
            indexReturn[k] = Math.Log(level / indexLevel[k]);
            indexLevel[k] = level;
            if (publish && indexCalendars[k].IsOpen(now, ref indexCursors[k]))
            {
                WriteReference(indexIds[k], level, indexTick[k]);
            }
        }

        for (int k = 0; k < vixIds.Length; k++)
        {
            int idx = vixIndex[k];
            double target = stressed ? vixStressed[k] : vixCalm[k];
            if (dt > 0)
            {
                double decay = Math.Exp(-Math.Log(2) * dt / vixHalfLife[k]);
                if (idx >= 0)
                {
                    double r = indexReturn[idx];
                    // Only rounds in which the index moved carry information about its volatility.
                    if (r != 0)
                    {
                        double tau = dt * indexYearsPerSecond[idx];
                        vixVariance[k] = (decay * vixVariance[k]) + ((1 - decay) * r * r / tau);
                    }

                    double expected = stressed ? indexVolStressed[idx] : indexVolCalm[idx];
                    if (expected > 0)
                    {
                        double ratio = Math.Clamp(Math.Sqrt(vixVariance[k]) / expected, 0.25, 4);
                        target *= Math.Pow(ratio, vixSensitivity[k]);
                    }
                }

                vixLevel[k] = target + (decay * (vixLevel[k] - target));
            }

            if (publish && vixCalendars[k].IsOpen(now, ref vixCursors[k]))
            {
                WriteReference(vixIds[k], vixLevel[k], vixTick[k]);
            }
        }

        if (sentimentIds.Length > 0 && publish)
        {
            // A fear/greed-style gauge in [0, 100]: greedy when the volatility index is low, fearful when high.
            double gauge = vixIds.Length > 0 ? Math.Clamp(100 - (2.5 * (vixLevel[0] - 10)), 0, 100) : (stressed ? 20 : 60);
            for (int k = 0; k < sentimentIds.Length; k++)
            {
                if (sentimentCalendars[k].IsOpen(now, ref sentimentCursors[k]))
                {
                    WriteReference(sentimentIds[k], gauge, sentimentTick[k]);
                }
            }
        }

        bool ratesDue = round % rateEvery == 0;
        double stepProbability = rateStepsPerYear > 0 && dt > 0 ? -double.ExpM1(-rateStepsPerYear * dt / SecondsPerYear) : 0;
        for (int k = 0; k < rateIds.Length; k++)
        {
            if (rateStepsPerYear > 0)
            {
                double u = rng.NextDouble();
                if (u < stepProbability)
                {
                    // Central banks cut in a crisis; in calm times a step goes either way (the lower half of the
                    // hit interval cuts, the upper half hikes), so one draw decides both whether and which way.
                    rateLevel[k] += (stressed || u < 0.5 * stepProbability) ? -rateStepSize : rateStepSize;
                    rateChanged[k] = true;
                }
            }

            if ((ratesDue || rateChanged[k]) && rateCalendars[k].IsOpen(now, ref rateCursors[k]))
            {
                WriteReference(rateIds[k], rateLevel[k], rateTick[k]);
                rateChanged[k] = false;
            }
        }
    }

    // A seed for the resumed stream that depends on both the configured seed and the resume time (golden-ratio step,
    // then SplitMix64 inside the generator): distinct resume points give unrelated streams.
    private static ulong ResumeSeed(ulong seed, long resumeTime) => seed ^ (0x9E3779B97F4A7C15UL * ((ulong)resumeTime | 1));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteReference(InstrumentId id, double value, long tick)
    {
        long ticks = (long)Math.Round(value * Price.Scale / tick, MidpointRounding.AwayFromZero);
        events[eventCount++].SetReference(id, now, Price.FromRaw(ticks * tick), source);
    }

    private int Slot(InstrumentId id)
    {
        int slot = id.Value >= 0 && id.Value < slotOf.Length ? slotOf[id.Value] : -1;
        return slot >= 0 ? slot : throw new ArgumentException($"Instrument #{id.Value} is not a tradable instrument of the catalogue.", nameof(id));
    }

    // Annualised volatility of the equal-weight portfolio of the given slots.
    private double PortfolioVolatility(int[] slots, double[,] correlation, double multiplier)
    {
        if (slots.Length == 0)
        {
            return 0;
        }

        double w = 1.0 / slots.Length;
        double variance = 0;
        foreach (int a in slots)
        {
            foreach (int b in slots)
            {
                variance += w * w * sigma[a] * sigma[b] * correlation[a, b];
            }
        }

        return multiplier * Math.Sqrt(Math.Max(variance, 0));
    }

    // Sets direction[i] = +1 for safe-haven symbols and ±1 for FX pairs against a safe-haven currency (a pair quoted
    // in it falls in a flight to quality, one based on it rises); reports configured entries that match nothing.
    private void ResolveSafeHavens(List<Instrument> tradables, IReadOnlyList<SafeHavenEntry> havens, InstrumentCatalog catalog, JsonSectionReader reader, bool[] symbolHaven)
    {
        foreach (var haven in havens)
        {
            bool matched = false;
            for (int i = 0; i < tradables.Count; i++)
            {
                var t = tradables[i];
                if (string.Equals(t.Symbol, haven.Key, StringComparison.Ordinal))
                {
                    direction[i] = 1;
                    symbolHaven[i] = true;
                    matched = true;
                }
                else if (t.AssetClass == AssetClass.Forex && string.Equals(t.QuoteCurrency, haven.Key, StringComparison.Ordinal))
                {
                    direction[i] -= 1;
                    matched = true;
                }
                else if (t.AssetClass == AssetClass.Forex && string.Equals(t.BaseCurrency, haven.Key, StringComparison.Ordinal))
                {
                    direction[i] += 1;
                    matched = true;
                }
            }

            if (!matched && haven.Path is not null)
            {
                reader.Error(
                    haven.Path,
                    catalog.TryGet(haven.Key, out _)
                        ? $"'{haven.Key}' is a reference series; a safe haven must be a tradable symbol or a currency code"
                        : $"unknown safe haven '{haven.Key}' (neither a tradable symbol nor a currency of an FX pair in the catalogue)");
            }
        }

        // A pair between two safe-haven currencies (CHFJPY) nets to zero; clamp anything larger to a direction.
        for (int i = 0; i < direction.Length; i++)
        {
            direction[i] = Math.Sign(direction[i]);
        }
    }

    private int[] ResolveConstituents(Instrument index, IndexSettings? settings, List<Instrument> tradables, InstrumentCatalog catalog, JsonSectionReader reader, string path)
    {
        var result = new List<int>();
        string at = settings?.Path ?? JsonSectionReader.Join(path, $"indices.{index.Symbol}");
        if (settings?.Constituents is { } symbols)
        {
            for (int c = 0; c < symbols.Count; c++)
            {
                if (catalog.TryGet(symbols[c], out var inst) && inst.IsTradable && slotOf[inst.Id.Value] >= 0)
                {
                    result.Add(slotOf[inst.Id.Value]);
                }
                else
                {
                    reader.Error($"{at}.constituents[{c}]", $"unknown constituent '{symbols[c]}' (not a tradable instrument of the catalogue)");
                }
            }

            return [.. result];
        }

        bool nasdaqStyle = index.Symbol.Contains("NASDAQ", StringComparison.OrdinalIgnoreCase)
            || index.Symbol is "NDX" or "IXIC" or "COMP";
        var sectors = settings?.Sectors ?? (nasdaqStyle ? SyntheticDefaults.NasdaqSectors : null);
        var country = settings?.Country ?? index.Country;
        for (int i = 0; i < tradables.Count; i++)
        {
            var t = tradables[i];
            // Stocks of the index's country, minus the safe havens (bond and gold funds are not index members).
            if (t.AssetClass == AssetClass.Stock && direction[i] <= 0
                && string.Equals(t.Country, country, StringComparison.Ordinal)
                && (sectors is null || sectors.Contains(t.Sector, StringComparer.Ordinal)))
            {
                result.Add(i);
            }
        }

        if (result.Count == 0)
        {
            reader.Error(at, $"index '{index.Symbol}' has no constituents: no tradable {country} stock matches; configure \"constituents\"");
        }

        return [.. result];
    }

    private static int ResolveVixIndex(VolatilityIndexSettings settings, IReadOnlyList<Instrument> indices, JsonSectionReader reader, string path)
    {
        string? wanted = settings.Index ?? (indices.Any(x => x.Symbol == "SPX") ? "SPX" : indices.Count > 0 ? indices[0].Symbol : null);
        if (wanted is null)
        {
            return -1;
        }

        for (int k = 0; k < indices.Count; k++)
        {
            if (string.Equals(indices[k].Symbol, wanted, StringComparison.Ordinal))
            {
                return k;
            }
        }

        reader.Error(JsonSectionReader.Join(settings.Path ?? path, "index"), $"'{wanted}' is not an index series of the catalogue");
        return -1;
    }
}
