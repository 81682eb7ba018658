using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline.Commands;
using MultiAsset.Engine.Routing.Stage;

namespace MultiAsset.Engine.Routing.Orders;

/// <summary>
/// Answers <c>QueryOrders</c> and <c>QueryFills</c> from the router's <see cref="OrderLedger"/>: parses the filter
/// (<see cref="OrderQuery"/>), resolves names to ids, copies the matching rows. On the engine thread between two input
/// events; never journalled.
/// </summary>
public static class OrderQueries
{
    /// <summary>Orders (a list), or one order with children and fills when the filter has an <c>id</c>.</summary>
    public static CommandReply Orders(RouterStage router, AccountDirectory accounts, string body)
    {
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(accounts);
        if (Resolve(router, accounts, body, out var query, out var filter) is { } error)
        {
            return error;
        }

        var model = router.ReadModel(accounts.NameOf);
        if (query.Id is { } id)
        {
            return model.Order(router.Ledger, id, filter.Scope) is { } order
                ? CommandReply.Ok(order)
                : CommandReply.Fail(CommandStatus.NotFound, $"No order {id} in the order ledger (it keeps every open order and the last {router.Ledger.Options.RetainedOrders} finished ones).");
        }

        return CommandReply.Ok(model.Orders(router.Ledger, in filter, query.Limit));
    }

    /// <summary>Fills, newest first.</summary>
    public static CommandReply Fills(RouterStage router, AccountDirectory accounts, string body)
    {
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(accounts);
        return Resolve(router, accounts, body, out var query, out var filter) is { } error
            ? error
            : CommandReply.Ok(router.ReadModel(accounts.NameOf).Fills(router.Ledger, in filter, query.Limit));
    }

    private static CommandReply? Resolve(RouterStage router, AccountDirectory accounts, string body, out OrderQuery query, out OrderFilter filter)
    {
        filter = default;
        if (!OrderQuery.TryParse(body ?? string.Empty, out query, out var field, out var message))
        {
            return CommandReply.Fail(CommandStatus.BadRequest, $"orders: {field}: {message}");
        }

        var account = -1;
        if (query.Account is { } name)
        {
            if (!accounts.TryResolve(name, out var id))
            {
                return CommandReply.Fail(CommandStatus.NotFound, $"No account '{name}'.");
            }

            account = id.Value;
        }

        bool[]? scope = null;
        if (query.Accounts is { } names)
        {
            scope = new bool[accounts.Count];
            foreach (var n in names)
            {
                if (accounts.TryResolve(n, out var id))
                {
                    scope[id.Value] = true;
                }
            }
        }

        var instrument = -1;
        if (query.Instrument is { } symbol)
        {
            if (!router.Catalog.TryGet(symbol, out var found))
            {
                return CommandReply.Fail(CommandStatus.BadRequest, $"orders: instrument: '{symbol}' is not an instrument of the catalogue");
            }

            instrument = found.Id.Value;
        }

        OrderStatus? status = null;
        bool? open = null;
        if (query.Status is { } text)
        {
            if (text == OrderQuery.OpenGroup || text == OrderQuery.DoneGroup)
            {
                open = text == OrderQuery.OpenGroup;
            }
            else if (OrderStatusNames.TryParse(text, out var s))
            {
                status = s;
            }
        }

        filter = new OrderFilter(account, scope, query.Strategy, instrument, status, open, query.Since ?? long.MinValue, query.Source ?? -1, query.Order ?? -1);
        return null;
    }
}
