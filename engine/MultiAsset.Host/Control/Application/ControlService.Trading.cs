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
    /// order's account in scope. Answers each order's id, status and reason (see <c>BatchResultAsync</c>).
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

                if (RequestJson.RequireIdentifier(name, $"{path}.account", "an account id") is { } badName)
                {
                    return badName;
                }

                if (RequireAccount(caller, name, $"{path}.account") is { } outOfScope)
                {
                    return outOfScope;
                }
            }
        }

        return RequireCommandSize(json)
            ?? await BatchReplyAsync(await engine.SendAsync(CommandKind.SubmitOrders, json, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Kill switch: <c>{ "account"?: "name", "scope"?: "global" | "account", "on": true|false }</c>. No account (absent or
    /// null) = global; <c>scope</c>, when given, must agree (global without an account, account with one); an empty or
    /// malformed account is a 400, never the global switch. Admin only; a scoped admin may switch only its accounts,
    /// never the global switch.
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
            if (RequestJson.RejectUnknown(root, string.Empty, "account", "scope", "on") is { } unknown)
            {
                return unknown;
            }

            if (!RequestJson.TryOptionalString(root, "account", "account", out account, out error)
                || !RequestJson.TryOptionalString(root, "scope", "scope", out var scope, out error))
            {
                return error!;
            }

            if (account is not null && RequestJson.RequireIdentifier(account, "account", "an account id (omit account, or send scope global, for the global switch)") is { } badAccount)
            {
                return badAccount;
            }

            switch (scope)
            {
                case null:
                    break;
                case "global" when account is not null:
                    return ControlResult.Fail(400, "scope: global takes no account.", "scope");
                case "account" when account is null:
                    return ControlResult.Fail(400, "account: required with scope account.", "account");
                case "global" or "account":
                    break;
                default:
                    return ControlResult.Fail(400, "scope: expected global or account.", "scope");
            }

            if (!root.TryGetProperty("on", out var flag) || flag.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return ControlResult.Fail(400, "on: required, true or false.", "on");
            }

            on = flag.GetBoolean();
        }

        return await KillSwitchAsync(caller, account, on, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Kill switch with typed arguments (gRPC, maectl halt/resume); a null or empty account is the global switch.</summary>
    public async Task<ControlResult> KillSwitchAsync(ControlCaller caller, string? account, bool on, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (Require(caller, ControlRole.Admin, "use the kill switch") is { } denied)
        {
            return denied;
        }

        if (string.IsNullOrEmpty(account))
        {
            // Typed callers (gRPC, proto3) cannot tell an empty string from none: for them empty is global. REST refuses
            // an empty account before it gets here.
            account = null;
            if (RequireUnscoped(caller, "the global kill switch") is { } scoped)
            {
                return scoped;
            }
        }
        else if ((RequestJson.RequireIdentifier(account, "account", "an account id") ?? RequireAccount(caller, account, "account")) is { } refused)
        {
            return refused;
        }

        var body = new JsonObject { ["account"] = account, ["on"] = on }.ToJsonString();
        return FromReply(await engine.SendAsync(CommandKind.SetKillSwitch, body, cancellationToken).ConfigureAwait(false));
    }
}
