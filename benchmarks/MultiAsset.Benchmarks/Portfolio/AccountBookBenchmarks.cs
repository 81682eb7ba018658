using BenchmarkDotNet.Attributes;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Portfolio.Accounts;

namespace MultiAsset.Benchmarks.Portfolio;

/// <summary>
/// The account book on the shipped <c>config/instruments.json</c> (49 instruments, 17 currencies) and
/// <c>config/accounts.json</c> (8 accounts), with every tradable instrument marked and a few positions open in each
/// account. One fill or one mark per operation, each followed by the revaluation it triggers. Hot path: 0 B per
/// operation is the target.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class AccountBookBenchmarks
{
    private const int Operations = 1024;
    private const long Second = 1_000_000_000;

    private AccountBook book = null!;
    private AccountId usdAccount;
    private AccountId fxAccount;
    private InstrumentId aapl;
    private InstrumentId msft;
    private InstrumentId eurUsd;
    private InstrumentId usdJpy;
    private InstrumentId xom;
    private long clock;

    [GlobalSetup]
    public void Setup()
    {
        var root = FindRepositoryRoot();
        var catalog = InstrumentCatalogLoader.Load(Path.Combine(root, InstrumentCatalogLoader.DefaultPath));
        var config = AccountsConfigReader.Load(Path.Combine(root, AccountsConfigReader.DefaultPath), CurrencyTable.FromCatalog(catalog));
        book = new AccountBook(catalog, config);
        clock = new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;
        usdAccount = config.IdOf("default");
        fxAccount = config.IdOf("fx-carry");
        aapl = Id(catalog, "AAPL");
        msft = Id(catalog, "MSFT");
        eurUsd = Id(catalog, "EURUSD");
        usdJpy = Id(catalog, "USDJPY");
        xom = Id(catalog, "XOM");

        foreach (var instrument in catalog.Tradable)
        {
            book.OnMark(instrument.Id, MidOf(instrument), clock);
        }

        // A handful of open positions per account, so revaluation has rows to value.
        string[] holdings = ["AAPL", "MSFT", "NVDA", "EURUSD", "USDJPY", "BTCUSD", "ETHUSD"];
        foreach (var account in config.Accounts)
        {
            foreach (var symbol in holdings)
            {
                var instrument = catalog[Id(catalog, symbol)];
                Check(book.ApplyFill(account.Id, instrument.Id, OrderSide.Buy, instrument.LotSize * 10, MidOf(instrument), Money.Zero, clock));
            }
        }
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "ApplyFill: USD stock, USD account (buy/sell round trips)")]
    public long ApplyFillStock()
    {
        var quantity = Quantity.FromRaw(10 * Quantity.Scale);
        for (int n = 0; n < Operations; n++)
        {
            var side = (n & 1) == 0 ? OrderSide.Buy : OrderSide.Sell;
            book.ApplyFill(usdAccount, aapl, side, quantity, Price.FromRaw(20_000_000_000 + (n & 63)), Money.FromRaw(1_000_000), clock + n);
        }

        return book.FillsApplied;
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "ApplyFill: EURUSD/USDJPY, USD+EUR+JPY account")]
    public long ApplyFillFx()
    {
        var quantity = Quantity.FromRaw(10_000 * Quantity.Scale);
        for (int n = 0; n < Operations; n++)
        {
            var side = (n & 2) == 0 ? OrderSide.Buy : OrderSide.Sell;
            bool euro = (n & 1) == 0;
            var price = euro ? Price.FromRaw(108_000_000 + (n & 63)) : Price.FromRaw(15_000_000_000 + (n & 63));
            book.ApplyFill(fxAccount, euro ? eurUsd : usdJpy, side, quantity, price, Money.Zero, clock + n);
        }

        return book.FillsApplied;
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "OnMark: stock held by all 8 accounts")]
    public long OnMarkHeldStock()
    {
        for (int n = 0; n < Operations; n++)
        {
            book.OnMark((n & 1) == 0 ? aapl : msft, Price.FromRaw(20_000_000_000 + (n & 1023)), clock + n);
        }

        return book.MarksApplied;
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "OnMark: stock held by all 8 accounts, then one account's equity read (revalues it)")]
    public long OnMarkHeldStockThenEquity()
    {
        long sum = 0;
        for (int n = 0; n < Operations; n++)
        {
            book.OnMark((n & 1) == 0 ? aapl : msft, Price.FromRaw(20_000_000_000 + (n & 1023)), clock + n);
            sum += book.Equity(usdAccount).Raw;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "OnMark: EURUSD (FX rate: flags 8 accounts)")]
    public long OnMarkFxRate()
    {
        for (int n = 0; n < Operations; n++)
        {
            book.OnMark(eurUsd, Price.FromRaw(108_000_000 + (n & 1023)), clock + n);
        }

        return book.MarksApplied;
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "OnMark: stock no account holds")]
    public long OnMarkUnheld()
    {
        for (int n = 0; n < Operations; n++)
        {
            book.OnMark(xom, Price.FromRaw(11_000_000_000 + (n & 1023)), clock + n);
        }

        return book.MarksApplied;
    }

    /// <summary>Guards the measurement: nothing may have been refused.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        if (book.FillsRejected != 0 || book.MarksRejected != 0)
        {
            throw new InvalidOperationException($"benchmark events were refused: {book.FillsRejected} fills, {book.MarksRejected} marks");
        }
    }

    // Plausible mids by asset class so notionals stay far from the fixed-point bounds.
    private static Price MidOf(Instrument instrument) => instrument.AssetClass switch
    {
        AssetClass.Forex => Price.FromDecimal(instrument.QuoteCurrency == "JPY" ? 150m : 1.1m),
        AssetClass.Crypto => Price.FromDecimal(instrument.QuoteCurrency == "USD" ? 1000m : 0.05m),
        _ => Price.FromDecimal(200m),
    };

    private static InstrumentId Id(InstrumentCatalog catalog, string symbol)
        => catalog.TryResolve(symbol, out var id) ? id : throw new InvalidOperationException($"{symbol} is not in the catalogue");

    private static void Check(AccountUpdateResult result)
    {
        if (result != AccountUpdateResult.Applied)
        {
            throw new InvalidOperationException($"setup fill refused: {result}");
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MultiAsset.Engine.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"MultiAsset.Engine.sln not found above {AppContext.BaseDirectory}");
    }
}
