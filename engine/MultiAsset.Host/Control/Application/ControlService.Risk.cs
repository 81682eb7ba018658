using System.Globalization;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Host.Control.Security;
using MultiAsset.Host.RiskAnalysis;

namespace MultiAsset.Host.Control.Application;

/// <summary>
/// Cross-asset risk: the live correlation matrix with its long-run counterpart and breaks, and the risk measures of
/// explicit inputs (what-if). The POST computations (what-if, stress) need the trader role, like the optimiser and
/// the execution preview; the GETs are for every role.
/// </summary>
public sealed partial class ControlService
{
    /// <summary>
    /// <c>POST /risk/analysis</c>: VaR, ES and their decomposition for the exposures and covariance (or return
    /// history, or P&amp;L scenarios) in the body — a computation on the caller's numbers, touching no engine state.
    /// Every problem of the body is listed (the first one's path is the problem's field).
    /// </summary>
    public static async Task<ControlResult> AnalyzeRiskAsync(ControlCaller caller, string json)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (Require(caller, ControlRole.Trader, "run risk what-ifs") is { } denied)
        {
            return denied;
        }

        if (string.IsNullOrWhiteSpace(json))
        {
            return ControlResult.Fail(400, "The request body is empty; expected a risk analysis request (positions and a covariance, returns or scenarios).", "$");
        }

        // Off the request thread: a large Monte Carlo run takes a while.
        var (response, problems) = await Task.Run(() => Engine.Risk.Analytics.Contract.RiskAnalysisContract.Analyze(json)).ConfigureAwait(false);
        return response is not null
            ? ControlResult.Ok(ResultJson.Serialize(response))
            : Problems(problems.Select(p => (p.Field, p.Reason)).ToList());
    }

    /// <summary>
    /// <c>POST /risk/stress</c>: every account the caller may see (or those the body names) revalued under the named
    /// scenarios of <c>config/scenarios.json</c> and/or the body's ad-hoc shocks, with the limits that would be
    /// breached; optional what-if positions. Answered on the engine thread from live positions (a read).
    /// </summary>
    public async Task<ControlResult> StressAsync(ControlCaller caller, string json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (Require(caller, ControlRole.Trader, "run stress tests") is { } denied)
        {
            return denied;
        }

        if (string.IsNullOrWhiteSpace(json))
        {
            return ControlResult.Fail(400, "The request body is empty; expected a stress request (scenario, scenarios or shocks).", "$");
        }

        if (RequestJson.CheckObject(json) is { } malformed)
        {
            return malformed;
        }

        if (caller.Accounts is { } allowed)
        {
            // A scoped key stresses only its accounts: the ones it names must be its own; none named = all of its own.
            var body = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
            if (body["accounts"] is System.Text.Json.Nodes.JsonArray named)
            {
                foreach (var item in named)
                {
                    if (item?.GetValueKind() == System.Text.Json.JsonValueKind.String && RequireAccount(caller, item.GetValue<string>(), "accounts") is { } refused)
                    {
                        return refused;
                    }
                }
            }
            else if (!body.ContainsKey("accounts"))
            {
                body["accounts"] = new System.Text.Json.Nodes.JsonArray([.. allowed.Order(StringComparer.Ordinal).Select(a => (System.Text.Json.Nodes.JsonNode?)a)]);
                json = body.ToJsonString();
            }
        }

        return FromReply(await engine.SendAsync(CommandKind.QueryStress, json, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// <c>POST /risk/var-backtest</c>: Kupiec's proportion-of-failures test, Christoffersen's independence and
    /// conditional-coverage tests and the Basel traffic-light zone of a realised daily P&amp;L series against its VaR
    /// forecasts (a computation on the caller's numbers).
    /// </summary>
    public static ControlResult BacktestVaR(ControlCaller caller, string json)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (Require(caller, ControlRole.Trader, "run VaR backtests") is { } denied)
        {
            return denied;
        }

        if (string.IsNullOrWhiteSpace(json))
        {
            return ControlResult.Fail(400, "The request body is empty; expected { \"realisedPnl\": [...], \"valueAtRisk\": [...], \"confidence\": 0.99 }.", "$");
        }

        return VaRBacktestRequest.TryParse(json, out var request, out var field, out var problem)
            ? ControlResult.Ok(ResultJson.Serialize(request!.Run()))
            : ControlResult.Fail(400, problem + ".", field);
    }

    /// <summary>A 400 listing every problem ("path: reason; ..."), naming the first one's path as the field.</summary>
    internal static ControlResult Problems(IReadOnlyList<(string Field, string Reason)> problems)
        => problems.Count == 0
            ? ControlResult.Fail(400, "The request was refused.", "$")
            : ControlResult.Fail(400, string.Join("; ", problems.Take(20).Select(p => $"{p.Field}: {p.Reason}")) + (problems.Count > 20 ? $"; and {problems.Count - 20} more" : string.Empty) + ".", problems[0].Field);

    /// <summary>
    /// <c>GET /risk/correlation</c>: the live EWMA correlation matrix, the long-run one and the pairs beyond
    /// <paramref name="threshold"/> (text from the query string; default <see cref="CorrelationReport.DefaultBreakThreshold"/>).
    /// <paramref name="symbols"/> (comma-separated) cuts the matrices to those instruments, in that order.
    /// Market data, not account data: every role and scope may read it.
    /// </summary>
    public async Task<ControlResult> CorrelationAsync(ControlCaller caller, string? threshold, CancellationToken cancellationToken, string? symbols = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var limit = CorrelationReport.DefaultBreakThreshold;
        if (threshold is not null
            && (!double.TryParse(threshold, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out limit) || !double.IsFinite(limit) || limit is <= 0 or > 2))
        {
            return ControlResult.Fail(400, $"threshold must be a number in (0, 2] (a change in correlation) but is '{threshold}'.", "threshold");
        }

        // An unscoped read of every account's inputs, of which only the market part (the matrices) is used.
        var reply = await engine.SendAsync(CommandKind.QueryRisk, string.Empty, cancellationToken).ConfigureAwait(false);
        if (!reply.Succeeded || reply.Result is not RiskReport { Inputs: { } inputs })
        {
            return FromReply(reply);
        }

        if (symbols is not null)
        {
            var asked = symbols.Split(',', StringSplitOptions.TrimEntries);
            if (asked.Length == 0 || asked.Any(s => s.Length == 0) || asked.Distinct(StringComparer.Ordinal).Count() != asked.Length)
            {
                return ControlResult.Fail(400, $"symbols must be a comma-separated list of distinct symbols but is '{symbols}'.", "symbols");
            }

            if (!inputs.TrySubset(asked, out inputs, out var missing))
            {
                return ControlResult.Fail(400, $"symbols: '{missing}' is not in the correlation universe (marketData.analytics.correlation.universe).", "symbols");
            }
        }

        return ControlResult.Ok(ResultJson.Serialize(CorrelationReport.Build(inputs, limit)));
    }
}
