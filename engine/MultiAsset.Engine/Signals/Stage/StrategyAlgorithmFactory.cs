using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Signals.Strategies;
using MultiAsset.Engine.Signals.StrategyTypes;

namespace MultiAsset.Engine.Signals.Stage;

/// <summary>
/// Builds the algorithms a strategy document asks for, from its <c>type</c>, <c>instruments</c> and
/// <c>parameters</c> (documented in docs/strategies.md). A document with nothing for its type to work on (the seed's
/// examples list no instruments) runs its execution rules only.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Momentum: one time-series momentum per tradable instrument; <c>lookback</c> (bars, or "20 daily bars"),
/// <c>timeframe</c>, <c>volatilityTarget</c> (annualised, converted per bar with a 365-day year),
/// <c>maxPosition</c>, <c>rebalanceThreshold</c>.</item>
/// <item>MeanReversion: one z-score band per tradable instrument; <c>window</c>, <c>entryZ</c>, <c>exitZ</c>, <c>timeframe</c>.</item>
/// <item>Pairs: <c>pairs</c> [[A, B]] (or the two instruments); <c>window</c>, <c>entryZ</c>, <c>exitZ</c>, <c>stopZ</c>.</item>
/// <item>Correlation: <c>pairs</c> [[leader, follower]]; <c>window</c>, <c>minCorrelation</c>, <c>gapLookback</c>,
/// <c>entryK</c>, <c>exitK</c>.</item>
/// <item>Arbitrage: every currency triangle among the instruments (XY, YZ, XZ); <c>feeBps</c>, <c>minEdgeBps</c>,
/// <c>quantity</c> (per round trip, base currency of the first leg, rounded up to whole lots), <c>cooldownSeconds</c>,
/// <c>maxHoldingPeriod</c> (see <see cref="TriangleAlgorithm"/>).</item>
/// <item>SmaCross: one reference SMA crossover per tradable instrument; <c>fast</c>, <c>slow</c> (bars, 1 ≤ fast &lt; slow),
/// <c>quantity</c> (units, whole lots of every instrument), all required; <c>timeframe</c> (default: the smallest
/// configured). See <see cref="SmaCrossStrategy"/>.</item>
/// </list>
/// </remarks>
public static class StrategyAlgorithmFactory
{
    /// <summary>How long an arbitrage round trip is held at most before it is unwound (parameter <c>maxHoldingPeriod</c>).</summary>
    public static readonly TimeSpan DefaultMaxHoldingPeriod = TimeSpan.FromHours(1);

    private const double SecondsPerYear = 365.0 * 86_400;

    /// <summary>Creates the algorithms of <paramref name="document"/>.</summary>
    /// <exception cref="ConfigurationException">A parameter is malformed or out of range (every problem listed, with its path).</exception>
    public static IReadOnlyList<IStrategyAlgorithm> Create(StrategyDocument document, InstrumentCatalog catalog, IReadOnlyList<int> timeframeSeconds, string source)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(timeframeSeconds);
        var errors = new JsonSectionReader(source);
        var reader = new StrategyParameterReader(document.Parameters, errors);
        var instruments = new List<Instrument>();
        foreach (var symbol in document.Instruments)
        {
            if (catalog.TryGet(symbol, out var instrument) && instrument.IsTradable)
            {
                instruments.Add(instrument);
            }
        }

        var algorithms = new List<IStrategyAlgorithm>();
        try
        {
            switch (document.Type)
            {
                case StrategyType.Momentum:
                    AddMomentum(reader, instruments, catalog, timeframeSeconds, algorithms);
                    break;
                case StrategyType.MeanReversion:
                    AddMeanReversion(reader, instruments, catalog, timeframeSeconds, algorithms);
                    break;
                case StrategyType.Pairs:
                    AddPairs(reader, instruments, catalog, timeframeSeconds, algorithms);
                    break;
                case StrategyType.Correlation:
                    AddCorrelation(reader, catalog, timeframeSeconds, algorithms);
                    break;
                case StrategyType.Arbitrage:
                    AddTriangles(reader, instruments, algorithms);
                    break;
                case StrategyType.SmaCross:
                    AddSmaCross(reader, instruments, catalog, timeframeSeconds, algorithms);
                    break;
            }
        }
        catch (ArgumentException e)
        {
            // The algorithms' own parameter checks: report them like any other document error.
            errors.Error("parameters", e.Message);
        }

