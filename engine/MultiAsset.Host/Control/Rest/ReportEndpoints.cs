using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MultiAsset.Engine.Compliance;
using MultiAsset.Engine.Journal;
using MultiAsset.Engine.Journal.Audit;
using MultiAsset.Host.Control.Application;
using MultiAsset.Host.Control.Security;

namespace MultiAsset.Host.Control.Rest;

/// <summary>
/// <c>GET /api/multi-asset/reports/{positions|limits|best-execution|transactions}?from&amp;to&amp;at&amp;account&amp;format</c>:
/// the compliance reports over the running engine's audit trail and journal (read from the files, never through the
/// engine: a report costs the engine nothing). CSV (<c>text/csv</c>) by default, <c>format=json</c> for JSON. Any key may
/// read them; a key scoped to accounts gets only its accounts (and 403 naming <c>account</c> when it asks for another).
/// </summary>
internal static class ReportEndpoints
{
    private static readonly string[] Parameters = ["from", "to", "at", "account", "format"];

    public static void Map(RouteGroupBuilder api, ComplianceReportSource? source)
        => api.MapGet("/reports/{kind}", (HttpContext c, string kind) => ServeAsync(c, kind, source));

    private static async Task ServeAsync(HttpContext context, string kind, ComplianceReportSource? source)
    {
        var caller = ApiKeyMiddleware.CallerOf(context);
        if (RequestBody.HasBody(context.Request))
        {
            await ControlEndpoints.Write(context, ControlResult.Fail(400, "GET reports takes no request body.", "$")).ConfigureAwait(false);
            return;
        }

        if (Check(context, kind, source, caller, out var scope, out var json) is { } problem)
        {
            await ControlEndpoints.Write(context, problem).ConfigureAwait(false);
            return;
        }

        // Built in memory first: a report that fails half-way is a clean 500, not a truncated 200.
        var text = new StringWriter();
        ComplianceReports.Write(kind, source!.TrailDirectory, source.JournalDirectory, source.Names, scope!, json, text);
        context.Response.ContentType = json ? (kind == "transactions" ? "application/x-ndjson" : "application/json") : "text/csv; charset=utf-8";
        await context.Response.WriteAsync(text.ToString(), Encoding.UTF8, context.RequestAborted).ConfigureAwait(false);
    }

    private static ControlResult? Check(HttpContext context, string kind, ComplianceReportSource? source, ControlCaller caller, out ReportScope? scope, out bool json)
    {
        scope = null;
        json = false;
        foreach (var key in context.Request.Query.Keys)
        {
            if (!Parameters.Contains(key, StringComparer.Ordinal))
            {
                return ControlResult.Fail(400, $"unknown query parameter '{key}' (expected: {string.Join(", ", Parameters)})", key);
            }
        }

        if (!ComplianceReports.Kinds.Contains(kind, StringComparer.Ordinal))
        {
            return ControlResult.Fail(404, $"unknown report '{kind}' (expected one of: {string.Join(", ", ComplianceReports.Kinds)})", "kind");
        }

        if (source is null || !File.Exists(AuditTrailFiles.TrailPath(source.TrailDirectory)))
        {
            return ControlResult.Fail(409, "this engine keeps no audit trail (it runs without a journal, or with journal.auditTrail off): there is nothing to report from", "kind");
        }

        var format = Single(context, "format") ?? "csv";
        if (format is not ("csv" or "json"))
        {
            return ControlResult.Fail(400, $"format must be csv or json but is '{format}'", "format");
        }

        json = format == "json";
        if (kind == "positions" && Single(context, "from") is not null)
        {
            return ControlResult.Fail(400, "positions is a point-in-time report: give at= (or nothing for now), not from=", "from");
        }

        if (kind != "positions" && Single(context, "at") is not null)
        {
            return ControlResult.Fail(400, $"at= is for the positions report; {kind} takes from= and to=", "at");
        }

        long? from = null, to = null;
        foreach (var name in new[] { "from", "to", "at" })
        {
            var text = Single(context, name);
            if (text is null)
            {
                continue;
            }

            if (!JournalTime.TryParse(text, out var ns))
            {
                return ControlResult.Fail(400, $"{name} must be an ISO-8601 UTC time (e.g. 2026-03-02T14:30:00Z) but is '{text}'", name);
            }

            if (name == "from")
            {
                from = ns;
            }
            else
            {
                to = ns;
            }
        }

        if (from is { } f && to is { } t && t < f)
        {
            return ControlResult.Fail(400, "to must not be before from", "to");
        }

        var requested = context.Request.Query["account"].Where(a => !string.IsNullOrEmpty(a)).Select(a => a!).ToList();
        var ids = new HashSet<int>();
        foreach (var name in requested)
        {
            var id = source.Names.AccountId(name);
            if (id < 0)
            {
                return ControlResult.Fail(404, $"unknown account '{name}'", "account");
            }

            if (!caller.CanAccess(name))
            {
                return ControlResult.Fail(403, $"this key may not read account '{name}'", "account");
            }

            ids.Add(id);
        }

        if (requested.Count == 0 && caller.Accounts is { } scoped)
        {
            ids.UnionWith(scoped.Select(a => source.Names.AccountId(a)).Where(i => i >= 0));
        }

        scope = new ReportScope { From = from, To = to, Accounts = requested.Count == 0 && caller.Accounts is null ? null : ids };
        return null;
    }

    private static string? Single(HttpContext context, string name)
        => context.Request.Query.TryGetValue(name, out var values) && values.Count > 0 ? values[^1] : null;
}
