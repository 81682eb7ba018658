using System.Text.Json;
using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Pipeline.Commands;

namespace MultiAsset.Engine.Signals.Stage;

/// <summary>
/// The <c>SubmitOrders</c> command (the seed's <c>POST /api/multi-asset/orders/batch</c>):
/// <c>{ "orders": [ { "account", "symbol", "side": "buy|sell", "quantity", "type"?: "market|limit", "limitPrice"?,
/// "timeInForce"?: "gtc|day|ioc", "algorithm"?: "Direct|TWAP|VWAP|Implementation|Momentum|Liquidity" } ] }</c>.
/// Every order is validated before any is sent (all or nothing); valid ones go on as operator trade intents, which the
/// coordination stage publishes as they are and the risk gate checks like any other order.
/// </summary>
/// <remarks>
/// <para>Strict: an unknown field, a key written twice, a string where a number belongs, a quantity that is not a
/// positive whole number of lots (8 decimals at most), a limit price that is not positive or not on the instrument's
/// tick grid, a <c>limitPrice</c> on a market order, a limit order without one, a <c>timeInForce</c> the engine does not
/// honour (fok, gtd, opg, cls) are errors naming the field — refused, never dropped.</para>
/// <para>Limit orders: the router sends limit children at the limit (what the displayed depth within it takes fills at
/// once, the rest rests at a venue). <c>day</c> orders expire at the close of the instrument's current session (event
/// time); <c>ioc</c> orders make one pass and cancel the rest; <c>gtc</c> (the default) work until filled or a kill
/// switch stops them.</para>
/// <para>The reply (<see cref="OrderBatchReceipt"/>) carries the command's input sequence: the control plane then reads
/// the orders it caused from the order ledger (a query, answered after the command's input event went through every
/// stage) to return each order's id and status — docs/orders.md explains why.</para>
/// </remarks>
internal static class OperatorOrdersCommand
{
    /// <summary>Most orders in one batch.</summary>
    public const int MaxOrders = 500;

    /// <summary>The fields of one order.</summary>
    public static readonly string[] OrderFields = ["account", "symbol", "side", "quantity", "type", "limitPrice", "timeInForce", "algorithm"];

    // The Quantity range (8 decimals in a long).
    private const decimal MaxQuantity = 92_233_720_368.54775807m;

    public static CommandReply Execute(ReadOnlySpan<byte> body, AccountDirectory accounts, InstrumentCatalog catalog, MarketAnalytics analytics, IntentWriter intents, long timestamp, long sequence)
    {
        var orders = new List<OperatorOrder>();
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Bad("$", "expected an object { \"orders\": [...] }");
            }

            if (StrictJson.FindProblem(root) is { } problem)
            {
                return Bad(problem.Path, problem.Message);
            }

            foreach (var property in root.EnumerateObject())
            {
                if (property.Name != "orders")
                {
                    return Bad(StrictJson.Join(string.Empty, property.Name), "unknown field (expected orders)");
                }
            }

            if (!root.TryGetProperty("orders", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                return Bad("orders", "required: an array of orders");
            }

            if (list.GetArrayLength() is 0 or > MaxOrders)
            {
                return Bad("orders", $"between 1 and {MaxOrders} orders per batch");
            }

            var i = 0;
            foreach (var item in list.EnumerateArray())
            {
                if (Read(item, $"orders[{i++}]", accounts, catalog, out var order) is { } error)
                {
                    return error;
                }

                orders.Add(order);
            }
        }
        catch (JsonException e)
        {
            return Bad("$", e.Message);
        }

        var receipt = new List<OrderBatchEntry>(orders.Count);
        foreach (var order in orders)
        {
            var instrument = order.Instrument;
            ref var intent = ref intents.Claim(out var slot);
            intent.Kind = IntentKind.Trade;
            intent.Reason = IntentReason.Operator;
            intent.Urgency = order.Algorithm is ExecutionAlgorithm.Direct or ExecutionAlgorithm.Liquidity ? IntentUrgency.Immediate : IntentUrgency.Normal;
            intent.Algorithm = order.Algorithm;
            intent.Account = order.Account;
            intent.Instrument = instrument.Id;
            intent.AssetClass = instrument.AssetClass;
            intent.Side = order.Side;
            intent.Quantity = order.Quantity;
            intent.Timestamp = timestamp;
            intent.SourceSequence = sequence;
            intent.OrderType = order.Type;
            intent.TimeInForce = order.TimeInForce;
            var mid = analytics.Mid(instrument.Id);
            intent.ReferencePrice = order.Type == OrderType.Limit ? order.LimitPrice : mid.Raw != 0 ? mid : analytics.Last(instrument.Id);
            intents.Publish(slot);
            receipt.Add(new OrderBatchEntry(
                receipt.Count,
                accounts.NameOf(order.Account),
                instrument.Symbol,
                order.Side == OrderSide.Buy ? "buy" : "sell",
                order.Quantity.ToDecimal(),
                order.Type == OrderType.Limit ? "limit" : "market",
                order.Type == OrderType.Limit ? order.LimitPrice.ToDecimal() : null,
                TimeInForceName(order.TimeInForce),
                Routing.Algorithms.ExecutionAlgorithmNames.ToName(order.Algorithm)));
        }

