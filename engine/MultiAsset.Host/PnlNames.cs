using System.Globalization;
using System.Text;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Portfolio.Accounts;

namespace MultiAsset.Host;

/// <summary>
/// The host's P&amp;L views: strategy names put into the accounts stage's report, the status line's simulated time and
/// one-line P&amp;L, and the end-of-run per-strategy table. Conventions: docs/pnl.md.
/// </summary>
public static class PnlNames
{
    /// <summary>The snapshot with each strategy row named by its document id (coordination knows them).</summary>
    public static AccountSnapshot Name(AccountSnapshot snapshot, EngineStages stages)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(stages);
        return snapshot.Pnl is not { } pnl ? snapshot : snapshot with { Pnl = Name(pnl, stages) };
    }

    /// <summary>The report with each strategy row named.</summary>
    public static AccountPnl Name(AccountPnl pnl, EngineStages stages)
    {
        ArgumentNullException.ThrowIfNull(pnl);
        ArgumentNullException.ThrowIfNull(stages);
        return pnl with
        {
            Strategies = [.. pnl.Strategies.Select(s => s.Name is not null ? s : s with { Name = stages.Coordination.StrategyName(s.Strategy) ?? $"#{s.Strategy.Value}" })],
        };
    }

    /// <summary>Unix nanoseconds as <c>2026-03-03 09:41 UTC</c>; "-" before the first event.</summary>
    public static string SimulatedTime(long unixNanoseconds)
        => unixNanoseconds == long.MinValue
            ? "-"
            : DateTimeOffset.UnixEpoch.AddTicks(unixNanoseconds / 100).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>
    /// One line: per base currency, Σ over accounts of equity change, realised, unrealised, FX translation and fees
    /// (equity change = realised + unrealised + FX − fees, each account exactly).
    /// </summary>
    public static string StatusLine(IEnumerable<AccountPnl> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var parts = accounts.Where(p => p.Started).GroupBy(p => p.BaseCurrency, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
            $"{g.Key} equity change {Amount(g.Sum(p => p.EquityChange.ToDecimal()))} = realised {Amount(g.Sum(p => p.Realised.ToDecimal()))}"
            + $" + unrealised {Amount(g.Sum(p => p.Unrealised.ToDecimal()))} + FX {Amount(g.Sum(p => p.FxTranslation.ToDecimal()))}"
            + $" - fees {Amount(g.Sum(p => p.Fees.ToDecimal()))}");
        var line = string.Join(" | ", parts);
        return line.Length == 0 ? "no account valued yet" : line;
    }

    /// <summary>The end-of-run table: one row per strategy (and per account's operator orders), then each account's FX not attributed to a strategy.</summary>
    public static string Table(IReadOnlyList<(string Account, AccountPnl Pnl)> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        string[] header = ["strategy", "account", "ccy", "orders", "fills", "refusals", "realised", "unrealised", "fees", "FX", "total P&L"];
        var rows = new List<string[]>();
        foreach (var (account, pnl) in accounts)
        {
            foreach (var s in pnl.Strategies)
            {
                rows.Add([s.Name ?? $"#{s.Strategy.Value}", account, pnl.BaseCurrency, Count(s.Orders), Count(s.Fills), Count(s.Refusals),
                    Amount(s.Realised.ToDecimal()), Amount(s.Unrealised.ToDecimal()), Amount(s.Fees.ToDecimal()), Amount(s.FxTranslation.ToDecimal()), Amount(s.Total.ToDecimal())]);
            }

            var other = pnl.FxInitialBalances.Raw + pnl.FxRounding.Raw;
            if (other != 0)
            {
                rows.Add(["(initial balances, rounding)", account, pnl.BaseCurrency, string.Empty, string.Empty, string.Empty,
                    string.Empty, string.Empty, string.Empty, Amount(Money.FromRaw(other).ToDecimal()), Amount(Money.FromRaw(other).ToDecimal())]);
            }

            rows.Add(["= account total", account, pnl.BaseCurrency, string.Empty, string.Empty, string.Empty,
                Amount(pnl.Realised.ToDecimal()), Amount(pnl.Unrealised.ToDecimal()), Amount(pnl.Fees.ToDecimal()), Amount(pnl.FxTranslation.ToDecimal()),
                Amount(pnl.Total.ToDecimal()) + (pnl.Total == pnl.EquityChange ? " = equity change" : $" ≠ equity change {Amount(pnl.EquityChange.ToDecimal())}")]);
        }

        var widths = header.Select((h, k) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[k].Length))).ToArray();
        var text = new StringBuilder();
        Line(text, header, widths);
        Line(text, [.. widths.Select(w => new string('-', w))], widths);
        rows.ForEach(r => Line(text, r, widths));
        return text.ToString();
    }

    private static void Line(StringBuilder text, string[] cells, int[] widths)
    {
        for (int k = 0; k < cells.Length; k++)
        {
            // Text columns left-aligned, numbers right-aligned; never cut.
            text.Append(k < 3 ? cells[k].PadRight(widths[k]) : cells[k].PadLeft(widths[k]));
            text.Append(k == cells.Length - 1 ? string.Empty : "  ");
        }

        text.AppendLine();
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    // Amounts to the cent for display (the JSON answers carry the exact 10^-8 values).
    private static string Amount(decimal value) => value.ToString("+#,##0.00;-#,##0.00;0.00", CultureInfo.InvariantCulture);
}
