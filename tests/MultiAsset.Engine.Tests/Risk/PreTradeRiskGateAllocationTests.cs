using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Risk;
using MultiAsset.Engine.Tests.Support;
using static MultiAsset.Engine.Tests.Risk.RiskTestSupport;

namespace MultiAsset.Engine.Tests.Risk;

public class PreTradeRiskGateAllocationTests
{
    private const int Orders = 100_000;

    [Fact]
    public void Check_AllocatesNothing_OnAcceptAndRejectPaths()
    {
        // Every limit set, so the accepted orders run every check; a throttle and duplicate memory that keep state.
        var gate = new PreTradeRiskGate(ShippedConfig(), Catalog);
        var stub = View().SetEquity(0, 10_000_000).SetCash(0, 10_000_000);
        var view = new StructView(stub);
        var orders = new[]
        {
            Order(new AccountId(0), "AAPL", OrderSide.Buy, 10, limit: 100),
            Order(new AccountId(0), "BTCUSD", OrderSide.Sell, 0.01m),
            Order(new AccountId(1), "EURUSD", OrderSide.Buy, 1000), // FOREX is closed to crypto-tech: MaxAllocation
            Order(new AccountId(0), "AAPL", OrderSide.Buy, 20_000), // MaxQuantity
        };
        var mids = new[] { 100.0, 50_000.0, 1.08, 100.0 };

        long accepted = Run(gate, orders, mids, view, 1_000); // warm up (tiering) before measuring
        Assert.True(accepted > 0);
        var before = GC.GetAllocatedBytesForCurrentThread();
        accepted = Run(gate, orders, mids, view, Orders);
        AllocationAssert.NonePerOperation(GC.GetAllocatedBytesForCurrentThread() - before, Orders);
        Assert.True(accepted > Orders / 4, $"only {accepted} accepted");
        Assert.True(gate.VerdictCount(new AccountId(1), RiskVerdict.MaxAllocation) > 0);
        Assert.True(gate.VerdictCount(new AccountId(0), RiskVerdict.MaxQuantity) > 0);
    }

    private static long Run(PreTradeRiskGate gate, OrderEvent[] orders, double[] mids, StructView view, int count)
    {
        long accepted = 0;
        long now = MondayOpen;
        for (var i = 0; i < count; i++)
        {
            // 100 ms apart: inside the default 20-per-second throttle; the quantity varies so nothing is a duplicate.
            now += 100 * Millisecond;
            var k = i & 3;
            var order = orders[k];
            order.Quantity = Quantity.FromRaw(order.Quantity.Raw * (1 + (i % 7)));
            accepted += gate.Check(ref order, now, mids[k], in view) == RiskVerdict.Accepted ? 1 : 0;
        }

        return accepted;
    }

    /// <summary>The shape production uses: a readonly struct over the book, so the JIT specialises the gate for it.</summary>
    private readonly struct StructView(StubRiskView stub) : IRiskAccountView
    {
        public Quantity Position(AccountId account, InstrumentId instrument) => stub.Position(account, instrument);

        public Quantity WorkingBuy(AccountId account, InstrumentId instrument) => stub.WorkingBuy(account, instrument);

        public Quantity WorkingSell(AccountId account, InstrumentId instrument) => stub.WorkingSell(account, instrument);

        public Money Equity(AccountId account) => stub.Equity(account);

        public Money GrossExposure(AccountId account) => stub.GrossExposure(account);

        public Money ExposureOf(AccountId account, AssetClass assetClass) => stub.ExposureOf(account, assetClass);

        public Money WorkingExposure(AccountId account, AssetClass assetClass) => stub.WorkingExposure(account, assetClass);

        public Money AvailableCash(AccountId account) => stub.AvailableCash(account);

        public Money DailyPnl(AccountId account) => stub.DailyPnl(account);

        public double Drawdown(AccountId account) => stub.Drawdown(account);

        public double Drawdown(AccountId account, AssetClass assetClass) => stub.Drawdown(account, assetClass);

        public Money CostBasis(AccountId account, AssetClass assetClass) => stub.CostBasis(account, assetClass);

        public Money UnrealizedPnl(AccountId account, AssetClass assetClass) => stub.UnrealizedPnl(account, assetClass);

        public bool TryToBase(AccountId account, InstrumentId instrument, Money quoteAmount, out Money baseAmount)
            => stub.TryToBase(account, instrument, quoteAmount, out baseAmount);

        public bool TryGetMark(InstrumentId instrument, out Price mark) => stub.TryGetMark(instrument, out mark);
    }
}
