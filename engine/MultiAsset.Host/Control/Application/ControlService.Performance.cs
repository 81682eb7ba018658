using System.Text.Json.Nodes;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Host.Control.Security;

namespace MultiAsset.Host.Control.Application;

/// <summary>The per-strategy performance grid.</summary>
public sealed partial class ControlService
{
    /// <summary>
    /// <c>GET /strategies/performance</c>: one row per strategy the caller may see (optionally of one account) —
    /// <c>{ strategy, name, account, status, baseCurrency, realised, unrealised, fees, fxTranslation, total (= realised +
    /// unrealised − fees + fxTranslation), grossExposure,
    /// netExposure, orders, fills, refusals, riskRefusals, venueRejects, capitalShare }</c>. The P&amp;L and counts are
    /// the accounts read's <c>pnl.strategies[]</c> (same query, same conventions: docs/pnl.md); the exposures are the
    /// sums of |base value| and of base value over the strategy's attributed positions (<c>pnl.strategies[].instruments</c>,
    /// in the account's base currency); status, name and capital share (a fraction of the account's equity) come from
    /// the strategies read. A strategy that has not traded yet has zeros. Viewer.
    /// </summary>
    public async Task<ControlResult> StrategyPerformanceAsync(ControlCaller caller, string? account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var accounts = await AccountsAsync(caller, account, cancellationToken).ConfigureAwait(false);
        if (!accounts.Succeeded)
        {
            return accounts;
        }

        var reply = await engine.SendAsync(CommandKind.QueryStrategies, string.Empty, cancellationToken).ConfigureAwait(false);
        if (!reply.Succeeded)
        {
            return FromReply(reply);
        }

        var root = JsonNode.Parse(accounts.Json!);
        var pnlRows = new Dictionary<(string Account, string Strategy), JsonObject>();
        var currencies = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var snapshot in (root is JsonArray many ? many : new JsonArray(root!.DeepClone())).OfType<JsonObject>())
        {
            var name = (string?)snapshot["key"] ?? (string?)snapshot["name"] ?? string.Empty;
            currencies[name] = (string?)snapshot["baseCurrency"];
            foreach (var row in (snapshot["pnl"]?["strategies"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if ((string?)row["name"] is { } strategy)
                {
                    pnlRows[(name, strategy)] = row;
                }
            }
        }

        var rows = new JsonArray();
        foreach (var view in Visible(caller, reply.Result).Where(v => account is null || v.Account == account))
        {
            var pnl = pnlRows.GetValueOrDefault((view.Account, view.Id));
            var instruments = (pnl?["instruments"] as JsonArray ?? []).OfType<JsonObject>().Select(i => Number(i["baseValue"])).ToList();
            rows.Add(new JsonObject
            {
                ["strategy"] = view.Id,
                ["name"] = view.Name,
                ["account"] = view.Account,
                ["status"] = view.Status.ToString(),
                ["baseCurrency"] = (string?)pnl?["baseCurrency"] ?? currencies.GetValueOrDefault(view.Account),
                ["realised"] = Number(pnl?["realised"]),
                ["unrealised"] = Number(pnl?["unrealised"]),
                ["fees"] = Number(pnl?["fees"]),
                ["fxTranslation"] = Number(pnl?["fxTranslation"]),
                ["total"] = Number(pnl?["total"]),
                ["grossExposure"] = instruments.Sum(Math.Abs),
                ["netExposure"] = instruments.Sum(),
                ["orders"] = Count(pnl?["orders"]),
                ["fills"] = Count(pnl?["fills"]),
                ["refusals"] = Count(pnl?["refusals"]),
                ["riskRefusals"] = Count(pnl?["riskRefusals"]),
                ["venueRejects"] = Count(pnl?["venueRejects"]),
                ["capitalShare"] = view.Capital is { } capital ? Math.Round(capital.Share, 6) : null,
            });
        }

        return ControlResult.Ok(rows.ToJsonString(ResultJson.Options));
    }

    private static decimal Number(JsonNode? node) => node is JsonValue value && value.TryGetValue<decimal>(out var number) ? number : 0m;

    private static long Count(JsonNode? node) => node is JsonValue value && value.TryGetValue<long>(out var number) ? number : 0;
}
