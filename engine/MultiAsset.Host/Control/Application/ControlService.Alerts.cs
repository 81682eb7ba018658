using System.Globalization;
using System.Text.Json.Nodes;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Host.Control.Alerts;
using MultiAsset.Host.Control.Security;
using MultiAsset.Host.RiskAnalysis;

namespace MultiAsset.Host.Control.Application;

/// <summary>Alerts: the control plane's record of risk changes (<see cref="AlertMonitor"/>).</summary>
public sealed partial class ControlService
{
    /// <summary>The alert record (null: no alerts are watched, e.g. over a fake engine; <c>GET /alerts</c> answers []).</summary>
    public AlertMonitor? Alerts { get; init; }

    /// <summary>
    /// <c>GET /alerts?since=&amp;account=</c>: recent alerts, newest first, those the caller may see (account alerts of
    /// its accounts; firm-wide ones — the global kill switch, correlation breaks — for everyone). <paramref name="since"/>
    /// is an alert id (those after it) or an ISO-8601 time. Viewer.
    /// </summary>
    public Task<ControlResult> AlertsAsync(ControlCaller caller, string? since, string? account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        _ = cancellationToken;
        long afterId = 0;
        DateTimeOffset? after = null;
        if (since is not null && !long.TryParse(since, NumberStyles.None, CultureInfo.InvariantCulture, out afterId))
        {
            if (!DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            {
                return Task.FromResult(ControlResult.Fail(400, $"since must be an alert id or an ISO-8601 time but is '{since}'.", "since"));
            }

            after = time;
        }

        if (account is not null && (RequestJson.RequireIdentifier(account, "account", "an account id") ?? RequireAccount(caller, account, "account")) is { } refused)
        {
            return Task.FromResult(refused);
        }

        var alerts = (Alerts?.Recent(afterId, after) ?? [])
            .Where(a => a.Account is null ? account is null || a.Kind == "killSwitch" : caller.CanAccess(a.Account) && (account is null || a.Account == account));
        return Task.FromResult(ControlResult.Ok(new JsonArray([.. alerts.Select(a => (JsonNode)a.ToJson())]).ToJsonString(ResultJson.Options)));
    }

    /// <summary>One look at the risk state for the alert record (the loop calls it once a second); false when the engine did not answer.</summary>
    public async Task<bool> ObserveAlertsAsync(CancellationToken cancellationToken)
    {
        if (Alerts is not { } alerts)
        {
            return false;
        }

        var reply = await engine.SendAsync(CommandKind.QueryRisk, string.Empty, cancellationToken).ConfigureAwait(false);
        if (!reply.Succeeded || reply.Result is not RiskReport report)
        {
            return false;
        }

        var breaks = report.Inputs is { } inputs ? CorrelationReport.Build(inputs, CorrelationReport.DefaultBreakThreshold).Breaks : [];
        alerts.Observe(report, breaks, DateTimeOffset.UtcNow);
        return true;
    }
}
