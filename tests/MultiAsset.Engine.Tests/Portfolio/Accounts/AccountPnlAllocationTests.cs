using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Portfolio.Accounts;
using MultiAsset.Engine.Tests.Support;
using static MultiAsset.Engine.Tests.Portfolio.Accounts.AccountsTestData;

namespace MultiAsset.Engine.Tests.Portfolio.Accounts;

/// <summary>The per-strategy P&amp;L booking and counters allocate nothing once a strategy has its row.</summary>
public sealed class AccountPnlAllocationTests
{
    private const int Operations = 100_000;

    [Fact]
    public void StrategyFills_AndReports_DoNotAllocate()
    {
        var book = Book("""{ "USD": 1000000, "EUR": 100000 }""", """{ "USD": 1000000 }""");
        foreach (var instrument in Tradable)
        {
            book.OnMark(instrument, P(instrument == EthBtc ? 0.05m : 1.5m), Day0);
        }

        Run(book, 2000); // warm up, and every strategy gets its row
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run(book, Operations);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        AllocationAssert.NonePerOperation(allocated, Operations);
        Assert.Equal(4, book.PnlStrategies(new AccountId(0)).Count);
        Assert.Equal(4, book.PnlStrategies(new AccountId(1)).Count);
    }

    private static void Run(AccountBook book, int count)
    {
        for (int n = 0; n < count; n++)
        {
            var instrument = Tradable[n % Tradable.Length];
            int a = n & 1;

            // Strategies {0, 2, 10, 12} trade in account 0, {1, 3, 11, 13} in account 1; every sixth fill is an operator's.
            var strategy = n % 6 == 5 ? StrategyId.None : new StrategyId(a + (n % 3 == 0 ? 0 : 2) + (n % 5 == 0 ? 10 : 0));
            var side = (n / Tradable.Length % 3) == 0 ? OrderSide.Sell : OrderSide.Buy;
            var price = instrument == EthBtc ? Price.FromRaw(5_000_000 + (n % 100)) : Price.FromRaw(150_000_000 + (n % 1000));
            book.ApplyFill(new AccountId(a), instrument, side, Quantity.FromRaw(100_000_000), price, Money.FromRaw(n % 7), Day0 + ((long)n * 1_000_000_000), strategy);
            book.RecordReport(new AccountId(a), strategy, (n & 2) == 0 ? ExecutionType.Ack : ExecutionType.Cancelled, VenueRejectReason.RiskRefused);
        }
    }
}
