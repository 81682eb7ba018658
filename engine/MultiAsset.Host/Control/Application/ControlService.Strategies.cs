using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline.Commands;
using MultiAsset.Engine.Signals.Stage;
using MultiAsset.Engine.Signals.Strategies;
using MultiAsset.Host.Control.Security;

namespace MultiAsset.Host.Control.Application;

/// <summary>Strategy operations: list, get, create, deploy, stop, delete.</summary>
public sealed partial class ControlService
{
    /// <summary>Every strategy the caller may see, as a JSON array of strategy views.</summary>
    public async Task<ControlResult> ListStrategiesAsync(ControlCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var reply = await engine.SendAsync(CommandKind.QueryStrategies, string.Empty, cancellationToken).ConfigureAwait(false);
        return reply.Succeeded ? ControlResult.Ok(ResultJson.Serialize(Visible(caller, reply.Result))) : FromReply(reply);
    }

    /// <summary>One strategy view (404 when absent or in an account the caller may not see).</summary>
    public async Task<ControlResult> GetStrategyAsync(ControlCaller caller, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var (view, error) = await FindAsync(caller, id, cancellationToken).ConfigureAwait(false);
        return error ?? ControlResult.Ok(ResultJson.Serialize(view));
    }

    /// <summary>
    /// Creates a strategy from the seed's <c>MultiAssetStrategy</c> document (the seed's examples as written: id and
    /// account optional); 201 with the strategy view. Needs trader and the document's account in scope.
    /// <paramref name="account"/> and <paramref name="id"/> (the REST query's <c>?account=</c> / <c>?id=</c>) place a
    /// document that names neither — the seed's examples verbatim — in another account or under another id; a
    /// document that names a different one is refused (400) rather than silently overridden.
    /// </summary>
    public async Task<ControlResult> CreateStrategyAsync(ControlCaller caller, string json, CancellationToken cancellationToken, string? account = null, string? id = null)
    {
        var (reply, refused) = await SendDocumentAsync(caller, json, CommandKind.CreateStrategy, "create strategies", account, id, cancellationToken).ConfigureAwait(false);
        return refused ?? FromReply(reply!);
    }

    /// <summary>
    /// A strategy document to the engine as <paramref name="kind"/> (create, or validate) once <see cref="CheckCreateRequest"/>
    /// passed it; the engine's reply, or the refusal.
    /// </summary>
    private async Task<(CommandReply? Reply, ControlResult? Refused)> SendDocumentAsync(ControlCaller caller, string json, CommandKind kind, string operation, string? account, string? id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(json);
        var (checkedJson, refused) = CheckCreateRequest(caller, json, operation, account, id);
        return refused is not null ? (null, refused) : (await engine.SendAsync(kind, checkedJson!, cancellationToken).ConfigureAwait(false), null);
    }

    /// <summary>
    /// The checks of a create request before the engine sees it (shared by create and validate): the role, the
    /// <c>?account=</c>/<c>?id=</c> placement, a JSON object, the account in scope, the size; the JSON to send, or the refusal.
    /// </summary>
    private static (string? Json, ControlResult? Refused) CheckCreateRequest(ControlCaller caller, string json, string operation, string? account, string? id)
    {
        if (Require(caller, ControlRole.Trader, operation) is { } denied)
        {
            return (null, denied);
        }

        if (account is not null || id is not null)
        {
            var (placed, placeError) = StrategyPlacement.Apply(json, account, id);
            if (placeError is not null)
            {
                return (null, placeError);
            }

            json = placed!;
        }

        if (!RequestJson.TryParseObject(json, out var document, out var error))
        {
            return (null, error!);
        }

        using (document)
        {
            if (!RequestJson.TryOptionalString(document.RootElement, "account", "account", out var documentAccount, out error))
            {
                return (null, error!);
            }

            if (documentAccount is not null && RequestJson.RequireIdentifier(documentAccount, "account", "an account id") is { } badAccount)
            {
                return (null, badAccount);
            }

            if (RequireAccount(caller, documentAccount ?? StrategyDocument.DefaultAccount, "account") is { } outOfScope)
            {
                return (null, outOfScope);
            }
        }

        if (RequireCommandSize(json) is { } tooLarge)
        {
            return (null, tooLarge);
        }

        return (json, null);
    }

