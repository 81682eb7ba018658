using BenchmarkDotNet.Attributes;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Risk;

namespace MultiAsset.Benchmarks.Risk;

/// <summary>
/// One refresh of the VaR estimates (<see cref="VarBudget.Refresh{TView}"/>, what the risk stage does at most once a
/// second of event time or per covariance observation): the shipped catalogue and its 13-instrument covariance universe,
/// every one of the 8 shipped accounts with a budget and a position in every instrument. Per refresh: the coverage scan
/// over the catalogue, n² for Σe, working orders. The engine pays it about once a second, so its share of engine time is
/// this figure ÷ 1 s. 0 B.
/// </summary>
[Config(typeof(BenchmarkConfig))]
[MemoryDiagnoser]
public class VarRefreshBenchmarks
{
    private static readonly string[] Accounts =
        ["default", "crypto-tech", "fx-carry", "cross-asset-arb", "currency-momentum", "crypto-stock-correlation", "safe-haven", "volatility-arb"];

    private static readonly string[] Universe = ["SPY", "QQQ", "TLT", "GLD", "AAPL", "NVDA", "EURUSD", "USDJPY", "GBPUSD", "AUDUSD", "BTCUSD", "ETHUSD", "SOLUSD"];

    private VarBudget budget = null!;
    private double[] sigma = null!;
    private UniverseView view;
    private long now;

    [GlobalSetup]
    public void Setup()
    {
        var catalog = InstrumentCatalogLoader.Load(RepoFiles.PathOf("config/instruments.json"));
        var json = "{ \"global\": { \"varLimit\": { \"budget\": 1000000 } } }";
        var config = RiskConfigReader.Parse(json, "bench-risk.json", catalog, Accounts);
        var ids = Universe.Select(s => catalog.TryResolve(s, out var id) ? id.Value : throw new InvalidOperationException(s)).ToArray();
        var gate = new PreTradeRiskGate(config, catalog);
        budget = gate.AttachVar(ids, 60_000_000_000, 17)!;
        int n = ids.Length;
        sigma = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                sigma[(i * n) + j] = i == j ? 1e-5 : 3e-6; // a valid (diagonally dominant) covariance
            }
        }

        var inUniverse = new bool[catalog.Count];
        foreach (var id in ids)
        {
            inUniverse[id] = true;
        }

        view = new UniverseView(inUniverse);
        now = new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;
        Refresh();
        if (budget.Estimate(new AccountId(0)).Status != VarStatus.Estimated || !(budget.Estimate(new AccountId(0)).ValueAtRisk > 0))
        {
            throw new InvalidOperationException("The refresh benchmark does not estimate what it is meant to.");
        }
    }

    /// <summary>One full refresh of all 8 accounts.</summary>
    [Benchmark]
    public long Refresh()
    {
        now += 1_000_000_000;
        budget.Refresh(sigma, 100, now, in view);
        return budget.Refreshes;
    }

    /// <summary>Long 10 units of every universe instrument (none elsewhere), one working buy of 1 each, mark 100, FX 1.</summary>
    private readonly struct UniverseView(bool[] inUniverse) : IRiskAccountView
    {
        public Quantity Position(AccountId account, InstrumentId instrument) => inUniverse[instrument.Value] ? Quantity.FromRaw(10 * FixedPoint.Scale) : Quantity.Zero;

        public Quantity WorkingBuy(AccountId account, InstrumentId instrument) => inUniverse[instrument.Value] ? Quantity.FromRaw(FixedPoint.Scale) : Quantity.Zero;

        public Quantity WorkingSell(AccountId account, InstrumentId instrument) => Quantity.Zero;

        public Money Equity(AccountId account) => Money.FromRaw(1_000_000 * FixedPoint.Scale);

        public Money GrossExposure(AccountId account) => Money.Zero;

        public Money ExposureOf(AccountId account, AssetClass assetClass) => Money.Zero;

        public Money WorkingExposure(AccountId account, AssetClass assetClass) => Money.Zero;

        public Money AvailableCash(AccountId account) => Money.Zero;

        public Money DailyPnl(AccountId account) => Money.Zero;

        public double Drawdown(AccountId account) => 0;

        public double Drawdown(AccountId account, AssetClass assetClass) => 0;

        public Money CostBasis(AccountId account, AssetClass assetClass) => Money.Zero;

        public Money UnrealizedPnl(AccountId account, AssetClass assetClass) => Money.Zero;

        public bool TryToBase(AccountId account, InstrumentId instrument, Money quoteAmount, out Money baseAmount)
        {
            baseAmount = quoteAmount;
            return true;
        }

        public bool TryGetMark(InstrumentId instrument, out Price mark)
        {
            mark = Price.FromRaw(100 * FixedPoint.Scale);
            return true;
        }
    }
}
