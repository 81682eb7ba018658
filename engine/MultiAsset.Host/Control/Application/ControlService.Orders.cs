using System.Globalization;
using System.Text.Json.Nodes;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline.Commands;
using MultiAsset.Engine.Routing.Orders;
using MultiAsset.Engine.Signals.Stage;
using MultiAsset.Host.Control.Security;

namespace MultiAsset.Host.Control.Application;

/// <summary>
/// The filters of <c>GET /orders</c> and <c>GET /fills</c> as the caller wrote them (null = absent); validated by
/// <see cref="ControlService"/> (400 naming the parameter).
/// </summary>
/// <param name="Account">An account id.</param>
/// <param name="Strategy">A strategy id, or <c>operator</c>.</param>
/// <param name="Instrument">A symbol.</param>
/// <param name="Status">A status name, <c>open</c> or <c>done</c> (orders only).</param>
/// <param name="Since">ISO-8601 event time (with Z or an offset).</param>
/// <param name="Limit">1..10 000 (default 100).</param>
/// <param name="Order">An order id (fills only).</param>
public sealed record OrderFilterText(string? Account = null, string? Strategy = null, string? Instrument = null, string? Status = null, string? Since = null, string? Limit = null, string? Order = null);

/// <summary>Orders and fills: the order ledger's read model (viewer), and the batch's per-order answer.</summary>
public sealed partial class ControlService
{
    /// <summary>The query parameters of <c>GET /orders</c>.</summary>
    public static readonly string[] OrderParameters = ["account", "strategy", "instrument", "status", "since", "limit"];

    /// <summary>The query parameters of <c>GET /fills</c>.</summary>
    public static readonly string[] FillParameters = ["account", "strategy", "instrument", "order", "since", "limit"];

    /// <summary>
    /// <c>GET /orders</c>: orders of the ledger, newest first, filtered. Viewer; a scoped key sees only its accounts (and
    /// gets 403 for another account named).
    /// </summary>
    public async Task<ControlResult> OrdersAsync(ControlCaller caller, OrderFilterText filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(filter);
        return ToQuery(caller, filter, fills: false, out var query) is { } bad
            ? bad
            : FromReply(await engine.SendAsync(CommandKind.QueryOrders, query.ToBody(), cancellationToken).ConfigureAwait(false));
    }