    /// <summary>Deploys a created or stopped strategy.</summary>
    public async Task<ControlResult> DeployStrategyAsync(ControlCaller caller, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (Require(caller, ControlRole.Trader, "deploy strategies") is { } denied)
        {
            return denied;
        }

        var (_, error) = await FindAsync(caller, id, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var deployed = await engine.SendAsync(CommandKind.DeployStrategy, id, cancellationToken).ConfigureAwait(false);
        if (!deployed.Succeeded)
        {
            return FromReply(deployed);
        }

        // Read the view back (a query, answered after the deploy went through every stage): it carries the capital the
        // strategy will size with, so a deploy into an account that gives it none says so in its reply.
        var (view, _) = await FindAsync(caller, id, cancellationToken).ConfigureAwait(false);
        return view is null ? FromReply(deployed) : ControlResult.Success((int)deployed.Status, ResultJson.Serialize(view));
    }

    /// <summary>Stops a deployed strategy; <paramref name="flatten"/> also closes its positions.</summary>
    public async Task<ControlResult> StopStrategyAsync(ControlCaller caller, string id, bool flatten, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (Require(caller, ControlRole.Trader, "stop strategies") is { } denied)
        {
            return denied;
        }

        var (_, error) = await FindAsync(caller, id, cancellationToken).ConfigureAwait(false);
        return error ?? FromReply(await engine.SendAsync(CommandKind.StopStrategy, StopBody(id, flatten), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// The seed's <c>DELETE /strategies/:id</c> ("stop strategy"): stops the strategy if it is deployed (flattening
    /// when asked), then deletes it; 200 with the last view.
    /// </summary>
    public async Task<ControlResult> DeleteStrategyAsync(ControlCaller caller, string id, bool flatten, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (Require(caller, ControlRole.Trader, "delete strategies") is { } denied)
        {
            return denied;
        }

        var (view, error) = await FindAsync(caller, id, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (view!.Status == StrategyLifecycle.Deployed)
        {
            var stop = await engine.SendAsync(CommandKind.StopStrategy, StopBody(id, flatten), cancellationToken).ConfigureAwait(false);
            if (!stop.Succeeded)
            {
                return FromReply(stop);
            }
        }

        return FromReply(await engine.SendAsync(CommandKind.DeleteStrategy, id, cancellationToken).ConfigureAwait(false));
    }

    private static string StopBody(string id, bool flatten) => flatten ? id + "\nflatten" : id;

    /// <summary>The strategy <paramref name="id"/> if the caller may see it; otherwise the error to return (400, 404, 504).</summary>
    private async Task<(StrategyView? View, ControlResult? Error)> FindAsync(ControlCaller caller, string id, CancellationToken cancellationToken)
    {
        if (RequestJson.RequireIdentifier(id, "id", $"a strategy id (1 to {IdentifierRules.MaxLength} printable characters, no '/', '\\' or '..')") is { } badId)
        {
            return (null, badId);
        }

        var reply = await engine.SendAsync(CommandKind.QueryStrategies, id, cancellationToken).ConfigureAwait(false);
        if (!reply.Succeeded)
        {
            return (null, reply.Status == CommandStatus.NotFound ? ControlResult.Fail(404, reply.Message ?? $"No strategy with id '{id}'.", "id") : FromReply(reply));
        }

        return reply.Result is StrategyView view && caller.CanAccess(view.Account)
            ? (view, null)
            : (null, ControlResult.Fail(404, $"No strategy with id '{id}'.", "id"));
    }

    /// <summary>The strategy views in a query result the caller may see.</summary>
    // An unscoped key sees the engine's list itself (shared by identical reads, serialized once); a scoped one a filtered copy.
    private static IReadOnlyList<StrategyView> Visible(ControlCaller caller, object? result)
        => result is not IEnumerable<StrategyView> views ? []
            : !caller.Scoped && views is IReadOnlyList<StrategyView> all ? all
            : [.. views.Where(v => caller.CanAccess(v.Account))];
}
