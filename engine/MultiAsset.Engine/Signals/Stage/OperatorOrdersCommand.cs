using System.Text.Json;
using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline.Commands;

namespace MultiAsset.Engine.Signals.Stage;

/// <summary>
/// The <c>SubmitOrders</c> command (the seed's <c>POST /api/multi-asset/orders/batch</c>):
/// <c>{ "orders": [ { "account", "symbol", "side": "Buy|Sell", "quantity", "algorithm"?: "Direct|TWAP|VWAP|Implementation|Momentum|Liquidity" } ] }</c>.
/// Every order is validated before any is sent (all or nothing); valid ones go on as operator trade intents, which the
/// coordination stage publishes as they are and the risk gate checks like any other order.
/// </summary>
internal static class OperatorOrdersCommand
{
    /// <summary>Most orders in one batch.</summary>
    public const int MaxOrders = 500;

    public static CommandReply Execute(ReadOnlySpan<byte> body, AccountDirectory accounts, InstrumentCatalog catalog, MarketAnalytics analytics, IntentWriter intents, long timestamp, long sequence)
    {
        var orders = new List<(AccountId Account, Instrument Instrument, OrderSide Side, Quantity Quantity, ExecutionAlgorithm Algorithm)>();
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("orders", out var list) || list.ValueKind != JsonValueKind.Array)
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
                var path = $"orders[{i++}]";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    return Bad(path, "expected an object");
                }

                var accountName = Text(item, "account");
                if (accountName is null || !accounts.TryResolve(accountName, out var account))
                {
                    return Bad($"{path}.account", $"unknown account '{accountName}'");
                }

                var symbol = Text(item, "symbol");
                if (symbol is null || !catalog.TryGet(symbol, out var instrument) || !instrument.IsTradable)
                {
                    return Bad($"{path}.symbol", $"'{symbol}' is not a tradable instrument of the catalogue");
                }

                var side = Text(item, "side") switch
                {
                    "Buy" or "BUY" or "buy" => OrderSide.Buy,
                    "Sell" or "SELL" or "sell" => OrderSide.Sell,
                    _ => OrderSide.None,
                };
                if (side == OrderSide.None)
                {
                    return Bad($"{path}.side", "expected Buy or Sell");
                }

                if (!item.TryGetProperty("quantity", out var q) || q.ValueKind != JsonValueKind.Number || !q.TryGetDecimal(out var amount) || amount <= 0
                    || !Quantity.TryFromDouble((double)amount, out var quantity) || !quantity.IsOnLot(instrument.LotSize))
                {
                    return Bad($"{path}.quantity", $"a positive number of whole lots (lot {instrument.LotSize})");
                }

                var name = Text(item, "algorithm");
                ExecutionAlgorithm algorithm = ExecutionAlgorithm.Direct;
                if (name is not null && (!Enum.TryParse(name, ignoreCase: true, out algorithm) || !Enum.IsDefined(algorithm) || char.IsDigit(name[0])))
                {
                    return Bad($"{path}.algorithm", "expected Direct, TWAP, VWAP, Implementation, Momentum or Liquidity");
                }

                orders.Add((account, instrument, side, quantity, algorithm));
            }
        }
        catch (JsonException e)
        {
            return Bad("body", e.Message);
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

    private static string? Text(JsonElement item, string name)
        => item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static CommandReply Bad(string field, string message) => CommandReply.Fail(CommandStatus.BadRequest, $"{field}: {message}");
}
