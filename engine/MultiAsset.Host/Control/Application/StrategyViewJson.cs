using System.Text.Json.Nodes;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Signals.Stage;
using MultiAsset.Engine.Signals.Strategies;

namespace MultiAsset.Host.Control.Application;

/// <summary>
/// A strategy view as JSON: the seed's <c>MultiAssetStrategy</c> shape (<c>id, name, type, assetClasses, allocation,
/// riskParameters, executionRules, rebalancingRules</c>, with the seed's spellings such as <c>"CRYPTO"</c>) plus the
/// engine's <c>account, instruments, status</c> and counters under <c>stats</c>.
/// </summary>
public static class StrategyViewJson
{
    /// <summary>The JSON object of <paramref name="view"/>.</summary>
    public static JsonObject From(StrategyView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var d = view.Document;
        var limits = new JsonObject();
        foreach (var l in d.RiskParameters.AssetClassLimits)
        {
            limits[AssetClassNames.ToSeedName(l.AssetClass)] = new JsonObject
            {
                ["maxAllocation"] = l.MaxAllocation,
                ["maxDrawdown"] = l.MaxDrawdown,
                ["maxLeverage"] = l.MaxLeverage,
                ["stopLossThreshold"] = l.StopLossThreshold,
            };
        }

        return new JsonObject
        {
            ["id"] = view.Id,
            ["name"] = view.Name,
            ["type"] = view.Type.ToString(),
            ["assetClasses"] = new JsonArray([.. d.AssetClasses.Select(c => (JsonNode)AssetClassNames.ToSeedName(c))]),
            ["allocation"] = new JsonArray([.. d.Allocation.Select(a => (JsonNode)new JsonObject
            {
                ["assetClass"] = AssetClassNames.ToSeedName(a.AssetClass),
                ["targetWeight"] = a.TargetWeight,
                ["minWeight"] = a.MinWeight,
                ["maxWeight"] = a.MaxWeight,
                ["rebalanceThreshold"] = a.RebalanceThreshold,
            })]),
            ["riskParameters"] = new JsonObject { ["assetClassLimits"] = limits },
            ["executionRules"] = new JsonArray([.. d.ExecutionRules.Select(r => (JsonNode)new JsonObject { ["trigger"] = r.Trigger, ["action"] = r.Action })]),
            ["rebalancingRules"] = new JsonArray([.. d.RebalancingRules.Select(RebalancingRuleJson)]),
            ["account"] = view.Account,
            ["instruments"] = new JsonArray([.. view.Instruments.Select(i => (JsonNode)i)]),
            ["status"] = view.Status.ToString(),
            // Share in percent of the account (as the seed writes weights), capital in the account's base currency.
            ["capital"] = view.Capital is { } c
                ? new JsonObject { ["sharePercent"] = Math.Round(c.Share * 100, 6), ["amount"] = Math.Round(c.Capital, 2), ["canTrade"] = c.CanTrade, ["reason"] = c.Reason }
                : null,
            ["stats"] = new JsonObject
            {
                ["strategyId"] = view.StrategyId,
                ["algorithms"] = view.Algorithms,
                ["rules"] = view.Rules,
                ["signals"] = view.Signals,
                ["ruleEvaluations"] = view.RuleEvaluations,
                ["ruleFirings"] = view.RuleFirings,
                ["intents"] = view.Intents,
            },
            ["idDerived"] = d.IdDerived ? JsonValue.Create(true) : null,
            ["parameters"] = d.Parameters is { } p ? JsonNode.Parse(p.GetRawText()) : null,
            ["defaultPair"] = d.DefaultPair,
        };
    }

    private static JsonNode RebalancingRuleJson(RebalancingRule rule)
    {
        var json = new JsonObject
        {
            ["type"] = rule.Type.ToString(),
            ["condition"] = rule.Condition,
            ["action"] = rule.Action.ToString(),
            ["intervalSeconds"] = rule.Interval?.TotalSeconds,
        };
        if (rule.HedgeInstruments.Count > 0)
        {
            json["hedgeInstruments"] = new JsonArray([.. rule.HedgeInstruments.Select(h => (JsonNode)h)]);
        }

        return json;
    }
}
