using System.Globalization;
using System.Text.Json.Nodes;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline.Commands;
using MultiAsset.Engine.Portfolio.Optimization.Rebalancing;

namespace MultiAsset.Host.Control.Application;

/// <summary>
/// The reply to <c>POST /rebalance</c>. Nothing is scaled silently: <c>weights</c> are applied as fractions of the
/// strategy's capital (coordination sizes a <c>TargetWeight</c> w as w × strategy capital ÷ price, in whole lots), and
/// <c>capital</c> says what that is — the strategy's capital share × the account's equity — with both numbers and the
/// resulting weights of the account (w × share). <c>orders</c> lists each order the rebalance led to (id, side,
/// quantity, risk verdict, status; for a closed market when it next opens: held until then under the account's
/// <c>closedMarket: Hold</c> policy, refused under <c>Reject</c> — send again at the open); <c>notTraded</c> the weights
/// that led to no order of the strategy (already at target, less than one lot, or netted into another strategy's order).
/// </summary>
public static class RebalanceReply
{
    /// <summary>Builds the reply (<paramref name="outcome"/> null when the engine could not say what the rebalance led to).</summary>
    public static JsonObject Build(TargetWeightsRequest request, int targets, RebalanceOutcome? outcome)
    {
        ArgumentNullException.ThrowIfNull(request);
        var weights = new JsonObject();
        foreach (var (symbol, weight) in request.Weights.OrderBy(w => w.Key, StringComparer.Ordinal))
        {
            weights[symbol] = weight;
        }

        var reply = new JsonObject
        {
            ["strategy"] = request.Strategy,
            ["action"] = request.Action.ToString(),
            ["targets"] = targets,
            ["weights"] = weights,
            ["weightBasis"] = "strategyCapital",
        };
        if (outcome is null)
        {
            reply["capital"] = null;
            reply["orders"] = null;
            return reply;
        }

        reply["account"] = outcome.Account;
        var share = outcome.CapitalShare;
        var capital = double.IsFinite(share) ? decimal.Round(outcome.AccountEquity * (decimal)share, 2) : 0m;
        var accountWeights = new JsonObject();
        foreach (var (symbol, weight) in request.Weights.OrderBy(w => w.Key, StringComparer.Ordinal))
        {
            accountWeights[symbol] = double.IsFinite(share) ? weight * share : 0;
        }

        var first = request.Weights.OrderBy(w => w.Key, StringComparer.Ordinal).First();
        reply["capital"] = new JsonObject
        {
            ["capitalShare"] = double.IsFinite(share) ? share : null,
            ["accountEquity"] = outcome.AccountEquity,
            ["strategyCapital"] = capital,
            ["currency"] = outcome.BaseCurrency,
            ["accountWeights"] = accountWeights,
            ["note"] = !double.IsFinite(share) || share <= 0
                ? $"The strategy has no capital in account '{outcome.Account}' (capital share {(double.IsFinite(share) ? share.ToString("0.####", CultureInfo.InvariantCulture) : "unknown")}): its weights size to nothing."
                : share == 1
                    ? "Weights are fractions of the strategy's capital, which is the account's whole equity: not scaled."
                    : string.Create(CultureInfo.InvariantCulture, $"Weights are fractions of the strategy's capital, not of the account: capital share {share:0.####} × account equity {outcome.AccountEquity:0.##} {outcome.BaseCurrency} = {capital:0.##}; e.g. {first.Key} {first.Value:0.####} of the strategy = {first.Value * share:0.####} of the account."),
        };

        var orders = new JsonArray();
        var traded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var order in outcome.Orders)
        {
            traded.Add(order.Symbol);
            orders.Add(new JsonObject
            {
                ["orderId"] = order.OrderId,
                ["symbol"] = order.Symbol,
                ["side"] = order.Side,
                ["quantity"] = order.Quantity,
                ["verdict"] = order.Verdict,
                ["status"] = order.Status,
                ["nextOpen"] = order.NextOpen,
            });
        }

        reply["orders"] = orders;
        reply["notTraded"] = new JsonArray([.. request.Weights.Keys.Where(s => !traded.Contains(s)).Order(StringComparer.Ordinal).Select(s => (JsonNode)s!)]);
        reply["marketClosed"] = new JsonArray([.. outcome.Orders.Where(o => o.Verdict is nameof(RiskVerdict.MarketClosed) or nameof(RiskVerdict.HeldUntilOpen)).Select(o => (JsonNode)o.Symbol!)]);
        return reply;
    }
}

/// <summary>The outcome query of <see cref="ControlService.RebalanceAsync"/>.</summary>
public sealed partial class ControlService
{
    private async Task<RebalanceOutcome?> RebalanceOutcomeAsync(string strategy, long since, CancellationToken cancellationToken)
    {
        var body = System.Text.Json.JsonSerializer.Serialize(new { strategy, since });
        var reply = await engine.SendAsync(CommandKind.QueryRebalanceOutcome, body, cancellationToken).ConfigureAwait(false);
        return reply.Succeeded ? reply.Result as RebalanceOutcome : null;
    }
}
