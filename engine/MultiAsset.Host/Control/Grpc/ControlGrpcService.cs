using Grpc.Core;
using MultiAsset.Control.V1;
using MultiAsset.Host.Control.Application;
using MultiAsset.Host.Control.Rest;
using MultiAsset.Host.Control.Security;
using MultiAsset.Host.Control.Streaming;

namespace MultiAsset.Host.Control.Grpc;

/// <summary>
/// The gRPC face of the control plane (<c>engine/protos/control.proto</c>): takes the caller the gate
/// (<see cref="ApiKeyMiddleware"/>, which runs for gRPC calls too) authenticated from the call's metadata, calls
/// <see cref="ControlService"/> like REST does, and maps failures to RpcExceptions (see <see cref="GrpcProblems"/>).
/// </summary>
internal sealed class ControlGrpcService(ControlService service, LiveViews liveViews) : MultiAsset.Control.V1.Control.ControlBase
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
        => Run(context, caller => service.OptimizeAsync(caller, request.Json, context.CancellationToken));

    public override Task<JsonReply> Rebalance(JsonRequest request, ServerCallContext context)
        => Run(context, caller => service.RebalanceAsync(caller, request.Json, context.CancellationToken));

    public override Task<JsonReply> PreviewExecution(JsonRequest request, ServerCallContext context)
        => Run(context, caller => Task.FromResult(ControlService.PreviewExecution(caller, request.Json)));

    public override Task<JsonReply> SubmitBacktest(JsonRequest request, ServerCallContext context)
        => Run(context, caller => service.SubmitBacktestAsync(caller, request.Json));

    public override Task<JsonReply> ListBacktests(Empty request, ServerCallContext context)
        => Run(context, caller => service.BacktestsAsync(caller));

    public override Task<JsonReply> GetBacktest(StrategyId request, ServerCallContext context)
        => Run(context, caller => service.BacktestAsync(caller, request.Id));

    public override Task<JsonReply> CancelBacktest(StrategyId request, ServerCallContext context)
        => Run(context, caller => service.CancelBacktestAsync(caller, request.Id));

    public override Task<JsonReply> SetKillSwitch(KillSwitchRequest request, ServerCallContext context)
        => Run(context, caller => service.KillSwitchAsync(caller, request.Account, request.On, context.CancellationToken));

    public override Task<JsonReply> GetAccounts(AccountRequest request, ServerCallContext context)
        => Run(context, caller => service.AccountsAsync(caller, NullIfEmpty(request.Account), context.CancellationToken));

    public override Task<JsonReply> GetAllocation(AccountRequest request, ServerCallContext context)
        => Run(context, caller => service.AllocationAsync(caller, request.Account, context.CancellationToken));

    public override Task<JsonReply> GetRisk(AccountRequest request, ServerCallContext context)
        => Run(context, caller => service.RiskAsync(caller, NullIfEmpty(request.Account), context.CancellationToken));

    public override Task<JsonReply> GetRiskAnalysis(RiskAnalysisRequest request, ServerCallContext context)
        => Run(context, caller => RiskAnalysis.LiveRiskParameters.TryParse(NullIfEmpty(request.Method), NullIfEmpty(request.Confidence), NullIfEmpty(request.Horizon), out var parameters, out var field, out var problem)
            ? service.RiskAsync(caller, NullIfEmpty(request.Account), parameters, context.CancellationToken)
            : Task.FromResult(ControlResult.Fail(400, problem + ".", field)));

    public override Task<JsonReply> ComputeRisk(JsonRequest request, ServerCallContext context)
        => Run(context, caller => ControlService.AnalyzeRiskAsync(caller, request.Json));

    public override Task<JsonReply> BacktestVaR(JsonRequest request, ServerCallContext context)
        => Run(context, caller => Task.FromResult(ControlService.BacktestVaR(caller, request.Json)));

    public override Task<JsonReply> StressTest(JsonRequest request, ServerCallContext context)
        => Run(context, caller => service.StressAsync(caller, request.Json, context.CancellationToken));

    public override Task<JsonReply> GetCorrelation(CorrelationRequest request, ServerCallContext context)
        => Run(context, caller => service.CorrelationAsync(caller, NullIfEmpty(request.Threshold), context.CancellationToken, NullIfEmpty(request.Symbols)));

    public override Task<JsonReply> GetConflicts(ConflictsRequest request, ServerCallContext context)
        => Run(context, caller => service.ConflictsAsync(caller, request.Limit == 0 ? null : request.Limit, context.CancellationToken));

    public override Task<JsonReply> GetExecutionQuality(Empty request, ServerCallContext context)
        => Run(context, caller => service.ExecutionQualityAsync(caller, context.CancellationToken));

    public override Task<JsonReply> SubmitOrders(JsonRequest request, ServerCallContext context)
        => Run(context, caller => service.SubmitOrdersAsync(caller, request.Json, context.CancellationToken));

    public override Task<JsonReply> GetOrders(OrdersRequest request, ServerCallContext context)
        => Run(context, caller => service.OrdersAsync(caller, Filter(request), context.CancellationToken));

    public override Task<JsonReply> GetOrder(OrderIdRequest request, ServerCallContext context)
        => Run(context, caller => service.OrderAsync(caller, request.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), context.CancellationToken));

    public override Task<JsonReply> GetFills(OrdersRequest request, ServerCallContext context)
        => Run(context, caller => service.FillsAsync(caller, Filter(request), context.CancellationToken));

    private static OrderFilterText Filter(OrdersRequest r) => new(
        NullIfEmpty(r.Account), NullIfEmpty(r.Strategy), NullIfEmpty(r.Instrument), NullIfEmpty(r.Status), NullIfEmpty(r.Since),
        r.Limit == 0 ? null : r.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        r.Order == 0 ? null : r.Order.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public override Task WatchPositions(WatchRequest request, IServerStreamWriter<WatchUpdate> responseStream, ServerCallContext context)
        => Watch(LiveView.Positions, request, responseStream, context);

    public override Task WatchRisk(WatchRequest request, IServerStreamWriter<WatchUpdate> responseStream, ServerCallContext context)
        => Watch(LiveView.Risk, request, responseStream, context);

    public override Task WatchFills(WatchRequest request, IServerStreamWriter<WatchUpdate> responseStream, ServerCallContext context)
        => Watch(LiveView.Fills, request, responseStream, context);

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    private async Task Watch(LiveView view, WatchRequest request, IServerStreamWriter<WatchUpdate> stream, ServerCallContext context)
    {
        var caller = Authenticate(context);
        var token = context.CancellationToken;
        var problem = await liveViews.RunAsync(view, caller, request, update => stream.WriteAsync(update, token), token).ConfigureAwait(false);
        if (problem is not null)
        {
            throw GrpcProblems.ToException(problem);
        }
    }

    private static async Task<JsonReply> Run(ServerCallContext context, Func<ControlCaller, Task<ControlResult>> operation)
    {
        var caller = Authenticate(context);
        var result = await operation(caller).ConfigureAwait(false);
        return result.Problem is { } problem
            ? throw GrpcProblems.ToException(problem)
            : new JsonReply { Status = result.Status, Json = result.Json ?? string.Empty };
    }

    /// <summary>The caller the gate authenticated (it has already answered UNAUTHENTICATED to a call without a valid key).</summary>
    private static ControlCaller Authenticate(ServerCallContext context) => ApiKeyMiddleware.CallerOf(context.GetHttpContext());
}
