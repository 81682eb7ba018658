using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Risk;
using MultiAsset.Engine.Risk.Strategies;
using MultiAsset.Engine.Tests.Support;
using static MultiAsset.Engine.Tests.Risk.RiskTestSupport;
using static MultiAsset.Engine.Tests.Risk.Strategies.StrategyRiskSupport;

namespace MultiAsset.Engine.Tests.Risk.Strategies;

public class StrategyRiskAllocationTests
{
    private const int Orders = 100_000;

    [Fact]
    public void Check_WithStrategyLimits_AllocatesNothing()
    {
        var book = Book("""{ "STOCK": { "maxAllocation": 10, "maxLeverage": 0.5, "maxDrawdown": 5 }, "CRYPTO": { "maxAllocation": 1 } }""");
        var gate = Gate(book);
        var stub = View().SetMark(Id("AAPL"), 100).SetMark(Id("BTCUSD"), 50_000);
        var view = new StructView(stub);
        book.OnExecution(Limited, Id("AAPL"), Fill(OrderSide.Buy, 10, 100)); // unobserved yet: ignored
        var orders = new[]
        {
            Buy("AAPL", 10, limit: 100).For(Limited),
            Buy("BTCUSD", 0.5m).For(Limited), // 25,000 > 1 % of 500,000: StrategyMaxAllocation
            Buy("AAPL", 10, limit: 100).For(Free),
            Sell("AAPL", 5, limit: 100).For(Limited),
        };
        var mids = new[] { 100.0, 50_000.0, 100.0, 100.0 };

        long accepted = Run(gate, book, orders, mids, view, 1_000);
        Assert.True(accepted > 0);
        var before = GC.GetAllocatedBytesForCurrentThread();
        accepted = Run(gate, book, orders, mids, view, Orders);
        AllocationAssert.NonePerOperation(GC.GetAllocatedBytesForCurrentThread() - before, Orders);
        Assert.True(accepted > Orders / 4, $"only {accepted} accepted");
        Assert.True(book.VerdictCount(book.SlotOf(Limited), RiskVerdict.StrategyMaxAllocation) > 0);
    }

    private static long Run(PreTradeRiskGate gate, StrategyRiskBook book, OrderEvent[] orders, double[] mids, StructView view, int count)
    {
        long accepted = 0;
        long now = MondayOpen;
        for (var i = 0; i < count; i++)
        {
            now += 100 * Millisecond;
            var k = i & 3;
            var order = orders[k];
            order.Quantity = Quantity.FromRaw(order.Quantity.Raw * (1 + (i % 7)));
            var verdict = gate.Check(ref order, now, mids[k], in view);
            accepted += verdict == RiskVerdict.Accepted ? 1 : 0;
            if (verdict == RiskVerdict.Accepted)
            {
                // Fill it at once, as the router would report: the strategy's position moves (and goes back and forth).
                var report = Fill(order.Side, order.Quantity.ToDecimal(), (decimal)mids[k]);
                book.OnExecution(order.Strategy, order.Instrument, in report);
            }

            book.OnTime(now, in view);
        }

        return accepted;
    }

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
