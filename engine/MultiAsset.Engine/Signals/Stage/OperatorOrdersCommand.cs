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
/// <c>{ "orders": [ { "account", "symbol", "side": "buy|sell", "quantity", "type"?: "market", "timeInForce"?: "gtc",
/// "algorithm"?: "Direct|TWAP|VWAP|Implementation|Momentum|Liquidity" } ] }</c>.
/// Every order is validated before any is sent (all or nothing); valid ones go on as operator trade intents, which the
/// coordination stage publishes as they are and the risk gate checks like any other order.
/// </summary>
/// <remarks>
/// Strict: an unknown field, a key written twice, a string where a number belongs, a quantity that is not a positive
/// whole number of lots (8 decimals at most) are errors naming the field. Fields an order has but the engine cannot
/// honour yet are refused rather than dropped: <c>type: "limit"</c> (with its <c>limitPrice</c>; the router sends
/// market child orders), <c>limitPrice</c> on a market order, and a <c>timeInForce</c> other than <c>gtc</c> (a parent
/// order works until it is filled or a kill switch stops it; nothing expires it).
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
        var orders = new List<(AccountId Account, Instrument Instrument, OrderSide Side, Quantity Quantity, ExecutionAlgorithm Algorithm)>();
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

        foreach (var (account, instrument, side, quantity, algorithm) in orders)
        {
            ref var intent = ref intents.Claim(out var slot);
            intent.Kind = IntentKind.Trade;
            intent.Reason = IntentReason.Operator;
            intent.Urgency = algorithm is ExecutionAlgorithm.Direct or ExecutionAlgorithm.Liquidity ? IntentUrgency.Immediate : IntentUrgency.Normal;
            intent.Algorithm = algorithm;
            intent.Account = account;
            intent.Instrument = instrument.Id;
            intent.AssetClass = instrument.AssetClass;
            intent.Side = side;
            intent.Quantity = quantity;
            intent.Timestamp = timestamp;
            intent.SourceSequence = sequence;
            var mid = analytics.Mid(instrument.Id);
            intent.ReferencePrice = mid.Raw != 0 ? mid : analytics.Last(instrument.Id);
            intents.Publish(slot);
        }

        return CommandReply.Ok(new { accepted = orders.Count });
    }

    private static CommandReply? Read(JsonElement item, string path, AccountDirectory accounts, InstrumentCatalog catalog, out (AccountId, Instrument, OrderSide, Quantity, ExecutionAlgorithm) order)
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

        if (ReadType(item, path) is { } badType)
        {
            return badType;
        }

        if ((error = Text(item, path, "timeInForce", required: false, out var timeInForce)) is not null)
        {
            return error;
        }

        if (timeInForce is not null && !timeInForce.Equals("gtc", StringComparison.OrdinalIgnoreCase))
        {
            return Bad($"{path}.timeInForce", timeInForce.ToUpperInvariant() is "DAY" or "IOC" or "FOK" or "GTD" or "OPG" or "CLS"
                ? $"{IdentifierRules.Quote(timeInForce)} is not supported yet: a parent order works until it is filled or a kill switch stops it (gtc)"
                : "expected gtc");
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

        order = (account, instrument, side, quantity, algorithm);
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

    /// <summary>Only market orders are honoured; a limit order (and a limit price anywhere) is refused, never dropped.</summary>
    private static CommandReply? ReadType(JsonElement item, string path)
    {
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

                if (limit.ValueKind != JsonValueKind.Number || !limit.TryGetDouble(out var price) || !(price > 0) || !double.IsFinite(price))
                {
                    return Bad($"{path}.limitPrice", "expected a positive number");
                }

                return Bad($"{path}.type", "limit orders are not supported yet (the router sends market child orders); send type market without a limitPrice");
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
