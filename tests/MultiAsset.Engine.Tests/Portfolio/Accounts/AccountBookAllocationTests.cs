using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Tests.Support;
using static MultiAsset.Engine.Tests.Portfolio.Accounts.AccountsTestData;

namespace MultiAsset.Engine.Tests.Portfolio.Accounts;

/// <summary>The per-event methods allocate nothing, including the multi-currency and cross-pair paths.</summary>
public class AccountBookAllocationTests
{
    private const int Operations = 100_000;

    [Fact]
    public void ApplyFill_And_Reservations_DoNotAllocate()
    {
        var book = Book("""{ "USD": 1000000, "EUR": 100000 }""", """{ "USD": 1000000 }""");
        foreach (var instrument in Tradable)
        {
            book.OnMark(instrument, P(instrument == EthBtc ? 0.05m : 1.5m), Day0);
        }

        var instruments = Tradable;
        Run(book, instruments, 2000); // warm up: JIT and tiering
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run(book, instruments, Operations);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        AllocationAssert.NonePerOperation(allocated, Operations);
        Assert.True(book.FillsApplied > Operations);
    }

    [Fact]
    public void OnMark_DoesNotAllocate()
    {
        var book = Book("""{ "USD": 1000000, "EUR": 100000, "JPY": 1000000 }""", """{ "USD": 1000000 }""");
        foreach (var instrument in Tradable)
        {
            book.OnMark(instrument, P(instrument == EthBtc ? 0.05m : 1.5m), Day0);
            book.ApplyFill(new AccountId(0), instrument, OrderSide.Buy, Q(1), P(instrument == EthBtc ? 0.05m : 1.5m), Money.Zero, Day0);
        }

        Marks(book, 2000);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Marks(book, Operations);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        AllocationAssert.NonePerOperation(allocated, Operations);
        Assert.True(book.MarksApplied > Operations);
    }

    private static void Run(Engine.Portfolio.Accounts.AccountBook book, InstrumentId[] instruments, int count)
    {
        for (int n = 0; n < count; n++)
        {
            var instrument = instruments[n % instruments.Length];
            var account = new AccountId(n & 1);
            var side = (n / instruments.Length % 3) == 0 ? OrderSide.Sell : OrderSide.Buy;
            var price = instrument == EthBtc ? Price.FromRaw(5_000_000 + (n % 100)) : Price.FromRaw(150_000_000 + (n % 1000));
            book.ApplyFill(account, instrument, side, Quantity.FromRaw(100_000_000), price, Money.FromRaw(n % 7), Day0 + ((long)n * 1_000_000_000));
            book.ReserveOrder(account, instrument, side, Quantity.FromRaw(100_000_000), price);
            book.ReleaseOrder(account, instrument, side, Quantity.FromRaw(100_000_000), price);
        }
    }

    private static void Marks(Engine.Portfolio.Accounts.AccountBook book, int count)
    {
        for (int n = 0; n < count; n++)
        {
            var instrument = Tradable[n % Tradable.Length];
            var price = instrument == EthBtc ? Price.FromRaw(5_000_000 + (n % 100)) : Price.FromRaw(150_000_000 + (n % 1000));
            book.OnMark(instrument, price, Day0 + ((long)n * 1_000_000_000));
        }
    }
}
