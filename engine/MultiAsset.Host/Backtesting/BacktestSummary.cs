using System.Globalization;
using System.Text;
using MultiAsset.Engine.Backtest.Metrics;

namespace MultiAsset.Host.Backtesting;

/// <summary>The summary a backtest prints: the run, then one line of headline figures per book (result.json has them all).</summary>
public static class BacktestSummary
{
    /// <summary>The summary text of <paramref name="result"/>.</summary>
    public static string Format(BacktestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"Backtest {result.Name}: {result.Period.Start ?? "-"} .. {result.Period.End ?? "-"}, {result.Period.InputEvents:N0} input events ({result.Period.MarketDataAccepted:N0} market data accepted{Rejected(result)})");
        text.AppendLine(c, $"engine: {result.Timing?.ElapsedSeconds:0.###} s in all, replay {result.Timing?.ReplaySeconds:0.###} s = {result.Timing?.EventsPerSecond:N0} events/s, digest {result.Engine.Digest}; orders {result.Orders.Orders:N0}, fills {result.Orders.Fills:N0}, round trips {result.Orders.RoundTrips:N0}");
        text.AppendLine(c, $"{"book",-28} {"ccy",-4} {"start",16} {"end",16} {"return",9} {"CAGR",9} {"Sharpe",7} {"Sortino",8} {"maxDD",8} {"trades",7} {"hit",6}");
        IEnumerable<BacktestBook> books = result.Portfolio is { } portfolio ? [portfolio, .. result.Accounts] : result.Accounts;
        // Strategies get a line of their own where an account runs several (else the account's line is the strategy's).
        foreach (var book in books.Concat(result.Strategies.Where(s => result.Strategies.Count(o => o.Account == s.Account) > 1)))
        {
            var m = book.Metrics;
            var name = book.Account is { } account && account != book.Name ? $"{account}/{book.Name}" : book.Name;
            text.AppendLine(c, $"{Cut(name, 28),-28} {book.Currency,-4} {m.StartEquity.ToDecimal(),16:N2} {m.EndEquity.ToDecimal(),16:N2} {Percent(m.TotalReturn),9} {Percent(m.Cagr),9} {Ratio(m.Sharpe),7} {Ratio(m.Sortino),8} {Percent(m.Drawdown.MaxDrawdown),8} {m.Trades.TradeCount,7} {Percent(m.Trades.HitRate),6}");
        }

        text.AppendLine(c, $"results: {result.Output} ({string.Join(", ", result.Files)})");
        return text.ToString();
    }

    private static string Rejected(BacktestResult result)
    {
        var rejected = result.Period.MarketDataRejected.Where(r => r.Value > 0).ToList();
        return rejected.Count == 0 ? string.Empty : "; rejected " + string.Join(", ", rejected.Select(r => $"{r.Key} {r.Value}"));
    }

    private static string Percent(double? value) => value is { } v && double.IsFinite(v) ? (v * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%" : "-";

    private static string Ratio(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("0.00", CultureInfo.InvariantCulture) : "-";

    private static string Cut(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";
}