        return CommandReply.Ok(new OrderBatchReceipt(orders.Count, sequence, receipt));
    }

    /// <summary>The API name of a time in force.</summary>
    public static string TimeInForceName(TimeInForce timeInForce) => timeInForce switch
    {
        TimeInForce.Day => "day",
        TimeInForce.ImmediateOrCancel => "ioc",
        _ => "gtc",
    };

    private static CommandReply? Read(JsonElement item, string path, AccountDirectory accounts, InstrumentCatalog catalog, out OperatorOrder order)
    {
        order = default;
        if (item.ValueKind != JsonValueKind.Object)
        {
            return Bad(path, $"expected an order object but found {item.ValueKind}");
        }

        foreach (var property in item.EnumerateObject())
        {
            if (Array.IndexOf(OrderFields, property.Name) < 0)
            {
                return Bad(StrictJson.Join(path, property.Name), $"unknown field (an order has {string.Join(", ", OrderFields)})");
            }
        }

        if (Text(item, path, "account", required: true, out var accountName) is { } error)
        {
            return error;
        }

        if (!IdentifierRules.IsValid(accountName, out var reason))
        {
            return Bad($"{path}.account", $"{IdentifierRules.Quote(accountName)} is not an account id: it {reason}");
        }

        if (!accounts.TryResolve(accountName!, out var account))
        {
            return Bad($"{path}.account", $"unknown account {IdentifierRules.Quote(accountName)}");
        }

        if ((error = Text(item, path, "symbol", required: true, out var symbol)) is not null)
        {
            return error;
        }

        if (!IdentifierRules.IsValid(symbol) || !catalog.TryGet(symbol!, out var instrument) || !instrument.IsTradable)
        {
            return Bad($"{path}.symbol", $"{IdentifierRules.Quote(symbol)} is not a tradable instrument of the catalogue");
        }

        if ((error = Text(item, path, "side", required: true, out var sideText)) is not null)
        {
            return error;
        }

        var side = sideText switch
        {
            "Buy" or "BUY" or "buy" => OrderSide.Buy,
            "Sell" or "SELL" or "sell" => OrderSide.Sell,
            _ => OrderSide.None,
        };
        if (side == OrderSide.None)
        {
            return Bad($"{path}.side", "expected buy or sell");
        }

        if (ReadQuantity(item, path, instrument, out var quantity) is { } badQuantity)
        {
            return badQuantity;
        }

        if (ReadType(item, path, instrument, out var type, out var limitPrice) is { } badType)
        {
            return badType;
        }

        if ((error = Text(item, path, "timeInForce", required: false, out var timeInForceText)) is not null)
        {
            return error;
        }

        var timeInForce = TimeInForce.Gtc;
        switch (timeInForceText?.ToUpperInvariant())
        {
            case null or "GTC":
                break;
            case "DAY":
                timeInForce = TimeInForce.Day;
                break;
            case "IOC":
                timeInForce = TimeInForce.ImmediateOrCancel;
                break;
            case "FOK" or "GTD" or "OPG" or "CLS":
                return Bad($"{path}.timeInForce", $"{IdentifierRules.Quote(timeInForceText)} is not supported (expected gtc, day or ioc)");
            default:
                return Bad($"{path}.timeInForce", "expected gtc, day or ioc");
        }

        if ((error = Text(item, path, "algorithm", required: false, out var name)) is not null)
        {
            return error;
        }

        var algorithm = ExecutionAlgorithm.Direct;
        if (name is not null && (!Enum.TryParse(name, ignoreCase: true, out algorithm) || !Enum.IsDefined(algorithm) || name.Length == 0 || !char.IsAsciiLetter(name[0])))
        {
            return Bad($"{path}.algorithm", "expected Direct, TWAP, VWAP, Implementation, Momentum or Liquidity");
        }

        order = new OperatorOrder(account, instrument, side, quantity, algorithm, type, limitPrice, timeInForce);
        return null;
    }

    private static CommandReply? ReadQuantity(JsonElement item, string path, Instrument instrument, out Quantity quantity)
    {
        quantity = default;
        var field = $"{path}.quantity";
        if (!item.TryGetProperty("quantity", out var q))
        {
            return Bad(field, $"required: a positive number of whole lots (lot {instrument.LotSize})");
        }

        if (q.ValueKind != JsonValueKind.Number)
        {
            return Bad(field, $"expected a number but found {q.ValueKind}");
        }

        if (!q.TryGetDecimal(out var amount) || amount <= 0 || amount > MaxQuantity)
        {
            return Bad(field, $"must be positive and at most {MaxQuantity}");
        }

        if (decimal.Round(amount, Quantity.Decimals) != amount)
        {
            return Bad(field, $"has more than {Quantity.Decimals} decimals (the engine's quantity precision)");
        }

        quantity = Quantity.FromDecimal(amount);
        return quantity.IsOnLot(instrument.LotSize) && quantity >= instrument.LotSize
            ? null
            : Bad(field, $"must be a whole number of lots (lot {instrument.LotSize})");
    }

    /// <summary>Market (no limit price) or limit (a positive limit price on the instrument's tick grid).</summary>
    private static CommandReply? ReadType(JsonElement item, string path, Instrument instrument, out OrderType orderType, out Price limitPrice)
    {
        orderType = OrderType.Market;
        limitPrice = default;
        if (Text(item, path, "type", required: false, out var type) is { } error)
        {
            return error;
        }

        var hasLimit = item.TryGetProperty("limitPrice", out var limit) && limit.ValueKind != JsonValueKind.Null;
        switch (type?.ToUpperInvariant())
        {
            case null or "MARKET":
                return hasLimit ? Bad($"{path}.limitPrice", "not allowed on a market order (a limit price needs type limit)") : null;
            case "LIMIT":
                if (!hasLimit)
                {
                    return Bad($"{path}.limitPrice", "required for a limit order");
                }

                if (limit.ValueKind != JsonValueKind.Number || !limit.TryGetDecimal(out var price) || price <= 0 || price > MaxQuantity)
                {
                    return Bad($"{path}.limitPrice", "expected a positive number");
                }

                if (decimal.Round(price, Price.Decimals) != price)
                {
                    return Bad($"{path}.limitPrice", $"has more than {Price.Decimals} decimals (the engine's price precision)");
                }

                limitPrice = Price.FromDecimal(price);
                if (instrument.TickSize.Raw > 0 && limitPrice.Raw % instrument.TickSize.Raw != 0)
                {
                    return Bad($"{path}.limitPrice", $"{price.ToString(System.Globalization.CultureInfo.InvariantCulture)} is not on the tick grid of {instrument.Symbol} (tick {instrument.TickSize})");
                }

                orderType = OrderType.Limit;
                return null;
            default:
                return Bad($"{path}.type", "expected market or limit");
        }
    }

    /// <summary>A string field: null when absent (or JSON null) and not required; an error for any other type.</summary>
    private static CommandReply? Text(JsonElement item, string path, string name, bool required, out string? value)
    {
        value = null;
        if (!item.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return required ? Bad($"{path}.{name}", "required") : null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return Bad($"{path}.{name}", $"expected a string but found {element.ValueKind}");
        }

        value = element.GetString();
        return null;
    }

    private static CommandReply Bad(string field, string message) => CommandReply.Fail(CommandStatus.BadRequest, $"orders: {field}: {message}");
}

