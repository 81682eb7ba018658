using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Portfolio.Accounts;
using static MultiAsset.Engine.Tests.Portfolio.Accounts.AccountsTestData;

namespace MultiAsset.Engine.Tests.Portfolio.Accounts;

/// <summary>
/// The P&amp;L decomposition (docs/pnl.md) on random multi-currency streams — every tradable instrument, crosses
/// included, marked independently (so a cross's mark differs from the cross of the rates), several strategies and
/// operator fills, USD and EUR accounts holding non-base cash.
/// </summary>
public sealed class AccountPnlProperties
{
    private static readonly StrategyId[] Strategies = [StrategyId.None, new(0), new(5), new(9)];

    private static AccountBook MixedBook() => new(Catalog, ParseAccounts("""
        { "accounts": [
          { "id": "usd", "baseCurrency": "USD", "type": "Margin", "maxLeverage": 10, "initialCash": { "USD": 1000000, "JPY": 20000000, "EUR": 50000 } },
          { "id": "eur", "baseCurrency": "EUR", "type": "Margin", "maxLeverage": 10, "initialCash": { "EUR": 1000000, "BTC": 3 } }
        ] }
        """));

    /// <summary>
    /// After every event, in both accounts: equity − start = R + U + FX − F exactly; the strategies' R, U, F sum to the
    /// account's and their FX plus the initial balances' translation plus rounding is the account's FX; the initial
    /// balances' translation is what the test computes from the rates itself; and the rounding term stays within
    /// conversion rounding (2 raw units per conversion involved, times the amplification of a rounded intermediate currency). Booking realised P&amp;L in the quote currency, at
    /// the wrong rate, or valuing a cross at its own mark breaks the last bound by orders of magnitude.
    /// </summary>
    [Property(MaxTest = 80)]
    public Property Pnl_DecomposesTheEquityChange_ToTheUnit(int seed, byte length)
    {
        var book = MixedBook();
        var stream = new AccountStream(seed);
        var random = new Random(seed);
        var failures = new List<string>();
        var startInitial = new Dictionary<(int, CurrencyId), long>();
        foreach (var op in stream.MarkAll(Tradable))
        {
            op.ApplyTo(book);
        }

        for (int a = 0; a < 2; a++)
        {
            var id = new AccountId(a);
            foreach (var (currency, amount) in book.Config[id].InitialCash)
            {
                Assert.True(book.Rates.TryConvert(amount, currency, book.BaseCurrency(id), out var value));
                startInitial[(a, currency)] = value.Raw;
            }
        }

        long worst = 0;
        foreach (var op in stream.Next(30 + length, 2, Tradable, withReservations: false))
        {
            if (op.Kind == StreamOpKind.Fill)
            {
                Assert.Equal(AccountUpdateResult.Applied, book.ApplyFill(op.Account, op.Instrument, op.Side, op.Quantity, op.Price, op.Fee, op.Timestamp, Strategies[random.Next(Strategies.Length)]));
            }
            else
            {
                op.ApplyTo(book);
            }

            for (int a = 0; a < 2; a++)
            {
                var id = new AccountId(a);
                var pnl = book.Pnl(id);
                Check(book, id, pnl, startInitial, failures, ref worst);
            }
        }

        return (failures.Count == 0).ToProperty().Label($"{string.Join("; ", failures.Take(3))} (largest rounding {worst} raw units)");
    }

