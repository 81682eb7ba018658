using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Portfolio.Accounts;
using static MultiAsset.Engine.Tests.Portfolio.Accounts.AccountsTestData;

namespace MultiAsset.Engine.Tests.Portfolio.Accounts;

/// <summary>What a random stream does next.</summary>
internal enum StreamOpKind
{
    Fill,
    Mark,
    Reserve,
    Release,
}

/// <summary>One step of a random stream of account events.</summary>
internal readonly record struct StreamOp(
    StreamOpKind Kind, AccountId Account, InstrumentId Instrument, OrderSide Side, Quantity Quantity, Price Price, Money Fee, long Timestamp)
{
    public void ApplyTo(AccountBook book)
    {
        switch (Kind)
        {
            case StreamOpKind.Fill:
                Assert.Equal(AccountUpdateResult.Applied, book.ApplyFill(Account, Instrument, Side, Quantity, Price, Fee, Timestamp));
                break;
            case StreamOpKind.Mark:
                Assert.True(book.OnMark(Instrument, Price, Timestamp));
                break;
            case StreamOpKind.Reserve:
                Assert.Equal(AccountUpdateResult.Applied, book.ReserveOrder(Account, Instrument, Side, Quantity, Price));
                break;
            default:
                Assert.Equal(AccountUpdateResult.Applied, book.ReleaseOrder(Account, Instrument, Side, Quantity, Price));
                break;
        }
    }
}

/// <summary>
/// Random but realistic event streams over <see cref="AccountsTestData.Catalog"/>: prices, lots and fees of the right
/// magnitude and precision for each instrument, timestamps that advance over a few days (with some out of order).
/// </summary>
internal sealed class AccountStream
{
    private readonly Random random;
    private long clock = Day0;

    public AccountStream(int seed) => random = new Random(seed);

    /// <summary>Marks for every tradable instrument, so that every balance and position can be valued.</summary>
    public IEnumerable<StreamOp> MarkAll(IReadOnlyList<InstrumentId> instruments)
        => instruments.Select(i => new StreamOp(StreamOpKind.Mark, default, i, OrderSide.None, default, PriceOf(i), default, clock));

    /// <summary>Random operations on the given accounts and instruments.</summary>
    public List<StreamOp> Next(int count, int accounts, IReadOnlyList<InstrumentId> instruments, bool withReservations)
    {
        var ops = new List<StreamOp>(count);
        for (int n = 0; n < count; n++)
        {
            clock += random.Next(10) == 0 ? AccountBook.NanosecondsPerDay / 3 : random.Next(1, 1_000_000);
            long time = random.Next(20) == 0 ? clock - AccountBook.NanosecondsPerDay : clock; // occasionally late
            var instrument = instruments[random.Next(instruments.Count)];
            var account = new AccountId(random.Next(accounts));
            var side = random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
            var kind = random.Next(withReservations ? 10 : 7) switch
            {
                < 4 => StreamOpKind.Fill,
                < 7 => StreamOpKind.Mark,
                < 9 => StreamOpKind.Reserve,
                _ => StreamOpKind.Release,
            };
            ops.Add(new StreamOp(kind, account, instrument, side, QuantityOf(instrument), PriceOf(instrument), FeeOf(instrument), time));
        }

        return ops;
    }

    private Price PriceOf(InstrumentId instrument)
    {
        var (low, high, decimals) = instrument.Value switch
        {
            0 or 1 => (1m, 1000m, 2),
            2 => (100m, 10_000m, 0),
            3 => (0.9m, 1.3m, 5),
            4 => (100m, 170m, 3),
            5 => (20_000m, 100_000m, 2),
            6 => (120m, 180m, 3),
            _ => (0.01m, 0.1m, 5),
        };
        return Price.FromDecimal(Math.Round(low + ((high - low) * (decimal)random.NextDouble()), decimals));
    }

    private Quantity QuantityOf(InstrumentId instrument)
    {
        var (low, high, decimals) = instrument.Value switch
        {
            0 or 1 or 2 => (1m, 500m, 0),
            3 or 4 or 6 => (1000m, 100_000m, 0),
            5 => (0.00001m, 2m, 5),
            _ => (0.0001m, 20m, 4),
        };
        return Quantity.FromDecimal(Math.Max(low, Math.Round(low + ((high - low) * (decimal)random.NextDouble()), decimals)));
    }

    private Money FeeOf(InstrumentId instrument)
        => instrument.Value == 7
            ? Money.FromDecimal(Math.Round((decimal)random.NextDouble() * 0.0001m, 8))
            : Money.FromDecimal(Math.Round((decimal)random.NextDouble() * 5m, 2));
}
