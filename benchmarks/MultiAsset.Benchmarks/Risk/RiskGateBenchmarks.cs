using BenchmarkDotNet.Attributes;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Risk;
using MultiAsset.Engine.Risk.Strategies;
using MultiAsset.Engine.Signals.Strategies;

namespace MultiAsset.Benchmarks.Risk;

/// <summary>
/// The pre-trade risk gate, one <c>Check</c> per operation: an order that passes every check (all limits configured,
/// throttle and duplicate memory live), one rejected by the last post-trade check (the whole path, then a reject), and
/// one rejected early (order size). The view is a readonly struct, as the production adapter is. Target ≤ 100 ns, 0 B.
/// The VaR budget (risk.json <c>varLimit</c>) adds one O(1) step: <see cref="Accepted_VarBudget"/> is
/// <see cref="Accepted"/> for an account with a budget (estimates refreshed once in setup, the marginal path: the account
/// holds 1 BTC), <see cref="Rejected_VarLimit"/> the same order over a tiny budget. Target for the VaR step ≤ 50 ns, 0 B.
/// </summary>
[Config(typeof(BenchmarkConfig))]
[MemoryDiagnoser]
public class RiskGateBenchmarks
{
    private const long Millisecond = 1_000_000;

    private PreTradeRiskGate gate = null!;
    private PreTradeRiskGate strategyGate = null!;
    private PreTradeRiskGate varGate = null!;
    private FixedView holdingView;
    private OrderEvent varOrder;
    private OrderEvent varTightOrder;
    private OrderEvent strategyOrder;
    private FixedView view;
    private OrderEvent accepted;
    private OrderEvent leveraged;
    private OrderEvent oversized;
    private long now;
    private int sequence;

    [GlobalSetup]
    public void Setup()
    {
        var catalog = InstrumentCatalogLoader.Parse(CatalogJson, "bench");
        var config = RiskConfigReader.Parse(RiskJson, "bench-risk.json", catalog, ["bench", "levered", "var", "var-tight"]);
        gate = new PreTradeRiskGate(config, catalog);
        view = new FixedView(Money.FromDecimal(1_000_000m));
        catalog.TryResolve("BTCUSD", out var btc);
        accepted = new OrderEvent
        {
            Type = OrderType.Limit,
            Side = OrderSide.Buy,
            Account = new AccountId(0),
            Instrument = btc,
            Quantity = Quantity.FromDecimal(0.01m),
            LimitPrice = Price.FromDecimal(60_010m),
        };
        leveraged = accepted;
        leveraged.Account = new AccountId(1);
        oversized = accepted;
        oversized.Quantity = Quantity.FromDecimal(50m);
        now = new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * Millisecond;

        // The same accepted order for a strategy whose document sets CRYPTO maxAllocation, maxLeverage and maxDrawdown.
        var registry = new StrategyRegistry();
        registry.Register(new StrategyId(0), new StrategyDocument
        {
            Id = "bench", Name = "bench", Type = StrategyType.Momentum, AssetClasses = [AssetClass.Crypto], Allocation = [],
            RiskParameters = new CrossAssetRiskConfig
            {
                AssetClassLimits = [new AssetClassRiskLimits { AssetClass = AssetClass.Crypto, MaxAllocation = 40, MaxLeverage = 1, MaxDrawdown = 10 }],
            },
        }, new AccountId(0));
        strategyGate = new PreTradeRiskGate(config, catalog) { Strategies = new StrategyRiskBook(catalog, registry, _ => 0.5) };
        strategyOrder = accepted;
        strategyOrder.Strategy = new StrategyId(0);
        if (Accepted_StrategyLimits() != RiskVerdict.Accepted)
        {
            throw new InvalidOperationException("The strategy-limited benchmark order is not accepted.");
        }

        // The same order for accounts with a VaR budget: BTCUSD in a one-instrument covariance universe, 1 BTC held (so the
        // marginal, not the standalone, path), Σ small enough that the working VaR the accepted orders book never fills
        // the budget however long the run.
        varGate = new PreTradeRiskGate(config, catalog);
        holdingView = new FixedView(Money.FromDecimal(1_000_000m), Quantity.FromDecimal(1m));
        varGate.AttachVar([btc.Value], 60_000 * Millisecond, 1);
        varGate.Var!.Refresh([1e-12], 10, now, in holdingView);
        varOrder = accepted;
        varOrder.Account = config.FindAccount("var");
        varTightOrder = accepted;
        varTightOrder.Account = config.FindAccount("var-tight");
        if (Accepted_VarBudget() != RiskVerdict.Accepted || Rejected_VarLimit() != RiskVerdict.VarLimit)
        {
            throw new InvalidOperationException("The VaR benchmark orders do not get the verdicts they are meant to measure.");
        }

        if (Accepted() != RiskVerdict.Accepted || Rejected_PostTrade() != RiskVerdict.MaxLeverage || Rejected_Early() != RiskVerdict.MaxQuantity)
        {
            throw new InvalidOperationException("The benchmark orders do not get the verdicts they are meant to measure.");
        }
    }

