using System.Globalization;
using System.Text.Json.Nodes;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Host.Control.Security;

namespace MultiAsset.Host.Control.Application;

/// <summary>Read operations answered by the engine's stages: accounts, allocation, risk, conflicts, execution quality.</summary>
public sealed partial class ControlService
{
    private const int MaxConflictLimit = 10_000;

    /// <summary>
    /// Account snapshots (positions inside): one account, or — with <paramref name="account"/> null — every account the
    /// caller may see (all in one query for an unscoped key, one query per account for a scoped one, as an array).
    /// </summary>
    public Task<ControlResult> AccountsAsync(ControlCaller caller, string? account, CancellationToken cancellationToken)
        => PerAccountAsync(caller, CommandKind.QueryAccounts, account, "account", cancellationToken);

    /// <summary>The seed's <c>GET /allocation/:portfolioId</c>: a portfolio is an account; answers its snapshot (positions and weights).</summary>
    public Task<ControlResult> AllocationAsync(ControlCaller caller, string portfolioId, CancellationToken cancellationToken)
        => string.IsNullOrWhiteSpace(portfolioId)
            ? Task.FromResult(ControlResult.Fail(400, "A portfolio id (an account) is required.", "portfolioId"))
            : PerAccountAsync(caller, CommandKind.QueryAccounts, portfolioId, "portfolioId", cancellationToken);

    /// <summary>
    /// The seed's <c>GET /risk/analysis</c>: the risk gate's state, for one account or all the caller may see. A scoped
    /// key's reports are cut to its accounts (<see cref="RiskReport.VisibleTo"/>): no gate-wide verdict totals, no other
    /// accounts' halts.
    /// </summary>
    public Task<ControlResult> RiskAsync(ControlCaller caller, string? account, CancellationToken cancellationToken)
        => RiskAsync(caller, account, RiskAnalysis.LiveRiskParameters.Default, cancellationToken);

    /// <summary>
    /// <see cref="RiskAsync(ControlCaller, string?, CancellationToken)"/> with the portfolio risk measures taken as
    /// <paramref name="parameters"/> say (off the engine thread, from the positions and covariance the query copied);
    /// the firm view for unscoped callers only.
    /// </summary>
    public Task<ControlResult> RiskAsync(ControlCaller caller, string? account, RiskAnalysis.LiveRiskParameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(parameters);
        var accounts = caller.Accounts;
        var firm = accounts is null && account is null;
        object? Visible(object? r) => r is RiskReport report
            ? RiskAnalysis.LiveRiskAnalysis.Enrich(accounts is null ? report : report.VisibleTo(accounts), parameters, firm)
            : r;
        if (account is null && accounts is not null)
        {
            // A scoped key gets the same one report as everybody, cut to its accounts (not one report per account):
            // one query of every account, filtered before anything is measured or serialised.
            return ScopedRiskAsync(Visible, cancellationToken);
        }

        return PerAccountAsync(caller, CommandKind.QueryRisk, account, "account", cancellationToken, Visible);
    }

    private async Task<ControlResult> ScopedRiskAsync(Func<object?, object?> visible, CancellationToken cancellationToken)
        => FromReply(await engine.SendAsync(CommandKind.QueryRisk, string.Empty, cancellationToken).ConfigureAwait(false), r => ResultJson.Serialize(visible(r)));

    /// <summary>The seed's <c>GET /conflicts</c>: recent strategy conflicts (at most <paramref name="limit"/>; unscoped keys only).</summary>
    public async Task<ControlResult> ConflictsAsync(ControlCaller caller, int? limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (RequireUnscoped(caller, "the conflict log") is { } denied)
        {
            return denied;
        }

        var n = limit ?? DefaultConflictLimit;
        if (n is < 1 or > MaxConflictLimit)
        {
            return ControlResult.Fail(400, $"limit must be between 1 and {MaxConflictLimit} but is {n}.", "limit");
        }

        return FromReply(await engine.SendAsync(CommandKind.QueryConflicts, n.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The seed's <c>GET /execution/quality</c>: execution quality / TCA (unscoped keys only).</summary>
    public async Task<ControlResult> ExecutionQualityAsync(ControlCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return RequireUnscoped(caller, "execution quality") is { } denied
            ? denied
            : FromReply(await engine.SendAsync(CommandKind.QueryExecutionQuality, string.Empty, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// One query per account the caller may see (or one for all when unscoped); <paramref name="visible"/> cuts each
    /// result down to what a scoped caller may see (results that mix accounts).
    /// </summary>
    private async Task<ControlResult> PerAccountAsync(ControlCaller caller, CommandKind kind, string? account, string field, CancellationToken cancellationToken, Func<object?, object?>? visible = null)
    {
        visible ??= static r => r;
        ArgumentNullException.ThrowIfNull(caller);
        if (account is not null)
        {
            return RequestJson.RequireIdentifier(account, field, "an account id")
                ?? RequireAccount(caller, account, field)
                ?? FromReply(await engine.SendAsync(kind, account, cancellationToken).ConfigureAwait(false), r => ResultJson.Serialize(visible(r)));
        }

        if (!caller.Scoped)
        {
            return FromReply(await engine.SendAsync(kind, string.Empty, cancellationToken).ConfigureAwait(false), r => ResultJson.Serialize(visible(r)));
        }

        var results = new JsonArray();
        foreach (var name in caller.Accounts!.Order(StringComparer.Ordinal))
        {
            var reply = await engine.SendAsync(kind, name, cancellationToken).ConfigureAwait(false);
            if (!reply.Succeeded)
            {
                return FromReply(reply);
            }

            results.Add(ResultJson.ToNode(visible(reply.Result)));
        }

        return ControlResult.Ok(results.ToJsonString(ResultJson.Options));
    }
}
