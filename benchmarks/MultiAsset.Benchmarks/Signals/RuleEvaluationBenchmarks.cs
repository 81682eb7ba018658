using BenchmarkDotNet.Attributes;
using MultiAsset.Engine.MarketData;
using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Signals.Rules;

namespace MultiAsset.Benchmarks.Signals;

/// <summary>
/// Execution-rule evaluation, ns per trigger: the seed's first trigger (2 clauses) and a 6-clause trigger, read from
/// fixed values (the evaluator alone) and from the live market analytics (evaluator + indicator reads). Target 0 B.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class RuleEvaluationBenchmarks
{
    private const string Seed = "BTC momentum > 0.05 AND NASDAQ momentum > 0.03";

    private const string SixClauses =
        "BTC momentum > 0.05 AND NASDAQ momentum > 0.03 AND NOT VIX > 30 "
        + "AND (correlation(BTCUSD, QQQ) > 0.6 OR spread(EURUSD) < 0.0002) AND EURUSD return(1d) >= 1.5%";

    private CompiledTrigger seed = null!;
    private CompiledTrigger six = null!;
    private MarketAnalytics analytics = null!;
    private ConstantSource constant;

    [GlobalSetup]
    public void Setup()
    {
        var catalog = InstrumentCatalogLoader.Parse(CatalogJson, "bench");
        var options = new AnalyticsOptions();
        var compiler = new RuleCompiler(catalog, options.TimeframeSeconds);
        seed = compiler.CompileTrigger(Seed);
        six = compiler.CompileTrigger(SixClauses);
        analytics = MarketDataStage.Create(catalog, options).Analytics;
        constant = new ConstantSource(0.5);
    }

    /// <summary>The seed's trigger, every clause true (0.5 against thresholds below it).</summary>
    [Benchmark(Baseline = true)]
    public bool SeedTrigger_FixedValues() => seed.Evaluate(constant);

    /// <summary>The 6-clause trigger, against fixed values.</summary>
    [Benchmark]
    public bool SixClauseTrigger_FixedValues() => six.Evaluate(constant);

    /// <summary>The seed's trigger read from the market analytics.</summary>
    [Benchmark]
    public bool SeedTrigger_Analytics() => seed.Evaluate(analytics);

    /// <summary>The 6-clause trigger read from the market analytics.</summary>
    [Benchmark]
    public bool SixClauseTrigger_Analytics() => six.Evaluate(analytics);

    /// <summary>Returns one value for every indicator; a struct so the evaluator is specialised for it.</summary>
    private readonly struct ConstantSource(double value) : IIndicatorSource
    {
        public double Read(IndicatorKind indicator, InstrumentId instrument, InstrumentId other, int timeframe) => value;
    }

    private const string CatalogJson = """
        {
          "calendars": {
            "NYSE": { "type": "exchange", "timeZone": "America/New_York", "open": "09:30", "close": "16:00", "holidays": [] },
            "FX": { "type": "fx24x5" },
            "CRYPTO": { "type": "always" }
          },
          "instruments": [
            { "symbol": "QQQ", "name": "Invesco QQQ", "assetClass": "STOCK", "quoteCurrency": "USD", "tickSize": 0.01, "lotSize": 1, "minNotional": 1, "sector": "ETF", "country": "US", "calendar": "NYSE" },
            { "symbol": "BTCUSD", "name": "Bitcoin", "assetClass": "CRYPTO", "baseCurrency": "BTC", "quoteCurrency": "USD", "tickSize": 0.01, "lotSize": 0.00001, "minNotional": 10, "sector": "Digital Assets", "country": "Global", "calendar": "CRYPTO" },
            { "symbol": "EURUSD", "name": "Euro", "assetClass": "FOREX", "baseCurrency": "EUR", "quoteCurrency": "USD", "tickSize": 0.00001, "lotSize": 1000, "minNotional": 1000, "sector": "Currency", "country": "EU", "calendar": "FX" },
            { "symbol": "NASDAQ", "name": "Nasdaq Composite", "assetClass": "STOCK", "kind": "index", "quoteCurrency": "USD", "tickSize": 0.01, "sector": "Broad Market", "country": "US", "calendar": "NYSE" },
            { "symbol": "VIX", "name": "Cboe Volatility Index", "assetClass": "STOCK", "kind": "volatility", "quoteCurrency": "USD", "tickSize": 0.01, "sector": "Volatility", "country": "US", "calendar": "NYSE" }
          ]
        }
        """;
}