    /// <summary>Passes every check; 100 ms apart (inside the throttle) with quantities cycling so none is a duplicate.</summary>
    [Benchmark(Baseline = true)]
    public RiskVerdict Accepted()
    {
        now += 100 * Millisecond;
        var order = accepted;
        order.Quantity = Quantity.FromRaw(accepted.Quantity.Raw * (1 + (sequence++ & 7)));
        return gate.Check(ref order, now, 60_000.0, in view);
    }

    /// <summary>As <see cref="Accepted"/>, for a strategy whose document limits are checked too (step 9 of the gate).</summary>
    [Benchmark]
    public RiskVerdict Accepted_StrategyLimits()
    {
        now += 100 * Millisecond;
        var order = strategyOrder;
        order.Quantity = Quantity.FromRaw(strategyOrder.Quantity.Raw * (1 + (sequence++ & 7)));
        return strategyGate.Check(ref order, now, 60_000.0, in view);
    }

    /// <summary>As <see cref="Accepted"/>, for an account with a VaR budget (the VaR step runs and books its increment).</summary>
    [Benchmark]
    public RiskVerdict Accepted_VarBudget()
    {
        now += 100 * Millisecond;
        var order = varOrder;
        order.Quantity = Quantity.FromRaw(varOrder.Quantity.Raw * (1 + (sequence++ & 7)));
        return varGate.Check(ref order, now, 60_000.0, in holdingView);
    }

    /// <summary>Runs every check and fails the VaR budget (the last account check).</summary>
    [Benchmark]
    public RiskVerdict Rejected_VarLimit()
    {
        var order = varTightOrder;
        return varGate.Check(ref order, now, 60_000.0, in holdingView);
    }

    /// <summary>Runs every check and fails the last one (account leverage).</summary>
    [Benchmark]
    public RiskVerdict Rejected_PostTrade()
    {
        var order = leveraged;
        return gate.Check(ref order, now, 60_000.0, in view);
    }

    /// <summary>Fails the order-size check (the kill switch, size and lot checks only).</summary>
    [Benchmark]
    public RiskVerdict Rejected_Early()
    {
        var order = oversized;
        return gate.Check(ref order, now, 60_000.0, in view);
    }

    /// <summary>A book with fixed answers: flat (or <c>position</c> in every instrument), 1,000,000 of equity, 100,000 of exposure.</summary>
    private readonly struct FixedView(Money equity, Quantity position = default) : IRiskAccountView
    {
        public Quantity Position(AccountId account, InstrumentId instrument) => position;

        public Quantity WorkingBuy(AccountId account, InstrumentId instrument) => Quantity.Zero;

        public Quantity WorkingSell(AccountId account, InstrumentId instrument) => Quantity.Zero;

        public Money Equity(AccountId account) => equity;

        public Money GrossExposure(AccountId account) => Money.FromRaw(equity.Raw / 10);

        public Money ExposureOf(AccountId account, AssetClass assetClass) => Money.FromRaw(equity.Raw / 30);

        public Money WorkingExposure(AccountId account, AssetClass assetClass) => Money.Zero;

        public Money AvailableCash(AccountId account) => equity;

        public Money DailyPnl(AccountId account) => Money.Zero;

        public double Drawdown(AccountId account) => 0.01;

        public double Drawdown(AccountId account, AssetClass assetClass) => 0.01;

        public Money CostBasis(AccountId account, AssetClass assetClass) => Money.Zero;

        public Money UnrealizedPnl(AccountId account, AssetClass assetClass) => Money.Zero;

        public bool TryToBase(AccountId account, InstrumentId instrument, Money quoteAmount, out Money baseAmount)
        {
            baseAmount = quoteAmount;
            return true;
        }

        public bool TryGetMark(InstrumentId instrument, out Price mark)
        {
            mark = Price.FromDecimal(60_000m);
            return true;
        }
    }

    private const string RiskJson = """
        {
          "global": {
            "maxLeverage": 2, "maxDrawdown": 20, "dailyLossLimit": 50000, "maxOrderNotional": 250000, "cashOnly": true,
            "orderRate": { "maxOrders": 20, "window": "1s" }, "duplicateWindow": "500ms",
            "assetClasses": { "CRYPTO": { "maxAllocation": 40, "maxDrawdown": 25, "maxLeverage": 1, "priceCollar": 0.05, "positionLimit": { "notional": 100000 } } },
            "instruments": { "BTCUSD": { "maxOrderQuantity": 2, "positionLimit": { "quantity": 5 } } }
          },
          "accounts": {
            "levered": { "maxLeverage": 0.1 },
            "var": { "varLimit": { "budget": 10000000000, "confidence": 0.99, "horizon": "1d" } },
            "var-tight": { "varLimit": { "budget": 1, "confidence": 0.99, "horizon": "1d" } }
          }
        }
        """;

    private const string CatalogJson = """
        {
          "calendars": { "CRYPTO": { "type": "always" } },
          "instruments": [
            { "symbol": "BTCUSD", "name": "Bitcoin", "assetClass": "CRYPTO", "baseCurrency": "BTC", "quoteCurrency": "USD", "tickSize": 0.01, "lotSize": 0.00001, "minNotional": 10, "sector": "Digital Assets", "country": "Global", "calendar": "CRYPTO" }
          ]
        }
        """;
}
