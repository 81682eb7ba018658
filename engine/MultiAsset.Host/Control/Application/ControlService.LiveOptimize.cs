using System.Text.Json;
using System.Text.Json.Nodes;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Portfolio.Optimization;
using MultiAsset.Engine.Portfolio.Optimization.Contract;
using MultiAsset.Engine.Portfolio.Optimization.Live;
using MultiAsset.Host.Control.Security;

namespace MultiAsset.Host.Control.Application;

/// <summary><c>POST /optimize</c> with a <c>portfolioId</c>: the optimiser on the engine's live estimates.</summary>
public sealed partial class ControlService
{
    /// <summary>
    /// The seed's <c>POST /optimize</c>. Without <c>portfolioId</c>, as <see cref="Optimize"/> (the caller brings the
    /// covariance). With <c>portfolioId</c> (an account id), asks the engine for the live estimates (a query, not
    /// journalled) of the account's universe — or of <c>assets</c> — and optimises on them; the reply is the optimiser's
    /// answer plus <c>portfolioId</c>, <c>estimates</c> (as of when, observations, estimator, the annual expected returns
    /// and covariance used) and <c>excluded</c> (universe instruments left out, and why). 404 for an unknown account;
    /// 422 when there is not enough data yet (the message says how many observations or bars are needed).
    /// </summary>
    public async Task<ControlResult> OptimizeAsync(ControlCaller caller, string json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (Require(caller, ControlRole.Trader, "run the optimiser") is { } denied)
        {
            return denied;
        }

        if (string.IsNullOrWhiteSpace(json) || RequestJson.CheckObject(json) is not null)
        {
            return Optimize(caller, json);
        }

        OptimizeRequest request;
        try
        {
            request = PortfolioOptimizationService.ParseRequest(json);
        }
        catch (OptimizationInputException)
        {
            return Optimize(caller, json); // the same 400, with the field
        }

        if (request.PortfolioId is not { } portfolio)
        {
            return Optimize(caller, json);
        }

        if (RequestJson.RequireIdentifier(portfolio, "portfolioId", "an account id") is { } badId)
        {
            return badId;
        }

        if (RequireAccount(caller, portfolio, "portfolioId") is { } outOfScope)
        {
            return outOfScope;
        }

        var body = JsonSerializer.Serialize(new { account = portfolio, assets = request.Assets }, JsonSerializerOptions.Web);
        var reply = await engine.SendAsync(CommandKind.QueryEstimates, body, cancellationToken).ConfigureAwait(false);
        if (!reply.Succeeded)
        {
            return FromReply(reply) is { Status: 404 } notFound ? ControlResult.Fail(404, reply.Message ?? "Not found.", "portfolioId") : FromReply(reply);
        }

        if (reply.Result is not LiveEstimatesAnswer answer)
        {
            return ControlResult.Fail(500, "The engine answered the estimates query with something else.", "$");
        }

        if (answer.Estimates is not { } estimates)
        {
            return ControlResult.Fail(answer.Status, answer.Message ?? "No live estimates.", answer.Field ?? "portfolioId");
        }

        OptimizeResponse response;
        try
        {
            response = optimizer.Optimize(LiveOptimization.WithEstimates(request, estimates), liveEstimates: true);
        }
        catch (Exception ex) when (OptimizationProblem(ex, "on the live estimates") is { } problem)
        {
            return problem;
        }

        var node = JsonNode.Parse(PortfolioOptimizationService.Serialize(response))!.AsObject();
        node["portfolioId"] = portfolio;
        node["estimates"] = JsonSerializer.SerializeToNode(estimates, ResultJson.Options);
        node["excluded"] = JsonSerializer.SerializeToNode(answer.Excluded, ResultJson.Options);
        return ControlResult.Ok(node.ToJsonString(ResultJson.Options));
    }
}
