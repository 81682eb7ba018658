using Grpc.Core;
using MultiAsset.Control.V1;
using MultiAsset.Host.Control.Application;
using MultiAsset.Host.Control.Rest;
using MultiAsset.Host.Control.Security;

namespace MultiAsset.Host.Control.Grpc;

/// <summary>
/// The gRPC face of the control plane (<c>engine/protos/control.proto</c>): authenticates the call's metadata, calls
/// <see cref="ControlService"/> like REST does, and maps failures to RpcExceptions (see <see cref="GrpcProblems"/>).
/// </summary>
internal sealed class ControlGrpcService(ControlService service, ApiKeyAuthenticator authenticator) : MultiAsset.Control.V1.Control.ControlBase
{
    public override Task<JsonReply> GetStatus(Empty request, ServerCallContext context)
        => Run(context, caller => service.StatusAsync(caller, context.CancellationToken));

    public override Task<JsonReply> ListStrategies(Empty request, ServerCallContext context)
        => Run(context, caller => service.ListStrategiesAsync(caller, context.CancellationToken));

    public override Task<JsonReply> GetStrategy(StrategyId request, ServerCallContext context)
        => Run(context, caller => service.GetStrategyAsync(caller, request.Id, context.CancellationToken));

    public override Task<JsonReply> CreateStrategy(JsonRequest request, ServerCallContext context)
        => Run(context, caller => service.CreateStrategyAsync(caller, request.Json, context.CancellationToken));

    public override Task<JsonReply> DeployStrategy(StrategyId request, ServerCallContext context)
        => Run(context, caller => service.DeployStrategyAsync(caller, request.Id, context.CancellationToken));

    public override Task<JsonReply> StopStrategy(StopStrategyRequest request, ServerCallContext context)
        => Run(context, caller => service.StopStrategyAsync(caller, request.Id, request.Flatten, context.CancellationToken));

    public override Task<JsonReply> DeleteStrategy(StopStrategyRequest request, ServerCallContext context)
        => Run(context, caller => service.DeleteStrategyAsync(caller, request.Id, request.Flatten, context.CancellationToken));

    public override Task<JsonReply> Optimize(JsonRequest request, ServerCallContext context)
        => Run(context, caller => Task.FromResult(service.Optimize(caller, request.Json)));

    public override Task<JsonReply> Rebalance(JsonRequest request, ServerCallContext context)
        => Run(context, caller => service.RebalanceAsync(caller, request.Json, context.CancellationToken));

    public override Task<JsonReply> PreviewExecution(JsonRequest request, ServerCallContext context)
        => Run(context, caller => Task.FromResult(ControlService.PreviewExecution(caller, request.Json)));

    public override Task<JsonReply> SetKillSwitch(KillSwitchRequest request, ServerCallContext context)
        => Run(context, caller => service.KillSwitchAsync(caller, request.Account, request.On, context.CancellationToken));

    public override Task<JsonReply> GetAccounts(AccountRequest request, ServerCallContext context)
        => Run(context, caller => service.AccountsAsync(caller, NullIfEmpty(request.Account), context.CancellationToken));

    public override Task<JsonReply> GetAllocation(AccountRequest request, ServerCallContext context)
        => Run(context, caller => service.AllocationAsync(caller, request.Account, context.CancellationToken));

    public override Task<JsonReply> GetRisk(AccountRequest request, ServerCallContext context)
        => Run(context, caller => service.RiskAsync(caller, NullIfEmpty(request.Account), context.CancellationToken));

    public override Task<JsonReply> GetConflicts(ConflictsRequest request, ServerCallContext context)
        => Run(context, caller => service.ConflictsAsync(caller, request.Limit == 0 ? null : request.Limit, context.CancellationToken));

    public override Task<JsonReply> GetExecutionQuality(Empty request, ServerCallContext context)
        => Run(context, caller => service.ExecutionQualityAsync(caller, context.CancellationToken));

    public override Task<JsonReply> SubmitOrders(JsonRequest request, ServerCallContext context)
        => Run(context, caller => service.SubmitOrdersAsync(caller, request.Json, context.CancellationToken));

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    private async Task<JsonReply> Run(ServerCallContext context, Func<ControlCaller, Task<ControlResult>> operation)
    {
        var key = ApiKeyMiddleware.KeyOf(context.RequestHeaders.GetValue("x-api-key"), context.RequestHeaders.GetValue("authorization"));
        if (key is null)
        {
            throw GrpcProblems.ToException(new ControlProblem(401, ControlProblem.TitleOf(401), "An API key is required: send metadata x-api-key or authorization: Bearer KEY.", "x-api-key"));
        }

        var caller = authenticator.Authenticate(key)
            ?? throw GrpcProblems.ToException(new ControlProblem(401, ControlProblem.TitleOf(401), "The API key is not valid.", "x-api-key"));
        var result = await operation(caller).ConfigureAwait(false);
        return result.Problem is { } problem
            ? throw GrpcProblems.ToException(problem)
            : new JsonReply { Status = result.Status, Json = result.Json ?? string.Empty };
    }
}
