using System.Text.Json;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline.Commands;
using MultiAsset.Engine.Signals.Stage;

namespace MultiAsset.Host;

/// <summary>What a rebalance of a strategy led to, as the engine knows it (see <see cref="CommandKind.QueryRebalanceOutcome"/>).</summary>
/// <param name="Strategy">Strategy id.</param>
/// <param name="Account">Its account.</param>
/// <param name="CapitalShare">The fraction of the account's equity the strategy sizes with (coordination's allocation).</param>
/// <param name="AccountEquity">The account's equity, base currency.</param>
/// <param name="BaseCurrency">The account's base currency.</param>
/// <param name="LastOrderId">The highest order id the risk gate has checked.</param>
/// <param name="Orders">The strategy's last order per instrument with an id above the one asked for.</param>
public sealed record RebalanceOutcome(string Strategy, string Account, double CapitalShare, decimal AccountEquity, string BaseCurrency, long LastOrderId, IReadOnlyList<RebalanceOrder> Orders);

/// <summary>One order a rebalance led to.</summary>
/// <param name="OrderId">Engine order id.</param>
/// <param name="Symbol">Instrument.</param>
/// <param name="Side">Buy or Sell.</param>
/// <param name="Quantity">Quantity (instrument units).</param>
/// <param name="Verdict">The risk gate's verdict.</param>
/// <param name="Status">accepted, held until open, refused: market closed, or refused.</param>
/// <param name="NextOpen">For a closed market, when it next opens (ISO 8601, UTC).</param>
public sealed record RebalanceOrder(long OrderId, string Symbol, string Side, decimal Quantity, string Verdict, string Status, string? NextOpen);

/// <summary>Answers <see cref="CommandKind.QueryRebalanceOutcome"/> on the engine thread (a query: copies, changes nothing).</summary>
internal static class RebalanceOutcomeQuery
{
    internal sealed record Body(string Strategy, long Since);

    public static CommandReply Answer(EngineStages stages, string text)
    {
        Body? body;
        try
        {
            body = JsonSerializer.Deserialize<Body>(text, JsonSerializerOptions.Web);
        }
        catch (JsonException e)
        {
            return CommandReply.Fail(CommandStatus.BadRequest, $"rebalance outcome query: {e.Message}");
        }

        if (body is null || string.IsNullOrEmpty(body.Strategy))
        {
            return CommandReply.Fail(CommandStatus.BadRequest, "rebalance outcome query: a strategy is required");
        }

        if (stages.Signals.QueryStrategies(body.Strategy).Result is not StrategyView view)
        {
            return CommandReply.Fail(CommandStatus.NotFound, $"No strategy with id '{body.Strategy}'.");
        }

        var strategy = new StrategyId(view.StrategyId);
        var book = stages.Accounts.Book;
        var catalog = book.Catalog;
        stages.AccountNames.TryResolve(view.Account, out var account);
        var risk = stages.Risk.Strategies;
        var orders = new List<RebalanceOrder>();
        var analytics = stages.MarketData.Analytics;
        long now = 0;
        foreach (var any in catalog.Instruments)
        {
            now = Math.Max(now, analytics.Instrument(any.Id).LastUpdate);
        }

        var slot = risk?.SlotOf(strategy) ?? -1;
        if (risk is not null && slot >= 0 && body.Since >= 0)
        {
            foreach (var instrument in catalog.Tradable)
            {
                var (orderId, quantity, verdict) = risk.LastOrder(slot, instrument.Id);
                if (orderId <= body.Since)
                {
                    continue;
                }

                var closed = verdict is RiskVerdict.MarketClosed or RiskVerdict.HeldUntilOpen;
                var nextOpen = closed && instrument.IsTradable
                    ? DateTimeOffset.FromUnixTimeMilliseconds(stages.Risk.Gate.NextOpen(instrument.Id, now) / 1_000_000).ToString("O")
                    : null;
                orders.Add(new RebalanceOrder(
                    orderId,
                    instrument.Symbol,
                    quantity >= 0 ? "Buy" : "Sell",
                    Quantity.FromRaw(Math.Abs(quantity)).ToDecimal(),
                    verdict.ToString(),
                    verdict switch
                    {
                        RiskVerdict.Accepted => "accepted",
                        RiskVerdict.HeldUntilOpen => "held until open",
                        RiskVerdict.MarketClosed => "refused: market closed",
                        _ => "refused",
                    },
                    nextOpen));
            }
        }

        return CommandReply.Ok(new RebalanceOutcome(
            view.Id,
            view.Account,
            stages.Coordination.CapitalShare(strategy),
            book.Equity(account).ToDecimal(),
            book.Currencies[book.BaseCurrency(account)],
            risk?.LastOrderId ?? 0,
            orders));
    }
}
