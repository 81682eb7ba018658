using System.Globalization;
using System.Text;
using MultiAsset.Host.Backtesting;

namespace MultiAsset.Host.Tests.Backtesting;

/// <summary>
/// <c>SmaCross</c> through <c>backtest</c> (import, engine, next-open fills, results folder) against an independent
/// implementation of the reference rules written here in a dozen lines of decimal arithmetic: every fill (time,
/// side, quantity, price), each account's final cash, position and value. Two symbols, each in its own account with
/// 1 000 000 USD; closes on a coarse grid so that ties (d = 0) happen.
/// </summary>
public sealed class SmaCrossReferenceTests
{
    private const int Fast = 4;
    private const int Slow = 12;
    private const decimal Quantity = 3;
    private static readonly DateTimeOffset Start = new(2024, 3, 4, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Backtest_MatchesTheReferenceFillByFill()
    {
        using var folder = new TempDirectory();
        var symbols = new[] { ("BTCUSD", 60_000m, 11), ("ETHUSD", 3_000m, 12) };
        var bars = symbols.ToDictionary(s => s.Item1, s => Bars(s.Item2, s.Item3, 1500));
        var csv = new StringBuilder("timestamp,symbol,open,high,low,close,volume\n");
        for (var i = 0; i < 1500; i++)
        {
            foreach (var (symbol, _, _) in symbols)
            {
                var (open, close) = bars[symbol][i];
                csv.Append(CultureInfo.InvariantCulture, $"{Start.AddMinutes(i):yyyy-MM-ddTHH:mm:ss}Z,{symbol},{open},{Math.Max(open, close)},{Math.Min(open, close)},{close},100\n");
            }
        }

        File.WriteAllText(Path.Combine(folder.Path, "bars.csv"), csv.ToString());
        var documents = string.Join(",", symbols.Select(s => $$"""
            { "id": "sma-{{s.Item1}}", "name": "SMA {{s.Item1}}", "type": "SmaCross", "account": "acct-{{s.Item1}}", "assetClasses": ["CRYPTO"],
              "instruments": ["{{s.Item1}}"], "allocation": [ { "assetClass": "CRYPTO", "targetWeight": 100, "minWeight": 0, "maxWeight": 100 } ],
              "riskParameters": {}, "executionRules": [], "rebalancingRules": [],
              "parameters": { "fast": {{Fast}}, "slow": {{Slow}}, "quantity": {{Quantity}}, "timeframe": "1m" } }
            """));
        File.WriteAllText(Path.Combine(folder.Path, "spec.json"), $$"""
            { "data": [ { "import": { "files": ["bars.csv"], "barInterval": "1m" } } ], "strategies": [ {{documents}} ],
              "fillModel": "nextOpen", "fees": { "makerBps": 0, "takerBps": 0 }, "slippageBps": 0, "latency": "0", "output": "out" }
            """);

        var result = await BacktestRunner.RunAsync(BacktestSpecReader.Load(Path.Combine(folder.Path, "spec.json")));

        var fills = File.ReadAllLines(Path.Combine(folder.Path, "out", "fills.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        foreach (var (symbol, _, _) in symbols)
        {
            var (expected, cash, position) = Reference(bars[symbol], minuteTimes: true);
            Assert.True(expected.Count >= 6, $"{symbol}: the data should cross a few times ({expected.Count} fills)");
            // fills.csv: time,account,strategy,symbol,side,quantity,price,... — the router splits an order over the two
            // crypto venues, so an order's child fills (same time, side and price) are added up first.
            var actual = fills.Where(f => f[3] == symbol)
                .GroupBy(f => (f[0], f[4], decimal.Parse(f[6], CultureInfo.InvariantCulture)))
                .Select(g => (g.Key.Item1, g.Key.Item2, g.Sum(f => decimal.Parse(f[5], CultureInfo.InvariantCulture)), g.Key.Item3))
                .ToList();
            Assert.Equal(expected, actual);

            var account = result.Accounts.Single(a => a.Name == $"acct-{symbol}");
            Assert.Equal(cash, account.Cash!.Single(c => c.Currency == "USD").Amount);
            Assert.Equal(position, account.Positions!.SingleOrDefault()?.Quantity ?? 0);
            var value = cash + (position * bars[symbol][^1].Close);
            Assert.Equal(value, account.Metrics.EndEquity.ToDecimal());
            Assert.Equal(value - 1_000_000m, account.Pnl.Total);
        }
    }

    /// <summary>
    /// The reference rules, independently: SMA(n) at bar t over closes t−n+1..t; d = fast − slow compared exactly
    /// (fastSum × slow vs slowSum × fast); the last non-zero d, seeded with d at bar <c>slow</c>; an up-cross while
    /// flat buys, a down-cross while long sells all, at bar t+1's open (none after the last bar).
    /// Engine times (minute bars): a bar is stamped at its end, so the bar after bar k (0-based) is at Start + k + 2 minutes.
    /// </summary>
    private static (List<(string, string, decimal, decimal)> Fills, decimal Cash, decimal Position) Reference((decimal Open, decimal Close)[] bars, bool minuteTimes)
    {
        var (fills, cash, position) = Reference(bars);
        return ([.. fills.Select(f => (Start.AddMinutes(f.Bar + 1).ToString("yyyy-MM-dd'T'HH:mm:ss'.0000000Z'", CultureInfo.InvariantCulture), f.Side, f.Quantity, f.Price))], cash, position);
    }

    /// <summary>The reference fills as (index of the bar that fills, side, quantity, price), final cash and position.</summary>
    private static (List<(int Bar, string Side, decimal Quantity, decimal Price)> Fills, decimal Cash, decimal Position) Reference((decimal Open, decimal Close)[] bars)
    {
        var fills = new List<(int, string, decimal, decimal)>();
        decimal cash = 1_000_000m, position = 0;
        int? last = null;
        for (var t = Slow - 1; t < bars.Length; t++)
        {
            decimal fastSum = 0, slowSum = 0;
            for (var j = t - Slow + 1; j <= t; j++)
            {
                slowSum += bars[j].Close;
                fastSum += j > t - Fast ? bars[j].Close : 0;
            }

            var d = Math.Sign((fastSum * Slow) - (slowSum * Fast));
            var up = last < 0 && d > 0;
            var down = last > 0 && d < 0;
            last = t == Slow - 1 ? d : d != 0 ? d : last;
            if (t + 1 >= bars.Length)
            {
                continue;
            }

            var price = bars[t + 1].Open;
            if (up && position == 0)
            {
                fills.Add((t + 1, "Buy", Quantity, price));
                cash -= Quantity * price;
                position = Quantity;
            }
            else if (down && position > 0)
            {
                fills.Add((t + 1, "Sell", position, price));
                cash += position * price;
                position = 0;
            }
        }

        return (fills, cash, position);
    }

    /// <summary>A seeded random walk on a 1.00 grid (so SMAs tie now and then); each open is the previous close ± a little.</summary>
    private static (decimal Open, decimal Close)[] Bars(decimal start, int seed, int count)
    {
        var random = new Random(seed);
        var bars = new (decimal, decimal)[count];
        var close = start;
        for (var i = 0; i < count; i++)
        {
            var open = close + random.Next(-2, 3);
            close = Math.Max(1, open + random.Next(-6, 7));
            bars[i] = (open, close);
        }

        return bars;
    }

    /// <summary>
    /// Daily stock bars (date-only, stamped at the 16:00 New York close): a cross decided at a day's close fills at the
    /// next day's open — the order is decided at the bar's last instant (inside the session), waits at the venue
    /// overnight, and the next day's bar opens at the 09:30 open. Checked against the same reference rules.
    /// </summary>
    [Fact]
    public async Task Backtest_DailyStockBars_FillAtTheNextDaysOpen()
    {
        using var folder = new TempDirectory();
        var bars = Bars(150, 21, 260);
        var days = new List<DateOnly>();
        var csv = new StringBuilder("Date,Open,High,Low,Close,Volume\n");
        for (var day = new DateOnly(2023, 1, 3); days.Count < bars.Length; day = day.AddDays(1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && day != new DateOnly(2023, 1, 16) && day != new DateOnly(2023, 2, 20))
            {
                var (open, close) = bars[days.Count];
                csv.Append(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd},{open},{Math.Max(open, close)},{Math.Min(open, close)},{close},1000000\n");
                days.Add(day);
            }
        }

        File.WriteAllText(Path.Combine(folder.Path, "AAPL.csv"), csv.ToString());
        File.WriteAllText(Path.Combine(folder.Path, "spec.json"), $$"""
            { "data": [ { "import": { "files": ["AAPL.csv"], "symbol": "AAPL", "timestampFormat": "date", "timeZone": "America/New_York" } } ],
              "strategies": [ { "id": "sma-aapl", "name": "SMA AAPL", "type": "SmaCross", "account": "aapl", "assetClasses": ["STOCK"], "instruments": ["AAPL"],
                "allocation": [ { "assetClass": "STOCK", "targetWeight": 100, "minWeight": 0, "maxWeight": 100 } ], "riskParameters": {},
                "executionRules": [], "rebalancingRules": [], "parameters": { "fast": {{Fast}}, "slow": {{Slow}}, "quantity": {{Quantity}}, "timeframe": "1d" } } ],
              "fees": { "makerBps": 0, "takerBps": 0, "perUnit": 0 }, "report": false, "output": "out" }
            """);

        var result = await BacktestRunner.RunAsync(BacktestSpecReader.Load(Path.Combine(folder.Path, "spec.json")));

        var (expected, cash, position) = Reference(bars);
        Assert.True(expected.Count >= 4, $"the data should cross a few times ({expected.Count} fills)");
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var actual = File.ReadAllLines(Path.Combine(folder.Path, "out", "fills.csv")).Skip(1).Select(l => l.Split(','))
            .GroupBy(f => (f[0], f[4], decimal.Parse(f[6], CultureInfo.InvariantCulture)))
            .Select(g => (DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.Parse(g.Key.Item1, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal), newYork)), g.Key.Item2, g.Sum(f => decimal.Parse(f[5], CultureInfo.InvariantCulture)), g.Key.Item3))
            .ToList();
        // The reference's fill of the cross at bar t is at bar t+1: that bar's trading day and open.
        Assert.Equal(expected.Select(f => (days[f.Bar], f.Side, f.Quantity, f.Price)), actual);
        var account = Assert.Single(result.Accounts);
        Assert.Equal(cash + (position * bars[^1].Close), account.Metrics.EndEquity.ToDecimal());
        Assert.Equal(0, account.Counts!.Refusals);
    }
}
