using System.Text.Json;
using System.Text.Json.Nodes;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Host.Backtesting;
using MultiAsset.Host.Control.Security;

namespace MultiAsset.Host.Control.Application;

/// <summary>Backtest jobs (<c>/api/multi-asset/backtests</c>): traders submit and cancel, viewers read.</summary>
public sealed partial class ControlService
{
    /// <summary>The host's backtest jobs; null when the host runs none (503).</summary>
    public BacktestJobs? Backtests { get; init; }

    /// <summary>The audit trail and journal the compliance reports read (<c>GET /reports/{kind}</c>); null without a trail.</summary>
    public ComplianceReportSource? Reports { get; init; }

    /// <summary>Queues a backtest: 202 with the job, 400 (every problem, with its field) when the spec is not valid.</summary>
    public Task<ControlResult> SubmitBacktestAsync(ControlCaller caller, string json)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (Require(caller, ControlRole.Trader, "run backtests") is { } denied)
        {
            return Task.FromResult(denied);
        }

        if (Backtests is not { } jobs)
        {
            return Task.FromResult(NoBacktests);
        }

        if (RequestJson.CheckObject(json) is { } notObject)
        {
            return Task.FromResult(notObject);
        }

        try
        {
            return Task.FromResult(ControlResult.Success(202, JobJson(jobs.Submit(json)).ToJsonString(ResultJson.Options)));
        }
        catch (ConfigurationException ex)
        {
            return Task.FromResult(ControlResult.Fail(400, ex.Message, FieldOf(ex.Message)));
        }
    }

    /// <summary>Every job (without results; GET one for its result).</summary>
    public Task<ControlResult> BacktestsAsync(ControlCaller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return Task.FromResult(Backtests is not { } jobs
            ? NoBacktests
            : ControlResult.Ok(new JsonArray([.. jobs.All.Select(j => (JsonNode)JobJson(j, withResult: false))]).ToJsonString(ResultJson.Options)));
    }

    /// <summary>One job, with its result once it succeeded; 404 when there is no such job.</summary>
    public Task<ControlResult> BacktestAsync(ControlCaller caller, string id)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (Backtests is not { } jobs)
        {
            return Task.FromResult(NoBacktests);
        }

        return Task.FromResult(jobs.Find(id) is { } job ? ControlResult.Ok(JobJson(job).ToJsonString(ResultJson.Options)) : ControlResult.Fail(404, $"No backtest '{id}'.", "id"));
    }

    /// <summary>Cancels a queued or running job (200 with the job); 409 when it has already ended.</summary>
    public Task<ControlResult> CancelBacktestAsync(ControlCaller caller, string id)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (Require(caller, ControlRole.Trader, "cancel backtests") is { } denied)
        {
            return Task.FromResult(denied);
        }

        if (Backtests is not { } jobs)
        {
            return Task.FromResult(NoBacktests);
        }

        if (jobs.Find(id) is not { } job)
        {
            return Task.FromResult(ControlResult.Fail(404, $"No backtest '{id}'.", "id"));
        }

        return Task.FromResult(BacktestJobs.Cancel(job)
            ? ControlResult.Ok(JobJson(job, withResult: false).ToJsonString(ResultJson.Options))
            : ControlResult.Fail(409, $"Backtest '{id}' has already ended ({job.Status.ToString().ToLowerInvariant()}).", "id"));
    }

    private static ControlResult NoBacktests => ControlResult.Fail(503, "This host runs no backtests (the control API was started without them).");

    private static JsonObject JobJson(BacktestJob job, bool withResult = true)
    {
        var json = new JsonObject
        {
            ["id"] = job.Id,
            ["name"] = job.Spec.Name,
            ["status"] = job.Status.ToString().ToLowerInvariant(),
            ["progress"] = Math.Round(job.Progress, 4),
            ["createdAt"] = job.CreatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["startedAt"] = job.StartedAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["finishedAt"] = job.FinishedAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["output"] = job.Spec.Output,
        };
        if (job.Error is { } error)
        {
            json["error"] = error;
        }

        if (withResult && job.Result is { } result)
        {
            // The text ./run.sh backtest prints, so maectl shows the same summary.
            json["summary"] = BacktestSummary.Format(result);
            json["result"] = JsonSerializer.SerializeToNode(result, BacktestResultWriter.Json);
            json["timing"] = JsonSerializer.SerializeToNode(result.Timing, BacktestResultWriter.Json);
            // The portfolio's equity curve for charts (equity.csv summed per sample; absent across base currencies).
            if (BacktestEquityCurve.Read(result) is { } curve)
            {
                json["equity"] = new JsonArray([.. curve.Select(p => (JsonNode)new JsonObject { ["time"] = p.Time, ["equity"] = p.Equity })]);
            }
        }

        return json;
    }
}
