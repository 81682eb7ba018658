using System.Text.Json;
using System.Text.Json.Nodes;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Portfolio.Optimization;
using MultiAsset.Engine.Portfolio.Optimization.Contract;
using MultiAsset.Engine.Portfolio.Optimization.Rebalancing;
using MultiAsset.Engine.Routing.Algorithms.Preview;
using MultiAsset.Host.Control.Security;

namespace MultiAsset.Host.Control.Application;

/// <summary>Portfolio operations: optimise, rebalance, execution preview.</summary>
public sealed partial class ControlService
{
    /// <summary>
    /// Runs the portfolio optimiser (a library call, no engine state): <c>OptimizeRequest</c> JSON in,
    /// <c>OptimizeResponse</c> JSON out. Bad input → 400 with the field; infeasible or unbounded → 422.
    /// </summary>
    public ControlResult Optimize(ControlCaller caller, string json)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (Require(caller, ControlRole.Trader, "run the optimiser") is { } denied)
        {
            return denied;
        }

        if (string.IsNullOrWhiteSpace(json))
        {
            return ControlResult.Fail(400, "The request body is empty; expected an optimisation request.", "$");
        }

        if (RequestJson.CheckObject(json) is { } malformed)
        {
            return malformed;
        }

        try
        {
            return ControlResult.Ok(optimizer.OptimizeJson(json));
        }
        catch (Exception ex) when (OptimizationProblem(ex, "check the covariance and constraints") is { } problem)
        {
            return problem;
        }
    }

    /// <summary>
    /// The problem answer for an optimiser failure — 400 for bad input, 422 for an infeasible or unbounded problem, and
    /// as a last resort 422 when the request passed validation but the numeric library failed on it (never a 500) —
    /// or null when <paramref name="ex"/> is not one. <paramref name="hint"/> ends the last resort's message.
    /// </summary>
    private static ControlResult? OptimizationProblem(Exception ex, string hint) => ex switch
    {
        OptimizationInputException input => ControlResult.Fail(400, input.Message, input.Field.Length == 0 ? "$" : input.Field),
        OptimizationInfeasibleException infeasible => ControlResult.Fail(422, infeasible.Message, infeasible.Constraints.Count > 0 ? string.Join(",", infeasible.Constraints) : "constraints"),
        OptimizationUnboundedException unbounded => ControlResult.Fail(422, unbounded.Message, "objective"),
        _ when IsNumericFailure(ex) => ControlResult.Fail(422, $"The optimiser could not solve this request ({ex.GetType().Name}); {hint}.", "$"),
        _ => null,
    };

    /// <summary>Pre-trade schedule preview (a library call): <c>ExecutionPreviewRequest</c> JSON in, response JSON out.</summary>
    public static ControlResult PreviewExecution(ControlCaller caller, string json)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (Require(caller, ControlRole.Trader, "preview executions") is { } denied)
        {
            return denied;
        }

        if (string.IsNullOrWhiteSpace(json))
        {
            return ControlResult.Fail(400, "The request body is empty; expected an execution preview request.", "$");
        }

        if (RequestJson.CheckObject(json) is { } malformed)
        {
            return malformed;
        }

        try
        {
            return ControlResult.Ok(ExecutionPreviewService.PreviewJson(json));
        }
        catch (ExecutionPreviewException ex)
        {
            return ControlResult.Fail(400, ex.Message, ex.Field);
        }
        catch (Exception ex) when (IsNumericFailure(ex))
        {
            // A last resort, as for the optimiser: validation bounds every input, so this should not happen.
            return ControlResult.Fail(422, $"The preview could not be computed for this request ({ex.GetType().Name}).", "$");
        }
    }

    /// <summary>
    /// The seed's <c>POST /rebalance</c>: target weights for a strategy (<c>TargetWeightsRequest</c>), sent as
    /// <see cref="CommandKind.SetTargetWeights"/>; 200 with the weights applied, how the strategy's capital share scales
    /// them, and the orders they led to with the risk verdicts (see <see cref="RebalanceReply"/>).
    /// </summary>
    public async Task<ControlResult> RebalanceAsync(ControlCaller caller, string json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (Require(caller, ControlRole.Trader, "rebalance") is { } denied)
        {
            return denied;
        }

        if (!RequestJson.TryParseObject(json, out var document, out var error))
        {
            return error!;
        }

        document.Dispose();
        TargetWeightsRequest request;
        try
        {
            request = TargetWeightsRequest.Parse(json);
        }
        catch (JsonException ex)
        {
            var field = RequestJson.FieldOf(ex);
            return ControlResult.Fail(400, $"rebalance request: {(field == "$" ? string.Empty : field + ": ")}{ex.Message}", field);
        }

        if (request.FindProblem() is { } problem)
        {
            return ControlResult.Fail(400, $"rebalance request: {problem.Field}: {problem.Message}.", problem.Field);
        }

        if (request.Account is { } account && RequireAccount(caller, account, "account") is { } outOfScope)
        {
            return outOfScope;
        }

        var (_, notFound) = await FindAsync(caller, request.Strategy, cancellationToken).ConfigureAwait(false);
        if (notFound is not null)
        {
            return notFound.Problem!.Field == "id" ? ControlResult.Fail(notFound.Status, notFound.Problem.Detail, "strategy") : notFound;
        }

        if (RequireCommandSize(json) is { } tooLarge)
        {
            return tooLarge;
        }

        // What the engine had checked before (a query): orders above this id are the ones the rebalance led to.
        var before = await RebalanceOutcomeAsync(request.Strategy, -1, cancellationToken).ConfigureAwait(false);
        var reply = await engine.SendAsync(CommandKind.SetTargetWeights, json, cancellationToken).ConfigureAwait(false);
        if (!reply.Succeeded)
        {
            return FromReply(reply);
        }

        var after = before is null ? null : await RebalanceOutcomeAsync(request.Strategy, before.LastOrderId, cancellationToken).ConfigureAwait(false);
        return ControlResult.Ok(RebalanceReply.Build(request, reply.Result is int n ? n : 0, after).ToJsonString(ResultJson.Options));
    }

    /// <summary>Exceptions a numeric library throws on inputs it cannot take (overflow inside a decomposition and the like).</summary>
    private static bool IsNumericFailure(Exception ex)
        => ex is ArithmeticException or IndexOutOfRangeException or ArgumentException or InvalidOperationException or NotSupportedException;
}
