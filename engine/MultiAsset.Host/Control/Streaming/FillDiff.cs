using System.Text.Json.Nodes;
using MultiAsset.Host.Control.Application;

namespace MultiAsset.Host.Control.Streaming;

/// <summary>
/// Derives fills from two account answers (QueryAccounts JSON): every position whose quantity or fees changed between
/// the polls is one net fill <c>{account, symbol, quantityDelta, quantity, averageCost, feesDelta, realisedPnlDelta}</c>.
/// Several fills of one instrument inside one poll interval merge into one line; a buy and a sell of the same size
/// inside one interval cancel out except for their fees.
/// </summary>
public static class FillDiff
{
    /// <summary>The positions in an accounts answer (an account object or an array of them), keyed by account and symbol.</summary>
    public static Dictionary<(string Account, string Symbol), Position> Positions(string accountsJson)
    {
        var result = new Dictionary<(string, string), Position>();
        var root = JsonNode.Parse(accountsJson);
        IEnumerable<JsonNode?> accounts = root is JsonArray array ? array : [root];
        foreach (var account in accounts.OfType<JsonObject>())
        {
            var name = (string?)account["key"] ?? (string?)account["name"] ?? "?";
            if (account["positions"] is not JsonArray positions)
            {
                continue;
            }

            foreach (var p in positions.OfType<JsonObject>())
            {
                var symbol = (string?)p["symbol"] ?? "?";
                result[(name, symbol)] = new Position(Number(p["quantity"]), Number(p["averageCost"]), Number(p["fees"]), Number(p["realisedPnl"]));
            }
        }

        return result;
    }

    /// <summary>The net fills from <paramref name="before"/> to <paramref name="after"/> as a JSON array (empty when none).</summary>
    public static JsonArray Between(Dictionary<(string Account, string Symbol), Position> before, Dictionary<(string Account, string Symbol), Position> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var fills = new JsonArray();
        foreach (var key in after.Keys.Union(before.Keys).OrderBy(k => k.Account, StringComparer.Ordinal).ThenBy(k => k.Symbol, StringComparer.Ordinal))
        {
            var was = before.GetValueOrDefault(key);
            var now = after.GetValueOrDefault(key);
            if (was.Quantity == now.Quantity && was.Fees == now.Fees)
            {
                continue;
            }

            fills.Add(new JsonObject
            {
                ["account"] = key.Account,
                ["symbol"] = key.Symbol,
                ["quantityDelta"] = now.Quantity - was.Quantity,
                ["quantity"] = now.Quantity,
                ["averageCost"] = now.AverageCost,
                ["feesDelta"] = now.Fees - was.Fees,
                ["realisedPnlDelta"] = now.RealisedPnl - was.RealisedPnl,
            });
        }

        return fills;
    }

    /// <summary>The JSON text of <paramref name="fills"/>.</summary>
    public static string ToJson(JsonArray fills)
    {
        ArgumentNullException.ThrowIfNull(fills);
        return fills.ToJsonString(ResultJson.Options);
    }

    private static decimal Number(JsonNode? node)
        => node is JsonValue value && value.TryGetValue<decimal>(out var d) ? d
            : node is JsonValue text && text.TryGetValue<string>(out var s) && decimal.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed
            : 0m;

    /// <summary>What a fill changes in one position.</summary>
    /// <param name="Quantity">Signed quantity.</param>
    /// <param name="AverageCost">Average cost.</param>
    /// <param name="Fees">Fees paid so far.</param>
    /// <param name="RealisedPnl">Realised P&amp;L so far.</param>
    public readonly record struct Position(decimal Quantity, decimal AverageCost, decimal Fees, decimal RealisedPnl);
}
