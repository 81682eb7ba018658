using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Risk;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Risk;

/// <summary>Shared fixtures of the risk tests: the shipped catalogue, times when markets are open or shut, order builders.</summary>
internal static class RiskTestSupport
{
    /// <summary>Two test accounts: "alpha" (#0) and "beta" (#1).</summary>
    public static readonly string[] Accounts = ["alpha", "beta"];

    /// <summary>The accounts config/risk.json names, in the order the tests give them ids.</summary>
    public static readonly string[] ShippedAccounts =
        ["default", "crypto-tech", "fx-carry", "cross-asset-arb", "currency-momentum", "crypto-stock-correlation", "safe-haven", "volatility-arb"];

    public static readonly AccountId Alpha = new(0);
    public static readonly AccountId Beta = new(1);

    /// <summary>Monday 2026-03-02 15:00 UTC: NYSE, FX and crypto all open.</summary>
    public static readonly long MondayOpen = Ns(new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero));

    /// <summary>Saturday 2026-03-07 15:00 UTC: only crypto trades.</summary>
    public static readonly long Saturday = Ns(new DateTimeOffset(2026, 3, 7, 15, 0, 0, TimeSpan.Zero));

    public const long Millisecond = 1_000_000;
    public const long Second = 1_000_000_000;

    public static InstrumentCatalog Catalog => RepoFiles.ShippedCatalog;

    public static InstrumentId Id(string symbol) => Catalog.TryResolve(symbol, out var id) ? id : throw new ArgumentException(symbol);

    public static long Ns(DateTimeOffset time) => time.ToUnixTimeMilliseconds() * Millisecond;

    /// <summary>A gate for the two test accounts with limits given as a risk.json document.</summary>
    public static PreTradeRiskGate Gate(string riskJson) => new(Config(riskJson), Catalog);

    public static RiskConfig Config(string riskJson) => RiskConfigReader.Parse(riskJson, "test-risk.json", Catalog, Accounts);

    public static StubRiskView View() => new(ShippedAccounts.Length, Catalog.Count);

    /// <summary>The shipped config/risk.json for <see cref="ShippedAccounts"/>.</summary>
    public static RiskConfig ShippedConfig() => RiskConfigReader.Load(RepoFiles.PathOf(RiskConfigReader.DefaultPath), Catalog, ShippedAccounts, RiskConfigReader.DefaultPath);

    /// <summary>A market order (reference price 0 = none) unless a limit price is given.</summary>
    public static OrderEvent Order(AccountId account, string symbol, OrderSide side, decimal quantity, decimal? limit = null, long orderId = 1) => new()
    {
        Type = limit is null ? OrderType.Market : OrderType.Limit,
        Side = side,
        Account = account,
        Instrument = Id(symbol),
        Strategy = new StrategyId(0),
        Quantity = Quantity.FromDecimal(quantity),
        LimitPrice = limit is { } p ? Price.FromDecimal(p) : Price.Zero,
        OrderId = orderId,
        Timestamp = MondayOpen,
    };

    public static OrderEvent Buy(string symbol, decimal quantity, decimal? limit = null) => Order(Alpha, symbol, OrderSide.Buy, quantity, limit);

    public static OrderEvent Sell(string symbol, decimal quantity, decimal? limit = null) => Order(Alpha, symbol, OrderSide.Sell, quantity, limit);

    /// <summary>Checks a copy of <paramref name="order"/> at <paramref name="now"/> (Monday open by default).</summary>
    public static RiskVerdict Verdict(this PreTradeRiskGate gate, OrderEvent order, double mid, StubRiskView view, long? now = null)
    {
        var copy = order;
        var verdict = gate.Check(ref copy, now ?? MondayOpen, mid, in view);
        Assert.Equal(verdict, copy.RiskVerdict);
        return verdict;
    }
}
