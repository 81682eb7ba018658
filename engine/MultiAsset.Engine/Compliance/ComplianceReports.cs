using MultiAsset.Engine.Journal;
using MultiAsset.Engine.Journal.Audit;

namespace MultiAsset.Engine.Compliance;

/// <summary>
/// The four compliance reports by name — <c>positions</c>, <c>limits</c>, <c>best-execution</c>, <c>transactions</c> — over
/// one audit trail (and its input journal for market prices), written as CSV or JSON; what <c>maectl report</c>, the
/// control API's <c>GET /reports/{kind}</c> and the end-of-day schedule all call.
/// </summary>
public static class ComplianceReports
{
    /// <summary>The report names.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["positions", "limits", "best-execution", "transactions"];

    /// <summary>
    /// Writes report <paramref name="kind"/>. <paramref name="trail"/> is the folder holding <c>audit.trail</c>;
    /// <paramref name="journal"/> the input journal (prices for positions and interval VWAPs), or null.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown report name.</exception>
    public static void Write(string kind, string trail, string? journal, ReportNames names, ReportScope scope, bool json, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(scope);
        var text = Describe(scope, names);
        switch (kind)
        {
            case "positions":
                Emit(PositionReport.Build(trail, journal, names, scope, text), json, output);
                break;
            case "limits":
                Emit(LimitComplianceReport.Build(trail, names, scope, text), json, output);
                break;
            case "best-execution":
                var fold = OrderLifecycleFold.Read(trail, scope);
                var vwaps = journal is null ? null
                    : JournalMarketTape.IntervalVwaps(journal, [.. fold.Orders.Select(o => (o.Instrument, o.CreatedSequence, o.LastSequence))]);
                Emit(BestExecutionReport.Build(fold.Orders, names, vwaps, text), json, output);
                break;
            case "transactions":
                TransactionReport.Write(trail, scope, new AuditExportOptions
                {
                    Format = json ? JournalExportFormat.JsonLines : JournalExportFormat.Csv,
                    Catalog = names.Catalog,
                    AccountNames = names.Accounts,
                    VenueNames = names.Venues,
                }, output);
                break;
            default:
                throw new ArgumentException($"unknown report '{kind}' (expected one of: {string.Join(", ", Kinds)})");
        }
    }

    /// <summary>A one-line description of the scope, e.g. <c>accounts default; from 2026-03-02T00:00:00Z; to end</c>.</summary>
    public static string Describe(ReportScope scope, ReportNames names)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(names);
        var accounts = scope.Accounts is null ? "firm" : "accounts " + string.Join(',', scope.Accounts.Order().Select(names.Account));
        var from = scope.From is { } f ? JournalTime.Format(f) : "start";
        var to = scope.To is { } t ? JournalTime.Format(t) : "end";
        return $"{accounts}; from {from}; to {to}";
    }

    private static void Emit(ReportTable table, bool json, TextWriter output)
    {
        if (json)
        {
            table.WriteJson(output);
        }
        else
        {
            table.WriteCsv(output);
        }
    }
}
