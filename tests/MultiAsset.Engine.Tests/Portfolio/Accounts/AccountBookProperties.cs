using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Portfolio.Accounts;
using static MultiAsset.Engine.Tests.Portfolio.Accounts.AccountsTestData;

namespace MultiAsset.Engine.Tests.Portfolio.Accounts;

/// <summary>
/// Invariants of the account book over random fill streams across several accounts: exact reconciliation of
/// positions and cash with the fills, strict isolation between accounts, and P&amp;L that explains equity.
/// </summary>
public class AccountBookProperties
{
    private const string ThreeAccounts = """{ "USD": 1000000, "EUR": 50000 }""";

    [Property(MaxTest = 60)]
    public Property PositionsAndCash_ReconcileWithTheFillsToTheUnit(int seed, byte length)
    {
        var book = Book(ThreeAccounts, """{ "USD": 250000.5 }""", """{ "JPY": 9000000, "BTC": 1.5 }""");
        var initial = Enumerable.Range(0, 3).Select(a => Currencies.Codes.Select((_, c) => book.Cash(new AccountId(a), new CurrencyId(c)).ToDecimal()).ToArray()).ToArray();
        var ops = new AccountStream(seed).Next(20 + length, 3, Tradable, withReservations: true);
        var positions = new decimal[3, Catalog.Count];
        var cash = initial.Select(row => row.ToArray()).ToArray();
        foreach (var op in ops)
        {
            op.ApplyTo(book);
            if (op.Kind != StreamOpKind.Fill)
            {
                continue;
            }

            var instrument = Catalog[op.Instrument];
            decimal signed = op.Side == OrderSide.Buy ? op.Quantity.ToDecimal() : -op.Quantity.ToDecimal();
            decimal notional = Math.Round(signed * op.Price.ToDecimal(), 8, MidpointRounding.AwayFromZero);
            positions[op.Account.Value, op.Instrument.Value] += signed;
            cash[op.Account.Value][Currencies.Of(instrument.QuoteCurrency).Value] -= notional + op.Fee.ToDecimal();
            if (instrument.BaseCurrency != instrument.QuoteCurrency)
            {
                cash[op.Account.Value][Currencies.Of(instrument.BaseCurrency).Value] += signed;
            }
        }

        var mismatches = new List<string>();
        for (int a = 0; a < 3; a++)
        {
            var account = new AccountId(a);
            foreach (var instrument in Tradable)
            {
                if (book.Position(account, instrument).ToDecimal() != positions[a, instrument.Value])
                {
                    mismatches.Add($"position a{a} {Catalog[instrument].Symbol}: {book.Position(account, instrument)} vs {positions[a, instrument.Value]}");
                }
            }

            for (int c = 0; c < Currencies.Count; c++)
            {
                if (book.Cash(account, new CurrencyId(c)).ToDecimal() != cash[a][c])
                {
                    mismatches.Add($"cash a{a} {Currencies.Codes[c]}: {book.Cash(account, new CurrencyId(c))} vs {cash[a][c]}");
                }
            }
        }

        return (mismatches.Count == 0 && book.FillsApplied == ops.Count(o => o.Kind == StreamOpKind.Fill))
            .ToProperty()
            .Label(string.Join("; ", mismatches));
    }

    [Property(MaxTest = 60)]
    public Property OneAccountsEvents_NeverChangeAnother(int seed, byte length, byte which)
    {
        var ops = new AccountStream(seed).Next(20 + length, 3, Tradable, withReservations: true);
        var observed = new AccountId(which % 3);

        // The observed account sees the same marks and its own events, with or without everybody else's.
        var everyone = Book(ThreeAccounts, ThreeAccounts, ThreeAccounts);
        var alone = Book(ThreeAccounts, ThreeAccounts, ThreeAccounts);
        foreach (var op in ops)
        {
            op.ApplyTo(everyone);
            if (op.Kind == StreamOpKind.Mark || op.Account == observed)
            {
                op.ApplyTo(alone);
            }
        }

        return (AccountDigest(everyone, observed) == AccountDigest(alone, observed)
                && everyone.Equity(observed) == alone.Equity(observed)
                && everyone.DailyPnl(observed) == alone.DailyPnl(observed)
                && everyone.OpenOrderExposure(observed) == alone.OpenOrderExposure(observed))
            .ToProperty()
            .Label($"account {observed.Value}: equity {everyone.Equity(observed)} vs {alone.Equity(observed)}");
    }

