using MultiAsset.Engine.Journal;
using MultiAsset.Engine.Journal.Audit;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using static MultiAsset.Engine.Compliance.BestExecutionReport;

namespace MultiAsset.Engine.Compliance;

/// <summary>
/// Risk-limit compliance over the scope: for each account and rule, how often the gate refused and the peak usage it
/// recorded (value ÷ limit of the check that refused); then every refusal, hold and kill-switch action, in trail order,
/// with the rule and the values the gate compared.
/// </summary>
/// <remarks>
/// <para>Rows: <c>kind</c> = <c>summary</c> (one per account and rule: <c>count</c>, <c>peakUsagePercent</c>, the first
/// and last time), <c>accepted</c> (one per account: orders the gate let through, for the refusal rate), then the events
/// <c>refusal</c>, <c>held</c> (market closed: checked again at the open), <c>killSwitchOn</c>, <c>killSwitchOff</c>.</para>
/// <para><c>usagePercent</c> = 100 · value ÷ limit (a refusal is above 100 when the rule compares an amount with a
/// ceiling). Values are in the unit the gate compared: <c>Quantity</c> (instrument units), <c>Money</c> (the account's base
/// currency), <c>Price</c> (distance of the order's price from the mid). A rule that compares nothing (e.g. a kill
/// switch, an unknown instrument) has empty values. The gate does not record values for accepted orders, so the peak
/// usage is that of the refused checks — a limit that was never breached shows no peak.</para>
/// </remarks>
public static class LimitComplianceReport
{
    /// <summary>The report's columns.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "kind", "time", "account", "strategyId", "instrument", "side", "quantity", "orderId", "rule", "value", "limit", "unit", "usagePercent",
        "count", "peakUsagePercent", "firstTime", "lastTime", "caller", "inputSequence",
    ];

    /// <summary>Builds the report from the trail in <paramref name="directory"/>.</summary>
    public static ReportTable Build(string directory, ReportNames names, ReportScope scope, string? text = null)
    {
        var summaries = new SortedDictionary<(string Account, string Rule), Summary>();
        var accepted = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var events = new List<string?[]>();
        using var reader = AuditTrailReader.Open(directory);
        while (reader.TryRead(out var r))
        {
            if (!scope.InWindow(r.Timestamp) || (r.Account >= 0 ? !scope.Covers(r.Account) : scope.Accounts is not null))
            {
                continue;
            }

            switch (r.Type)
            {
                case AuditEventType.RiskAccepted:
                    accepted[names.Account(r.Account)] = accepted.GetValueOrDefault(names.Account(r.Account)) + 1;
                    break;
                case AuditEventType.RiskRefused:
                case AuditEventType.RiskHeld:
                    var rule = ((RiskVerdict)r.Reason).ToString();
                    var usage = Usage(in r);
                    if (r.Type == AuditEventType.RiskRefused)
                    {
                        var key = (names.Account(r.Account), rule);
                        if (!summaries.TryGetValue(key, out var s))
                        {
                            summaries[key] = s = new Summary { First = r.Timestamp };
                        }

                        s.Count++;
                        s.Last = r.Timestamp;
                        if (usage is { } u && (s.Peak is null || u > s.Peak))
                        {
                            s.Peak = u;
                        }
                    }

                    events.Add(Event(r.Type == AuditEventType.RiskRefused ? "refusal" : "held", in r, names, rule, usage));
                    break;
                case AuditEventType.KillSwitchOn:
                case AuditEventType.KillSwitchOff:
                    events.Add(Event(r.Type == AuditEventType.KillSwitchOn ? "killSwitchOn" : "killSwitchOff", in r, names, null, null));
                    break;
            }
        }

        var table = new ReportTable("limit-compliance", Columns) { Scope = text };
        foreach (var ((account, rule), s) in summaries)
        {
            table.Add("summary", null, account, null, null, null, null, null, rule, null, null, null, null, Text(s.Count),
                s.Peak is { } p ? Text(p) : null, JournalTime.Format(s.First), JournalTime.Format(s.Last), null, null);
        }

        foreach (var (account, count) in accepted)
        {
            table.Add("accepted", null, account, null, null, null, null, null, null, null, null, null, null, Text(count), null, null, null, null, null);
        }

        foreach (var row in events)
        {
            table.Add(row);
        }

        return table;
    }

    private static decimal? Usage(in AuditRecord r)
        => r.Unit == AuditValueUnit.None || r.Limit == 0 ? null : Math.Round(100m * r.Value / r.Limit, 6, MidpointRounding.AwayFromZero);

    private static string?[] Event(string kind, in AuditRecord r, ReportNames names, string? rule, decimal? usage)
    {
        var compared = r.Unit != AuditValueUnit.None;
        return
        [
            kind, JournalTime.Format(r.Timestamp), r.Account >= 0 ? names.Account(r.Account) : "firm", r.Strategy >= 0 ? Text(r.Strategy) : null,
            names.Symbol(r.Instrument), r.OrderId != 0 ? r.Side.ToString().ToLowerInvariant() : null,
            r.OrderId != 0 ? Text(Quantity.FromRaw(r.Quantity).ToDecimal()) : null, r.OrderId != 0 ? Text(r.OrderId) : null, rule,
            compared ? Text(FixedPoint.ToDecimal(r.Value)) : null, compared ? Text(FixedPoint.ToDecimal(r.Limit)) : null, compared ? r.Unit.ToString() : null,
            usage is { } u ? Text(u) : null, null, null, null, null, names.Caller(r.Caller), Text(r.InputSequence),
        ];
    }

    private sealed class Summary
    {
        public long Count;
        public decimal? Peak;
        public long First;
        public long Last;
    }
}
