using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Risk;
using MultiAsset.Engine.Risk.Strategies;
using MultiAsset.Engine.Signals.Strategies;
using static MultiAsset.Engine.Tests.Risk.RiskTestSupport;

namespace MultiAsset.Engine.Tests.Risk.Strategies;

/// <summary>Strategy documents and books for the per-strategy risk tests.</summary>
internal static class StrategyRiskSupport
{
    /// <summary>Strategy #0 "limited" carries <c>riskParameters</c>; #1 "free" carries none. Both trade in account alpha.</summary>
    public static readonly StrategyId Limited = new(0);

    public static readonly StrategyId Free = new(1);

    /// <summary>Account limits wide enough that only the strategy limits bind.</summary>
    public const string WideRisk = """
        {
          "global": {
            "maxLeverage": 50,
            "assetClasses": {
              "STOCK": { "maxAllocation": 100, "maxLeverage": 50, "maxOrderQuantity": 1000000 },
              "FOREX": { "maxAllocation": 100, "maxLeverage": 50 },
              "CRYPTO": { "maxAllocation": 100, "maxLeverage": 50 }
            }
          }
        }
        """;

    /// <summary>
    /// A document with <paramref name="riskParameters"/> (the <c>assetClassLimits</c> object) set directly: the loader's
    /// consistency rules (maxAllocation ≥ the allocation's maxWeight…) are the signal stage's business, not the gate's.
    /// </summary>
    public static StrategyDocument Document(string id, string? riskParameters)
    {
        var document = Plain(id);
        if (riskParameters is null)
        {
            return document;
        }

        using var json = System.Text.Json.JsonDocument.Parse(riskParameters);
        var limits = new List<AssetClassRiskLimits>();
        foreach (var property in json.RootElement.EnumerateObject())
        {
            double? Get(string name) => property.Value.TryGetProperty(name, out var v) ? v.GetDouble() : null;
            limits.Add(new AssetClassRiskLimits
            {
                AssetClass = Enum.Parse<AssetClass>(property.Name, ignoreCase: true),
                MaxAllocation = Get("maxAllocation"),
                MaxLeverage = Get("maxLeverage"),
                MaxDrawdown = Get("maxDrawdown"),
                StopLossThreshold = Get("stopLossThreshold"),
            });
        }

        return document with { RiskParameters = new CrossAssetRiskConfig { AssetClassLimits = limits } };
    }

    private static StrategyDocument Plain(string id)
    {
        var risk = string.Empty;
        var json = $$"""
            {
              "id": "{{id}}", "name": "{{id}}", "type": "Momentum", "account": "alpha",
              "assetClasses": ["STOCK", "CRYPTO"],
              "allocation": [
                { "assetClass": "STOCK", "targetWeight": 50, "minWeight": 0, "maxWeight": 100 },
                { "assetClass": "CRYPTO", "targetWeight": 50, "minWeight": 0, "maxWeight": 100 }
              ]{{risk}}
            }
            """;
        return StrategyDocumentLoader.Parse(json, id + ".json", Catalog);
    }

    /// <summary>A registry with "limited" (its document's <paramref name="limits"/>) and "free", each with half the account's capital.</summary>
    public static StrategyRiskBook Book(string limits, double share = 0.5)
    {
        var registry = new StrategyRegistry();
        registry.Register(Limited, Document("limited", limits), Alpha);
        registry.Register(Free, Document("free", null), Alpha);
        return new StrategyRiskBook(Catalog, registry, _ => share);
    }

    public static PreTradeRiskGate Gate(StrategyRiskBook book)
    {
        var gate = RiskTestSupport.Gate(WideRisk);
        gate.Strategies = book;
        return gate;
    }

    public static OrderEvent For(this OrderEvent order, StrategyId strategy)
    {
        order.Strategy = strategy;
        return order;
    }

    /// <summary>A fill report of <paramref name="quantity"/> at <paramref name="price"/> for the book.</summary>
    public static ForwardedExecution Fill(OrderSide side, decimal quantity, decimal price, decimal fee = 0) => new()
    {
        Type = ExecutionType.Fill,
        Side = side,
        Quantity = Quantity.FromDecimal(quantity),
        Price = Price.FromDecimal(price),
        Fee = Money.FromDecimal(fee),
        OrderId = ChildOrderId.Of(1, 0),
    };
}