    [Property(MaxTest = 60)]
    public Property IncrementalValuation_EqualsFullRecomputation(int seed, byte length)
    {
        var book = Book(ThreeAccounts, """{ "JPY": 9000000, "BTC": 1.5, "ETH": 4 }""", """{ "USD": 10 }""");
        var mismatches = new List<string>();
        foreach (var op in new AccountStream(seed).Next(20 + length, 3, Tradable, withReservations: false))
        {
            op.ApplyTo(book);
            for (int a = 0; a < book.AccountCount; a++)
            {
                var account = new AccountId(a);
                var before = AccountDigest(book, account);
                var equity = book.Equity(account);
                book.RevalueFromScratch(account);
                if (AccountDigest(book, account) != before)
                {
                    mismatches.Add($"a{a} after {op}: equity {equity} vs {book.Equity(account)}");
                }
            }
        }

        return (mismatches.Count == 0).ToProperty().Label(string.Join("; ", mismatches.Take(3)));
    }

    [Property(MaxTest = 60)]
    public Property Reads_NeverChangeTheBook(int seed, byte length)
    {
        // Marks only flag the accounts; reads revalue them lazily. Reading after every event (as the risk gate and the
        // control API may) or only at the end must leave the same state: the cache is not state, queries change no digest.
        var ops = new AccountStream(seed).Next(20 + length, 3, Tradable, withReservations: true).ToList();
        var read = Book(ThreeAccounts, """{ "JPY": 9000000, "BTC": 1.5, "ETH": 4 }""", """{ "USD": 10 }""");
        var unread = Book(ThreeAccounts, """{ "JPY": 9000000, "BTC": 1.5, "ETH": 4 }""", """{ "USD": 10 }""");
        foreach (var op in ops)
        {
            op.ApplyTo(read);
            op.ApplyTo(unread);
            for (int a = 0; a < read.AccountCount; a++)
            {
                var account = new AccountId(a);
                _ = read.Equity(account);
                _ = read.MaxDrawdown(account);
                _ = read.BuyingPower(account);
                _ = read.Pnl(account);
            }
        }

        var mismatches = Enumerable.Range(0, read.AccountCount)
            .Select(a => new AccountId(a))
            .Where(account => AccountDigest(read, account) != AccountDigest(unread, account) || read.Equity(account) != unread.Equity(account))
            .Select(account => $"a{account.Value}: equity {read.Equity(account)} vs {unread.Equity(account)}")
            .ToList();
        return (mismatches.Count == 0).ToProperty().Label(string.Join("; ", mismatches));
    }

    [Property(MaxTest = 60)]
    public Property UsdPnl_ExplainsEquityChange_Exactly(int seed, byte length)
    {
        // USD-quoted instruments only (BTC is priced by BTCUSD itself): realised + unrealised must equal the equity
        // change to the unit after every event.
        InstrumentId[] usdOnly = [Aaa, Bbb, EurUsd, BtcUsd];
        var book = Book("""{ "USD": 1000000 }""");
        var stream = new AccountStream(seed);
        var initialEquity = book.Equity(default).Raw;
        var failures = new List<string>();
        foreach (var op in stream.MarkAll(usdOnly).Concat(stream.Next(20 + length, 1, usdOnly, withReservations: false)))
        {
            op.ApplyTo(book);
            long explained = book.RealisedPnl(default).Raw + book.UnrealisedPnl(default).Raw;
            if (book.Equity(default).Raw - initialEquity != explained)
            {
                failures.Add($"after {op}: equity {book.Equity(default)} vs {initialEquity} + {explained}");
            }
        }

        return (failures.Count == 0).ToProperty().Label(string.Join("; ", failures.Take(3)));
    }

    [Property(MaxTest = 60)]
    public Property MultiCurrencyPnl_ExplainsEquityChange_UpToConversionRounding(int seed, byte length)
    {
        // A JPY stock and pairs that price their own currencies (EURUSD → EUR, USDJPY → JPY) keep the identity
        // equity − initial = realised + unrealised in USD whatever the FX rates do; only per-amount conversion
        // roundings (≤ half a raw unit each) separate the two sides.
        InstrumentId[] instruments = [Aaa, Jjj, EurUsd, UsdJpy, BtcUsd];
        var book = Book("""{ "USD": 1000000 }""");
        var stream = new AccountStream(seed);
        var initialEquity = book.Equity(default).Raw;
        long worst = 0;
        foreach (var op in stream.MarkAll(instruments).Concat(stream.Next(20 + length, 1, instruments, withReservations: false)))
        {
            op.ApplyTo(book);
            long gap = book.Equity(default).Raw - initialEquity - book.RealisedPnl(default).Raw - book.UnrealisedPnl(default).Raw;
            worst = Math.Max(worst, Math.Abs(gap));
        }

        return (worst <= 8).ToProperty().Label($"largest gap {worst} raw units");
    }
}