        errors.ThrowIfAny();
        return algorithms;
    }

    private static void AddMomentum(StrategyParameterReader reader, List<Instrument> instruments, InstrumentCatalog catalog, IReadOnlyList<int> timeframes, List<IStrategyAlgorithm> algorithms)
    {
        var timeframeName = "1h";
        var lookback = reader.Lookback("lookback", 20, ref timeframeName);
        var timeframe = reader.Has("timeframe") ? reader.Timeframe("timeframe", timeframeName, timeframes) : reader.ResolveTimeframe(timeframeName, "parameters.lookback", timeframes);
        var annualTarget = reader.Number("volatilityTarget", 0.10);
        var perBar = annualTarget * Math.Sqrt(timeframes[timeframe] / SecondsPerYear);
        var parameters = new MomentumParameters(lookback, perBar, reader.Number("ewmaLambda", 0.94), reader.Number("maxPosition", 1.0), reader.Number("rebalanceThreshold", 0.1));
        if (instruments.Count > 0 && reader.Errors.Errors.Count == 0)
        {
            algorithms.Add(new PerInstrumentBarAlgorithm([.. instruments.Select(i => i.Id)], timeframe, catalog.Count, id => new MomentumStrategy(id, parameters)));
        }
    }

    private static void AddSmaCross(StrategyParameterReader reader, List<Instrument> instruments, InstrumentCatalog catalog, IReadOnlyList<int> timeframes, List<IStrategyAlgorithm> algorithms)
    {
        var timeframe = reader.Has("timeframe") ? reader.Timeframe("timeframe", "1m", timeframes) : Smallest(timeframes);
        var fast = reader.RequiredCount("fast", 1);
        var slow = reader.RequiredCount("slow", 2);
        var quantity = reader.RequiredQuantity("quantity");
        if (fast is { } f && slow is { } s && f >= s)
        {
            reader.Errors.Error("parameters.fast", $"fast ({f}) must be less than slow ({s})");
        }

        if (quantity is { } q)
        {
            foreach (var instrument in instruments)
            {
                if (instrument.LotSize.Raw > 0 && q.Raw % instrument.LotSize.Raw != 0)
                {
                    reader.Errors.Error("parameters.quantity", $"{q} is not a whole number of {instrument.Symbol} lots (lot size {instrument.LotSize})");
                }
            }
        }

        if (instruments.Count == 0)
        {
            reader.Errors.Error("instruments", "SmaCross needs at least one tradable instrument");
        }

        if (reader.Errors.Errors.Count == 0)
        {
            var parameters = new SmaCrossParameters(fast!.Value, slow!.Value, quantity!.Value);
            algorithms.Add(new SmaCrossAlgorithm([.. instruments.Select(i => i.Id)], timeframe, catalog.Count, parameters));
        }
    }

    /// <summary>Index of the smallest configured timeframe.</summary>
    private static int Smallest(IReadOnlyList<int> timeframes)
    {
        var best = 0;
        for (var i = 1; i < timeframes.Count; i++)
        {
            if (timeframes[i] < timeframes[best])
            {
                best = i;
            }
        }

        return best;
    }

    private static void AddMeanReversion(StrategyParameterReader reader, List<Instrument> instruments, InstrumentCatalog catalog, IReadOnlyList<int> timeframes, List<IStrategyAlgorithm> algorithms)
    {
        var timeframe = reader.Timeframe("timeframe", "1m", timeframes);
        var parameters = new MeanReversionParameters(reader.Count("window", 20), reader.Number("entryZ", 2.0), reader.Number("exitZ", 0.5), reader.Number("positionSize", 1.0));
        if (instruments.Count > 0 && reader.Errors.Errors.Count == 0)
        {
            algorithms.Add(new PerInstrumentBarAlgorithm([.. instruments.Select(i => i.Id)], timeframe, catalog.Count, id => new MeanReversionStrategy(id, parameters)));
        }
    }

    private static void AddPairs(StrategyParameterReader reader, List<Instrument> instruments, InstrumentCatalog catalog, IReadOnlyList<int> timeframes, List<IStrategyAlgorithm> algorithms)
    {
        var timeframe = reader.Timeframe("timeframe", "1m", timeframes);
        var parameters = new PairsParameters(reader.Count("window", 60), reader.Number("entryZ", 2.0), reader.Number("exitZ", 0.5), reader.Number("stopZ", 4.0), reader.Number("positionSize", 1.0));
        var pairs = reader.Pairs("pairs");
        if (pairs.Count == 0 && instruments.Count == 2)
        {
            pairs = [(instruments[0].Symbol, instruments[1].Symbol)];
        }

        foreach (var (a, b) in Resolve(reader, pairs, catalog))
        {
            algorithms.Add(new PairBarAlgorithm(a, b, timeframe, new PairsStrategy(a, b, parameters)));
        }
    }

    private static void AddCorrelation(StrategyParameterReader reader, InstrumentCatalog catalog, IReadOnlyList<int> timeframes, List<IStrategyAlgorithm> algorithms)
    {
        var timeframe = reader.Timeframe("timeframe", "1m", timeframes);
        var parameters = new CorrelationParameters(
            reader.Count("window", 60), reader.Number("minCorrelation", 0.6), reader.Count("gapLookback", 5), reader.Number("entryK", 2.0), reader.Number("exitK", 0.5), reader.Number("positionSize", 1.0));
        foreach (var (a, b) in Resolve(reader, reader.Pairs("pairs"), catalog))
        {
            algorithms.Add(new PairBarAlgorithm(a, b, timeframe, new CorrelationStrategy(a, b, parameters)));
        }
    }

    private static void AddTriangles(StrategyParameterReader reader, List<Instrument> instruments, List<IStrategyAlgorithm> algorithms)
    {
        var feeBps = reader.Number("feeBps", 1.0);
        var minEdgeBps = reader.Number("minEdgeBps", 0.0);
        var quantity = reader.Number("quantity", 1.0);
        var cooldownSeconds = reader.Number("cooldownSeconds", 60);
        var maxHold = reader.Duration("maxHoldingPeriod", DefaultMaxHoldingPeriod);
        if (quantity <= 0 || !Quantity.TryFromDouble(quantity, out var wanted) || wanted.Raw <= 0)
        {
            reader.Errors.Error("parameters.quantity", "must be a positive quantity");
            return;
        }

        var pairs = instruments.Where(i => i.AssetClass != AssetClass.Stock && i.BaseCurrency.Length > 0 && i.BaseCurrency != i.QuoteCurrency).ToList();
        foreach (var xy in pairs)
        {
            foreach (var yz in pairs)
            {
                if (yz.BaseCurrency != xy.QuoteCurrency || yz == xy)
                {
                    continue;
                }

                var xz = pairs.FirstOrDefault(i => i.BaseCurrency == xy.BaseCurrency && i.QuoteCurrency == yz.QuoteCurrency && i != xy && i != yz);
                if (xz is not null)
                {
                    // The round trip's X quantity, rounded up to a whole lot of both X legs (lots are powers of ten, so the larger is a multiple of the smaller).
                    var lot = Math.Max(Math.Max(xy.LotSize.Raw, xz.LotSize.Raw), 1);
                    var raw = (wanted.Raw + lot - 1) / lot * lot;
                    var parameters = new ArbitrageParameters(feeBps, minEdgeBps, Quantity.FromRaw(raw).ToDouble());
                    algorithms.Add(new TriangleAlgorithm(xy.Id, yz.Id, xz.Id, parameters, (long)(cooldownSeconds * 1e9), (long)maxHold.TotalNanoseconds, Math.Max(yz.LotSize.ToDouble(), 1e-8)));
                }
            }
        }
    }

    private static List<(InstrumentId A, InstrumentId B)> Resolve(StrategyParameterReader reader, IReadOnlyList<(string A, string B)> pairs, InstrumentCatalog catalog)
    {
        var resolved = new List<(InstrumentId, InstrumentId)>();
        for (var i = 0; i < pairs.Count; i++)
        {
            if (!catalog.TryGet(pairs[i].A, out var a) || !catalog.TryGet(pairs[i].B, out var b) || !a.IsTradable || !b.IsTradable || a == b)
            {
                reader.Errors.Error($"parameters.pairs[{i}]", $"[{pairs[i].A}, {pairs[i].B}] must name two different tradable instruments of the catalogue");
                continue;
            }

            resolved.Add((a.Id, b.Id));
        }

        return resolved;
    }
}
