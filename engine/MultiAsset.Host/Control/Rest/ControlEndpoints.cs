using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MultiAsset.Host.Control.Application;
using MultiAsset.Host.Control.Security;

namespace MultiAsset.Host.Control.Rest;

/// <summary>
/// The seed's REST endpoints under <c>/api/multi-asset</c> (plus list, stop, kill switch, accounts and status). Each
/// reads the request, calls <see cref="ControlService"/>, and writes its <see cref="ControlResult"/>. Bodies must be
/// JSON (415), endpoints without a body refuse one (400), a known path with another verb answers 405 with
/// <c>Allow</c>, an unknown one 404 — all as problem+json.
/// </summary>
internal static class ControlEndpoints
{
    public const string Prefix = "/api/multi-asset";

    /// <summary>The Prometheus scrape path (mapped by the server when metrics are on; GET only).</summary>
    public const string MetricsPath = "/metrics";

    // ASP0016 misreads the inner operation lambdas (which return Task<ControlResult>) as request delegates; every
    // handler here writes its response itself and returns a plain Task.
#pragma warning disable ASP0016
    public static void Map(IEndpointRouteBuilder app, ControlService service)
    {
        var api = app.MapGroup(Prefix);

        api.MapGet("/whoami", (HttpContext c) => Run(c, caller => Task.FromResult(ControlService.WhoAmI(caller))));
        api.MapGet("/status", (HttpContext c) => Run(c, caller => service.StatusAsync(caller, c.RequestAborted)));

        api.MapGet("/strategies", (HttpContext c) => Run(c, caller => service.ListStrategiesAsync(caller, c.RequestAborted)));
        api.MapPost("/strategies/validate", (HttpContext c) => WithBody(c, (caller, body) => service.ValidateStrategyAsync(caller, body, c.RequestAborted, Query(c, "account"), Query(c, "id")), "account", "id"));
        api.MapGet("/strategies/completions", (HttpContext c) => Run(c, caller => service.CompletionsAsync(caller, c.RequestAborted)));
        api.MapGet("/strategies/performance", (HttpContext c) => Run(c, caller => service.StrategyPerformanceAsync(caller, Query(c, "account"), c.RequestAborted), "account"));
        api.MapPost("/strategies", (HttpContext c) => WithBody(c, (caller, body) => service.CreateStrategyAsync(caller, body, c.RequestAborted, Query(c, "account"), Query(c, "id")), "account", "id"));
        api.MapGet("/strategies/{id}", (HttpContext c, string id) => Run(c, caller => service.GetStrategyAsync(caller, id, c.RequestAborted)));
        api.MapPut("/strategies/{id}/deploy", (HttpContext c, string id) => Run(c, caller => service.DeployStrategyAsync(caller, id, c.RequestAborted)));
        api.MapPost("/strategies/{id}/stop", (HttpContext c, string id) => WithFlag(c, "flatten", (caller, flatten) => service.StopStrategyAsync(caller, id, flatten, c.RequestAborted)));
        api.MapDelete("/strategies/{id}", (HttpContext c, string id) => WithFlag(c, "flatten", (caller, flatten) => service.DeleteStrategyAsync(caller, id, flatten, c.RequestAborted)));

        api.MapPost("/optimize", (HttpContext c) => WithBody(c, (caller, body) => service.OptimizeAsync(caller, body, c.RequestAborted)));
        api.MapPost("/rebalance", (HttpContext c) => WithBody(c, (caller, body) => service.RebalanceAsync(caller, body, c.RequestAborted)));
        api.MapPost("/execution/preview", (HttpContext c) => WithBody(c, (caller, body) => Task.FromResult(ControlService.PreviewExecution(caller, body))));
        api.MapPost("/kill-switch", (HttpContext c) => WithBody(c, (caller, body) => service.SetKillSwitchAsync(caller, body, c.RequestAborted)));

        api.MapGet("/accounts", (HttpContext c) => Run(c, caller => service.AccountsAsync(caller, null, c.RequestAborted)));
        api.MapGet("/accounts/{id}", (HttpContext c, string id) => Run(c, caller => service.AccountsAsync(caller, id, c.RequestAborted)));
        api.MapGet("/allocation/{portfolioId}", (HttpContext c, string portfolioId) => Run(c, caller => service.AllocationAsync(caller, portfolioId, c.RequestAborted)));
        api.MapGet("/risk/analysis", (HttpContext c) => RiskAnalysis(c, service));
        api.MapPost("/risk/analysis", (HttpContext c) => WithBody(c, (caller, body) => ControlService.AnalyzeRiskAsync(caller, body)));
        api.MapPost("/risk/var-backtest", (HttpContext c) => WithBody(c, (caller, body) => Task.FromResult(ControlService.BacktestVaR(caller, body))));
        api.MapPost("/risk/stress", (HttpContext c) => WithBody(c, (caller, body) => service.StressAsync(caller, body, c.RequestAborted)));
        api.MapGet("/risk/correlation", (HttpContext c) => Run(c, caller => service.CorrelationAsync(caller, Query(c, "threshold"), c.RequestAborted, Query(c, "symbols")), "threshold", "symbols"));
        api.MapPost("/orders/batch", (HttpContext c) => WithBody(c, (caller, body) => service.SubmitOrdersAsync(caller, body, c.RequestAborted)));
        api.MapGet("/execution/quality", (HttpContext c) => Run(c, caller => service.ExecutionQualityAsync(caller, c.RequestAborted)));
        OrderEndpoints.Map(api, service);
        ReportEndpoints.Map(api, service.Reports);
        api.MapPost("/backtests", (HttpContext c) => WithBody(c, (caller, body) => service.SubmitBacktestAsync(caller, body)));
        api.MapGet("/backtests", (HttpContext c) => Run(c, caller => service.BacktestsAsync(caller)));
        api.MapGet("/backtests/{id}", (HttpContext c, string id) => Run(c, caller => service.BacktestAsync(caller, id)));
        api.MapDelete("/backtests/{id}", (HttpContext c, string id) => Run(c, caller => service.CancelBacktestAsync(caller, id)));
        api.MapGet("/alerts", (HttpContext c) => Run(c, caller => service.AlertsAsync(caller, Query(c, "since"), Query(c, "account"), c.RequestAborted), "since", "account"));
        api.MapGet(Streaming.EventStream.Path, (HttpContext c) => Streaming.EventStream.ServeAsync(c, service));
        api.MapGet("/conflicts", (HttpContext c) => WithLimit(c, (caller, limit) => service.ConflictsAsync(caller, limit, c.RequestAborted)));

        api.MapFallback(NoEndpoint).WithMetadata(new AllowedMethods.FallbackMarker());
        app.MapFallback(MetricsPath, NoEndpoint).WithMetadata(new AllowedMethods.FallbackMarker());
    }
#pragma warning restore ASP0016

