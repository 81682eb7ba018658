using System.Text.Json;
using System.Text.Json.Nodes;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Host.Control.Security;

namespace MultiAsset.Host.Control.Application;

/// <summary>Trading operations: the order batch and the kill switch.</summary>
public sealed partial class ControlService
{
    /// <summary>
    /// The seed's <c>POST /orders/batch</c>: <c>{ "orders": [ { "account", "symbol", "side", "quantity", … } ] }</c>,
    /// sent as <see cref="CommandKind.SubmitOrders"/> (the engine validates the orders). Needs trader and every
    /// order's account in scope.
    /// </summary>
    public async Task<ControlResult> SubmitOrdersAsync(ControlCaller caller, string json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (Require(caller, ControlRole.Trader, "submit orders") is { } denied)
        {
            return denied;
        }

        if (!RequestJson.TryParseObject(json, out var document, out var error))
        {
            return error!;
        }

        using (document)
        {
            if (!document.RootElement.TryGetProperty("orders", out var orders) || orders.ValueKind != JsonValueKind.Array || orders.GetArrayLength() == 0)
            {
                return ControlResult.Fail(400, "orders: expected a non-empty array of orders.", "orders");
            }

            var i = 0;
            foreach (var order in orders.EnumerateArray())
            {
                var path = $"orders[{i++}]";
                if (order.ValueKind != JsonValueKind.Object)
                {
                    return ControlResult.Fail(400, $"{path}: expected an order object but found {order.ValueKind}.", path);
                }

                if (!order.TryGetProperty("account", out var account) || account.ValueKind != JsonValueKind.String || account.GetString() is not { Length: > 0 } name)
                {
                    return ControlResult.Fail(400, $"{path}.account: required, an account id.", $"{path}.account");
                }

                if (RequireAccount(caller, name, $"{path}.account") is { } outOfScope)
                {
                    return outOfScope;
                }
            }
        }

        return RequireCommandSize(json)
            ?? FromReply(await engine.SendAsync(CommandKind.SubmitOrders, json, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Kill switch: <c>{ "account": "name" | null, "on": true|false }</c> (no account = global). Admin only; a scoped
    /// admin may switch only its accounts, never the global switch.
    /// </summary>
    public async Task<ControlResult> SetKillSwitchAsync(ControlCaller caller, string json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (Require(caller, ControlRole.Admin, "use the kill switch") is { } denied)
        {
            return denied;
        }

        if (!RequestJson.TryParseObject(json, out var document, out var error))
        {
            return error!;
        }

        string? account;
        bool on;
        using (document)
        {
            var root = document.RootElement;
            foreach (var property in root.EnumerateObject())
            {
                if (property.Name is not ("account" or "on"))
                {
                    return ControlResult.Fail(400, $"{property.Name}: unknown field (expected account, on).", property.Name);
                }
            }

            if (!RequestJson.TryOptionalString(root, "account", "account", out account, out error))
            {
                return error!;
            }

            if (!root.TryGetProperty("on", out var flag) || flag.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return ControlResult.Fail(400, "on: required, true or false.", "on");
            }

            on = flag.GetBoolean();
        }

        return await KillSwitchAsync(caller, account, on, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Kill switch with typed arguments (gRPC, maectl halt/resume).</summary>
    public async Task<ControlResult> KillSwitchAsync(ControlCaller caller, string? account, bool on, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (Require(caller, ControlRole.Admin, "use the kill switch") is { } denied)
        {
            return denied;
        }

        if (string.IsNullOrEmpty(account))
        {
            account = null;
            if (RequireUnscoped(caller, "the global kill switch") is { } scoped)
            {
                return scoped;
            }
        }
        else if (RequireAccount(caller, account, "account") is { } outOfScope)
        {
            return outOfScope;
        }

        var body = new JsonObject { ["account"] = account, ["on"] = on }.ToJsonString();
        return FromReply(await engine.SendAsync(CommandKind.SetKillSwitch, body, cancellationToken).ConfigureAwait(false));
    }
}
