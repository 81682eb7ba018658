using System.Text;
using System.Text.Json.Nodes;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline.Commands;
using MultiAsset.Engine.Portfolio.Optimization;
using MultiAsset.Engine.Portfolio.Optimization.Contract;
using MultiAsset.Host.Control.Security;

namespace MultiAsset.Host.Control.Application;

/// <summary>
/// The control plane's application layer: turns each control operation into commands for the engine (or a library
/// call for the pure computations), enforces roles and account scope, and returns a protocol-neutral
/// <see cref="ControlResult"/>. REST and gRPC both call it; it never touches engine state, only
/// <see cref="IEngineCommands"/>.
/// </summary>
/// <remarks>
/// Roles: <see cref="ControlRole.Viewer"/> reads; <see cref="ControlRole.Trader"/> also manages strategies, submits
/// orders, rebalances, optimises and previews; <see cref="ControlRole.Admin"/> also uses the kill switch. A key scoped
/// to accounts sees only its accounts' strategies (others answer 404, as if absent) and gets 403 for any request that
/// names another account; cross-account reads (conflicts, execution quality) and the global kill switch need an
/// unscoped key.
/// </remarks>
public sealed partial class ControlService
{
    private const int DefaultConflictLimit = 100;
    private readonly IEngineCommands engine;
    private readonly PortfolioOptimizationService optimizer;

    /// <summary>Creates the service over <paramref name="engine"/>; <paramref name="assetInfo"/> classifies optimiser assets.</summary>
    public ControlService(IEngineCommands engine, IAssetInfoLookup? assetInfo = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        this.engine = engine;
        optimizer = new PortfolioOptimizationService(assetInfo);
    }

    /// <summary>Engine status: <c>{ "engine": "running", "strategies": N, "deployed": M }</c> (504 when the engine does not answer).</summary>
    public async Task<ControlResult> StatusAsync(ControlCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var reply = await engine.SendAsync(CommandKind.QueryStrategies, string.Empty, cancellationToken).ConfigureAwait(false);
        if (!reply.Succeeded)
        {
            return FromReply(reply);
        }

        var views = Visible(caller, reply.Result);
        return ControlResult.Ok(new JsonObject
        {
            ["engine"] = "running",
            ["caller"] = caller.Name,
            ["role"] = caller.Role.ToString().ToLowerInvariant(),
            ["strategies"] = views.Count,
            ["deployed"] = views.Count(v => v.Status == Engine.Signals.Stage.StrategyLifecycle.Deployed),
        }.ToJsonString(ResultJson.Options));
    }

    /// <summary>
    /// Who the key is and what it may do, so a UI can hide what the server would refuse anyway:
    /// <c>{ "caller", "role", "accounts": [..] | null (all), "canTrade", "canAdmin" }</c>. Any role; never asks the engine.
    /// </summary>
    public static ControlResult WhoAmI(ControlCaller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return ControlResult.Ok(CallerJson(caller).ToJsonString(ResultJson.Options));
    }

    /// <summary>The caller as JSON: name, role and account scope (null = every account), and what the role allows.</summary>
    internal static JsonObject CallerJson(ControlCaller caller) => new()
    {
        ["caller"] = caller.Name,
        ["role"] = caller.Role.ToString().ToLowerInvariant(),
        // Written even when null (ResultJson omits nulls): "accounts": null means every account.
        ["accounts"] = caller.Accounts is null ? JsonValue.Create((string?)null) : new JsonArray([.. caller.Accounts.Order(StringComparer.Ordinal).Select(a => (JsonNode)a)]),
        ["canTrade"] = caller.Has(ControlRole.Trader),
        ["canAdmin"] = caller.Has(ControlRole.Admin),
    };

    /// <summary>403 unless the caller's role includes <paramref name="role"/>.</summary>
    private static ControlResult? Require(ControlCaller caller, ControlRole role, string operation)
        => caller.Has(role) ? null : ControlResult.Fail(403, $"Key '{caller.Name}' ({caller.Role.ToString().ToLowerInvariant()}) may not {operation}; it needs the {role.ToString().ToLowerInvariant()} role.");

    /// <summary>403 unless the caller may touch <paramref name="account"/>.</summary>
    private static ControlResult? RequireAccount(ControlCaller caller, string account, string field)
        => caller.CanAccess(account) ? null : ControlResult.Fail(403, $"Key '{caller.Name}' may not use account '{account}'.", field);

    /// <summary>403 for a key scoped to accounts (the operation spans accounts).</summary>
    private static ControlResult? RequireUnscoped(ControlCaller caller, string operation)
        => caller.Scoped ? ControlResult.Fail(403, $"Key '{caller.Name}' is limited to accounts {string.Join(", ", caller.Accounts!)}; {operation} spans accounts and needs an unscoped key.") : null;

    /// <summary>413 when the body is larger than a command can carry.</summary>
    private static ControlResult? RequireCommandSize(string body)
    {
        var bytes = Encoding.UTF8.GetByteCount(body);
        return bytes <= CommandPublisher.MaxBodyLength ? null
            : ControlResult.Fail(413, $"The request has {bytes} bytes; the engine accepts at most {CommandPublisher.MaxBodyLength} bytes for this operation.", "$");
    }

    /// <summary>The reply as a result: its status, and its result as JSON or its message as a problem.</summary>
    private static ControlResult FromReply(CommandReply reply, Func<object?, string>? map = null)
        => reply.Succeeded
            ? ControlResult.Success((int)reply.Status, map is null ? ResultJson.Serialize(reply.Result) : map(reply.Result))
            : ControlResult.Fail((int)reply.Status, reply.Message ?? reply.Status.ToString(), FieldOf(reply.Message));

    /// <summary>
    /// The field an engine error names: messages read <c>"strategy: allocation[0].maxWeight: …"</c> (or list several
    /// such errors, the first counts); the second part is the field when it looks like a path.
    /// </summary>
    internal static string? FieldOf(string? message)
    {
        if (message is null)
        {
            return null;
        }

        // One error, or "N configuration errors:" then "  - error" lines: the first error names the field.
        var lines = message.Split('\n');
        var line = lines.Length > 1 && lines[0].EndsWith("errors:", StringComparison.Ordinal) ? lines[1].Trim().TrimStart('-').Trim() : lines[0].TrimEnd('\r');
        var parts = line.Split(": ");
        if (parts.Length >= 3 && parts[0] is "strategy" or "rebalance request" or "kill switch" or "orders" or "backtest" or "stress" && parts[1].Length > 0 && !parts[1].Contains(' ', StringComparison.Ordinal))
        {
            return parts[1];
        }

        return null;
    }
}