    /// <summary>
    /// A request no endpoint took: 405 with <c>Allow</c> when the path exists for other methods (routing sends a
    /// wrong verb here because the fallback accepts any), else 404.
    /// </summary>
    private static Task NoEndpoint(HttpContext context)
    {
        var allowed = AllowedMethods.For(context, context.Request.Path);
        if (allowed.Count == 0)
        {
            return Write(context, ControlResult.Fail(404, $"There is no endpoint {Printable(context.Request.Method)} {Printable(context.Request.Path)}."));
        }

        context.Response.Headers.Allow = string.Join(", ", allowed);
        return Write(context, ControlResult.Fail(405, $"{Printable(context.Request.Method)} is not allowed on {Printable(context.Request.Path)}; allowed: {string.Join(", ", allowed)}.", "method"));
    }

    internal static async Task Run(HttpContext context, Func<ControlCaller, Task<ControlResult>> operation, params string[] parameters)
    {
        if (RequestBody.HasBody(context.Request))
        {
            await Write(context, ControlResult.Fail(400, $"{context.Request.Method} {Printable(context.Request.Path)} takes no request body.", "$")).ConfigureAwait(false);
            return;
        }

        if (CheckQuery(context, parameters) is { } badQuery)
        {
            await Write(context, badQuery).ConfigureAwait(false);
            return;
        }

        await Write(context, await operation(ApiKeyMiddleware.CallerOf(context)).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private static string Printable(string? text) => text is null ? string.Empty : new([.. text.Take(200).Select(c => char.IsControl(c) ? '?' : c)]);

    internal static Task Write(HttpContext context, ControlResult result) => ProblemWriter.ToHttp(result, context).ExecuteAsync(context);

    private static async Task WithBody(HttpContext context, Func<ControlCaller, string, Task<ControlResult>> operation, params string[] queryParameters)
    {
        if (CheckQuery(context, queryParameters) is { } badQuery)
        {
            await Write(context, badQuery).ConfigureAwait(false);
            return;
        }

        var (body, error) = await RequestBody.ReadAsync(context.Request).ConfigureAwait(false);
        await Write(context, error ?? await operation(ApiKeyMiddleware.CallerOf(context), body!).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private static Task WithFlag(HttpContext context, string name, Func<ControlCaller, bool, Task<ControlResult>> operation)
    {
        var text = Query(context, name);
        if (text is null || text.Length == 0)
        {
            return Run(context, caller => operation(caller, text is not null), name);
        }

        return bool.TryParse(text, out var flag)
            ? Run(context, caller => operation(caller, flag), name)
            : Write(context, ControlResult.Fail(400, $"{name} must be true or false but is '{text}'.", name));
    }

    private static Task WithLimit(HttpContext context, Func<ControlCaller, int?, Task<ControlResult>> operation)
    {
        var text = Query(context, "limit");
        if (text is null)
        {
            return Run(context, caller => operation(caller, null), "limit");
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit)
            ? Run(context, caller => operation(caller, limit), "limit")
            : Write(context, ControlResult.Fail(400, $"limit must be a whole number but is '{text}'.", "limit"));
    }

    /// <summary>400 for a query parameter the endpoint does not take, or one given twice (which would count is unclear).</summary>
    internal static ControlResult? CheckQuery(HttpContext context, params string[] parameters)
    {
        foreach (var (name, values) in context.Request.Query)
        {
            // Query names are case-insensitive, as ASP.NET Core reads them (and as the paths are routed).
            if (!parameters.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                return ControlResult.Fail(400, $"Unknown query parameter '{Printable(name)}'{(parameters.Length == 0 ? "; this endpoint takes none" : $" (expected {string.Join(", ", parameters)})")}.", Printable(name));
            }

            if (values.Count > 1)
            {
                return ControlResult.Fail(400, $"Query parameter '{name}' is given {values.Count} times.", name);
            }
        }

        return null;
    }

    private static Task RiskAnalysis(HttpContext c, ControlService service)
        => MultiAsset.Host.RiskAnalysis.LiveRiskParameters.TryParse(Query(c, "method"), Query(c, "confidence"), Query(c, "horizon"), Query(c, "hedges"), out var parameters, out var field, out var problem)
            ? Run(c, caller => service.RiskAsync(caller, Query(c, "account"), parameters, c.RequestAborted), "account", "method", "confidence", "horizon", "hedges")
            : Write(c, ControlResult.Fail(400, problem + ".", field));

    internal static string? Query(HttpContext context, string name)
        => context.Request.Query.TryGetValue(name, out var values) ? values.ToString() : null;
}