    /// <summary>
    /// While no FX rate moves, FX translation is only rounding: every strategy's FX stays within two raw units per fill
    /// and per instrument (conversions of sums versus sums of conversions).
    /// </summary>
    [Property(MaxTest = 80)]
    public Property WithoutRateMoves_FxTranslationIsOnlyRounding(int seed, byte length)
    {
        var book = MixedBook();
        var stream = new AccountStream(seed);
        var random = new Random(seed ^ 0x5f3759df);
        foreach (var op in stream.MarkAll(Tradable))
        {
            op.ApplyTo(book);
        }

        InstrumentId[] noRateSources = [Aaa, Bbb, Jjj, EurJpy, EthBtc]; // marks of these move no FX rate
        int fills = 0;
        long worst = 0;
        foreach (var op in stream.Next(30 + length, 2, Tradable, withReservations: false))
        {
            if (op.Kind == StreamOpKind.Fill)
            {
                fills++;
                book.ApplyFill(op.Account, op.Instrument, op.Side, op.Quantity, op.Price, op.Fee, op.Timestamp, Strategies[random.Next(Strategies.Length)]);
            }
            else if (Array.IndexOf(noRateSources, op.Instrument) >= 0)
            {
                op.ApplyTo(book);
            }
        }

        for (int a = 0; a < 2; a++)
        {
            var pnl = book.Pnl(new AccountId(a));
            worst = Math.Max(worst, Math.Abs(pnl.FxInitialBalances.Raw));
            foreach (var s in pnl.Strategies)
            {
                worst = Math.Max(worst, Math.Abs(s.FxTranslation.Raw) - (2 * (s.Fills + s.Instruments.Count)));
            }
        }

        return (worst <= 0).ToProperty().Label($"FX beyond rounding: {worst} raw units after {fills} fills");
    }

    private static void Check(AccountBook book, AccountId id, AccountPnl pnl, Dictionary<(int, CurrencyId), long> startInitial, List<string> failures, ref long worst)
    {
        var baseCurrency = book.BaseCurrency(id);
        long initial = 0;
        foreach (var (currency, amount) in book.Config[id].InitialCash)
        {
            if (currency != baseCurrency)
            {
                Assert.True(book.Rates.TryConvert(amount, currency, baseCurrency, out var now));
                initial += now.Raw - startInitial[(id.Value, currency)];
            }
        }

        long change = book.Equity(id).Raw - pnl.StartEquity.Raw;
        // Each conversion rounds once per FX hop (FxRates), and a rounding of an intermediate currency is multiplied by
        // that currency's value in the base currency on the next hop (ETH → BTC → USD: half a satoshi becomes ~0.0003 USD).
        long conversions = 2 * (book.Currencies.Count + Catalog.Count) + pnl.Strategies.Sum(s => 3 * s.Instruments.Count);
        Assert.True(book.Rates.TryGetUsdRate(baseCurrency, out var baseRate));
        decimal amplification = 1;
        for (int c = 0; c < book.Currencies.Count; c++)
        {
            if (book.Rates.TryGetUsdRate(new CurrencyId(c), out var rate))
            {
                amplification = Math.Max(amplification, rate.ToDecimal() / baseRate.ToDecimal());
            }
        }

        long bound = 2 * conversions * (long)Math.Ceiling(amplification + 1);
        worst = Math.Max(worst, Math.Abs(pnl.FxRounding.Raw));
        string? failure =
            !pnl.Started ? "not started"
            : change != pnl.EquityChange.Raw ? $"equity change {change} vs {pnl.EquityChange.Raw}"
            : pnl.EquityChange.Raw != pnl.Realised.Raw + pnl.Unrealised.Raw + pnl.FxTranslation.Raw - pnl.Fees.Raw ? $"identity: {pnl}"
            : pnl.Realised.Raw != pnl.Strategies.Sum(s => s.Realised.Raw) ? "realised does not sum"
            : pnl.Unrealised.Raw != pnl.Strategies.Sum(s => s.Unrealised.Raw) ? "unrealised does not sum"
            : pnl.Fees.Raw != pnl.Strategies.Sum(s => s.Fees.Raw) ? "fees do not sum"
            : pnl.FxTranslation.Raw != pnl.Strategies.Sum(s => s.FxTranslation.Raw) + pnl.FxInitialBalances.Raw + pnl.FxRounding.Raw ? "FX does not sum"
            : pnl.Strategies.Any(s => s.Total.Raw != s.Instruments.Sum(i => i.Total.Raw)) ? "a strategy's instruments do not sum"
            : initial != pnl.FxInitialBalances.Raw ? $"initial balances' translation {pnl.FxInitialBalances.Raw} vs {initial}"
            : Math.Abs(pnl.FxRounding.Raw) > bound ? $"rounding {pnl.FxRounding.Raw} beyond {bound} units ({pnl.BaseCurrency})"
            : null;
        if (failure is not null)
        {
            failures.Add($"account {id.Value}: {failure}");
        }
    }
}