    /// <summary><c>GET /orders/{id}</c>: one order with its children, fills and reasons (404 when unknown or out of scope).</summary>
    public async Task<ControlResult> OrderAsync(ControlCaller caller, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var orderId) || orderId <= 0)
        {
            return ControlResult.Fail(400, $"id: '{Printable(id)}' is not an order id (a positive whole number).", "id");
        }

        var query = new OrderQuery { Id = orderId, Accounts = caller.Accounts?.ToList() };
        return FromReply(await engine.SendAsync(CommandKind.QueryOrders, query.ToBody(), cancellationToken).ConfigureAwait(false));
    }

    /// <summary><c>GET /fills</c>: fills of the ledger's fill ring, newest first, filtered (viewer, account scope as orders).</summary>
    public async Task<ControlResult> FillsAsync(ControlCaller caller, OrderFilterText filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(filter);
        return ToQuery(caller, filter, fills: true, out var query) is { } bad
            ? bad
            : FromReply(await engine.SendAsync(CommandKind.QueryFills, query.ToBody(), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// The answer to an order batch the engine took: each order's id, status and reason, read from the order ledger by
    /// the command's input sequence. The query is answered between two input events, after the command's input event went
    /// through every stage (the chained engine runs an input event through all stages before it serves queries), so every
    /// order of the batch has its id and the gate's verdict by then. An order the ledger does not show (query failed)
    /// answers status <c>new</c> without an id.
    /// </summary>
    private async Task<ControlResult> BatchResultAsync(OrderBatchReceipt receipt, CancellationToken cancellationToken)
    {
        var reply = await engine.SendAsync(CommandKind.QueryOrders, new OrderQuery { Source = receipt.Sequence, Limit = OrderQuery.MaxLimit }.ToBody(), cancellationToken).ConfigureAwait(false);
        var known = reply.Succeeded && reply.Result is IEnumerable<OrderView> views ? views.Where(v => v.Strategy == OrderReadModel.OperatorStrategy).ToList() : [];
        var used = new bool[known.Count];
        var orders = new JsonArray();
        foreach (var entry in receipt.Orders)
        {
            var match = -1;
            for (var i = 0; i < known.Count && match < 0; i++)
            {
                var v = known[i];
                if (!used[i] && v.Account == entry.Account && v.Symbol == entry.Symbol && v.Side == entry.Side && v.Quantity == entry.Quantity)
                {
                    match = i;
                }
            }

            var row = new JsonObject
            {
                ["index"] = entry.Index,
                ["orderId"] = match >= 0 ? known[match].Id : null,
                ["status"] = match >= 0 ? known[match].Status : OrderStatusNames.Name(OrderStatus.New),
            };
            if (match >= 0)
            {
                used[match] = true;
                var view = known[match];
                row["riskVerdict"] = view.RiskVerdict;
                if (view.Status == OrderStatusNames.Name(OrderStatus.Refused))
                {
                    row["reason"] = view.RiskVerdict == nameof(RiskVerdict.Accepted) ? view.EndReason : view.RiskVerdict;
                }
                else if (view.HeldUntil is { } until)
                {
                    row["heldUntil"] = until;
                }

                row["filledQuantity"] = view.FilledQuantity;
            }

            row["account"] = entry.Account;
            row["symbol"] = entry.Symbol;
            row["side"] = entry.Side;
            row["quantity"] = entry.Quantity;
            row["type"] = entry.Type;
            if (entry.LimitPrice is { } limit)
            {
                row["limitPrice"] = limit;
            }

            row["timeInForce"] = entry.TimeInForce;
            row["algorithm"] = entry.Algorithm;
            orders.Add(row);
        }

        return ControlResult.Ok(new JsonObject
        {
            ["accepted"] = receipt.Accepted,
            ["sequence"] = receipt.Sequence,
            ["orders"] = orders,
        }.ToJsonString(ResultJson.Options));
    }

    /// <summary>The batch reply: per order when the engine sent a receipt, else the reply as it is.</summary>
    private async Task<ControlResult> BatchReplyAsync(CommandReply reply, CancellationToken cancellationToken)
        => reply.Succeeded && reply.Result is OrderBatchReceipt receipt ? await BatchResultAsync(receipt, cancellationToken).ConfigureAwait(false) : FromReply(reply);

    private static ControlResult? ToQuery(ControlCaller caller, OrderFilterText filter, bool fills, out OrderQuery query)
    {
        query = new OrderQuery { Accounts = caller.Accounts?.ToList() };
        if (filter.Account is { } account)
        {
            if ((RequestJson.RequireIdentifier(account, "account", "an account id") ?? RequireAccount(caller, account, "account")) is { } bad)
            {
                return bad;
            }

            query = query with { Account = account };
        }

        if (filter.Strategy is { } strategy)
        {
            if (strategy != OrderReadModel.OperatorStrategy && RequestJson.RequireIdentifier(strategy, "strategy", "a strategy id (or operator)") is { } bad)
            {
                return bad;
            }

            query = query with { Strategy = strategy };
        }

        if (filter.Instrument is { } instrument)
        {
            if (!IdentifierRules.IsValid(instrument))
            {
                return ControlResult.Fail(400, $"instrument: {IdentifierRules.Quote(instrument)} is not a symbol.", "instrument");
            }

            query = query with { Instrument = instrument };
        }

        if (filter.Status is { } status)
        {
            if (fills)
            {
                return ControlResult.Fail(400, "status: fills have no status.", "status");
            }

            if (status is not (OrderQuery.OpenGroup or OrderQuery.DoneGroup) && !OrderStatusNames.TryParse(status, out _))
            {
                return ControlResult.Fail(400, $"status: '{Printable(status)}' is not a status (expected {string.Join(", ", OrderStatusNames.All)}, open or done).", "status");
            }

            query = query with { Status = status };
        }

        if (filter.Since is { } since)
        {
            if (!OrderQuery.TryParseTime(since, out var nanos))
            {
                return ControlResult.Fail(400, $"since: '{Printable(since)}' is not an ISO-8601 time (e.g. 2026-03-02T15:00:00Z).", "since");
            }

            query = query with { Since = nanos };
        }

        if (filter.Limit is { } limitText)
        {
            if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit is < 1 or > OrderQuery.MaxLimit)
            {
                return ControlResult.Fail(400, $"limit: must be a whole number between 1 and {OrderQuery.MaxLimit} but is '{Printable(limitText)}'.", "limit");
            }

            query = query with { Limit = limit };
        }

        if (filter.Order is { } orderText)
        {
            if (!fills)
            {
                return ControlResult.Fail(400, "order: use GET /orders/{id} for one order.", "order");
            }

            if (!long.TryParse(orderText, NumberStyles.None, CultureInfo.InvariantCulture, out var order) || order <= 0)
            {
                return ControlResult.Fail(400, $"order: '{Printable(orderText)}' is not an order id (a positive whole number).", "order");
            }

            query = query with { Order = order };
        }

        return null;
    }

    private static string Printable(string text) => new([.. text.Take(100).Select(c => char.IsControl(c) ? '?' : c)]);
}