/// <summary>One validated operator order.</summary>
internal readonly record struct OperatorOrder(AccountId Account, Instrument Instrument, OrderSide Side, Quantity Quantity, ExecutionAlgorithm Algorithm, OrderType Type, Price LimitPrice, TimeInForce TimeInForce);

/// <summary>
/// The engine's reply to an order batch: how many orders passed validation and went on, and the command's input (journal)
/// sequence — every order the batch caused carries it as its <c>SourceSequence</c>, so the control plane finds their ids
/// and statuses in the order ledger (a query answered after the command went through every stage).
/// </summary>
/// <param name="Accepted">Orders that passed validation and were sent on (all of them: a batch is all or nothing).</param>
/// <param name="Sequence">The command's input sequence.</param>
/// <param name="Orders">The orders as validated, in batch order.</param>
public sealed record OrderBatchReceipt(int Accepted, long Sequence, IReadOnlyList<OrderBatchEntry> Orders);

/// <summary>One order of a batch as validated (names as the API spells them).</summary>
/// <param name="Index">Position in the batch.</param>
/// <param name="Account">Account id.</param>
/// <param name="Symbol">Instrument symbol.</param>
/// <param name="Side">buy or sell.</param>
/// <param name="Quantity">Quantity in units.</param>
/// <param name="Type">market or limit.</param>
/// <param name="LimitPrice">The limit price (limit orders).</param>
/// <param name="TimeInForce">gtc, day or ioc.</param>
/// <param name="Algorithm">Execution algorithm.</param>
public sealed record OrderBatchEntry(int Index, string Account, string Symbol, string Side, decimal Quantity, string Type, decimal? LimitPrice, string TimeInForce, string Algorithm);
