using System.CommandLine;
using MultiAsset.Control.V1;

namespace MultiAsset.Cli.Control;

/// <summary>
/// <c>maectl orders [--account A] [--strategy S] [--instrument X] [--status S] [--since T] [--limit N] [--json]</c>,
/// <c>maectl orders show ID</c>, <c>maectl orders batch -f FILE</c>, and <c>maectl fills [filters]</c> (the ledger's
/// recent fills; <c>--watch</c> streams live net fills instead). The same filters as <c>GET /orders</c> and <c>GET /fills</c>.
/// </summary>
internal static class OrderCommands
{
    private static readonly string[] OrderColumns = ["id", "account", "strategy", "symbol", "side", "quantity", "type", "limitPrice", "timeInForce", "status", "filledQuantity", "averagePrice", "riskVerdict", "createdAt"];
    private static readonly string[] FillColumns = ["id", "orderId", "account", "strategy", "symbol", "side", "quantity", "price", "fee", "currency", "venue", "time"];

    public static Command Orders(ControlRunner runner, Command batch)
    {
        var (account, strategy, instrument, since, limit) = Filters();
        var status = new Option<string?>("--status") { Description = "new, accepted, refused, working, partiallyFilled, filled, cancelled, heldUntilOpen, expired; or open / done" };
        var orders = new Command("orders", "Orders of the order ledger, newest first (show ID: one order with children and fills; batch: submit)")
        {
            account, strategy, instrument, status, since, limit,
        };
        runner.Bind(orders, parse => (c, o) => c.GetOrdersAsync(Request(parse, account, strategy, instrument, since, limit, status, null), o), OrderColumns);
        var id = new Argument<long>("id") { Description = "The order id" };
        var show = new Command("show", "One order with its child orders, fills and reasons") { id };
        runner.Bind(show, parse => (c, o) => c.GetOrderAsync(new OrderIdRequest { Id = parse.GetValue(id) }, o));
        orders.Subcommands.Add(show);
        orders.Subcommands.Add(batch);
        return orders;
    }

    public static Command Fills(ControlRunner runner, WatchRunner watcher, Option<bool> watch, Option<int> interval)
    {
        var (account, strategy, instrument, since, limit) = Filters();
        var order = new Option<long?>("--order") { Description = "Fills of one order" };
        var command = new Command("fills", "Recent fills of the order ledger, newest first (--watch: live net fills derived from position changes)")
        {
            account, strategy, instrument, order, since, limit, watch, interval,
        };
        command.SetAction((parse, cancellation) => parse.GetValue(watch) || parse.GetResult(interval) is not null
            ? watcher.RunAsync(parse, (c, o) => c.WatchFills(new WatchRequest { Account = parse.GetValue(account) ?? string.Empty, IntervalMs = parse.GetValue(interval) }, o), WatchTables.Fills, once: false, cancellation)
            : runner.RunAsync(parse, () => (c, o) => c.GetFillsAsync(Request(parse, account, strategy, instrument, since, limit, null, order), o), FillColumns, cancellation));
        return command;
    }

    private static (Option<string?> Account, Option<string?> Strategy, Option<string?> Instrument, Option<string?> Since, Option<int> Limit) Filters()
        => (new Option<string?>("--account") { Description = "One account (default: all the key may see)" },
            new Option<string?>("--strategy") { Description = "One strategy id (operator: operator orders)" },
            new Option<string?>("--instrument") { Description = "One symbol" },
            new Option<string?>("--since") { Description = "Event time lower bound, ISO-8601 (e.g. 2026-03-02T15:00:00Z)" },
            new Option<int>("--limit") { Description = "Most rows (1..10000, default 100)" });

    private static OrdersRequest Request(ParseResult parse, Option<string?> account, Option<string?> strategy, Option<string?> instrument, Option<string?> since, Option<int> limit, Option<string?>? status, Option<long?>? order) => new()
    {
        Account = parse.GetValue(account) ?? string.Empty,
        Strategy = parse.GetValue(strategy) ?? string.Empty,
        Instrument = parse.GetValue(instrument) ?? string.Empty,
        Status = status is null ? string.Empty : parse.GetValue(status) ?? string.Empty,
        Since = parse.GetValue(since) ?? string.Empty,
        Limit = parse.GetValue(limit),
        Order = order is null ? 0 : parse.GetValue(order) ?? 0,
    };
}
