namespace MultiAsset.Host.Tests.Control;

/// <summary>The seed's two strategy examples, as written (TypeScript object literals turned into JSON, nothing added).</summary>
internal static class SeedExamples
{
    public const string CryptoTech = """
        {
          "name": "Crypto-Tech Momentum",
          "type": "Correlation",
          "assetClasses": ["CRYPTO", "STOCK"],
          "allocation": [
            { "assetClass": "CRYPTO", "targetWeight": 30, "minWeight": 20, "maxWeight": 40 },
            { "assetClass": "STOCK", "targetWeight": 70, "minWeight": 60, "maxWeight": 80 }
          ],
          "executionRules": [
            {
              "trigger": "BTC momentum > 0.05 AND NASDAQ momentum > 0.03",
              "action": "Increase crypto allocation by 5%"
            }
          ]
        }
        """;

    public const string CarryTrade = """
        {
          "name": "FX Carry with Equity Hedge",
          "type": "Arbitrage",
          "assetClasses": ["FOREX", "STOCK"],
          "allocation": [
            { "assetClass": "FOREX", "targetWeight": 60, "minWeight": 50, "maxWeight": 70 },
            { "assetClass": "STOCK", "targetWeight": 40, "minWeight": 30, "maxWeight": 50 }
          ],
          "executionRules": [
            {
              "trigger": "Interest rate differential > 2%",
              "action": "Initiate carry trade with equity hedge"
            }
          ]
        }
        """;

    /// <summary>A strategy with its own id in account <paramref name="account"/>.</summary>
    public static string InAccount(string id, string account) => $$"""
        {
          "id": "{{id}}", "account": "{{account}}",
          "name": "Test {{id}}",
          "type": "Correlation",
          "assetClasses": ["CRYPTO", "STOCK"],
          "allocation": [
            { "assetClass": "CRYPTO", "targetWeight": 30, "minWeight": 20, "maxWeight": 40 },
            { "assetClass": "STOCK", "targetWeight": 70, "minWeight": 60, "maxWeight": 80 }
          ],
          "executionRules": [ { "trigger": "BTC momentum > 0.05", "action": "Increase crypto allocation by 5%" } ]
        }
        """;

    public const string Optimize = """
        {
          "optimizationMethod": "MeanVariance",
          "objective": "MinVariance",
          "assets": ["SPY", "TLT", "GLD"],
          "expectedReturns": [0.08, 0.04, 0.05],
          "covariance": [[0.04, -0.01, 0.0], [-0.01, 0.02, 0.0], [0.0, 0.0, 0.03]],
          "constraints": { "longOnly": true, "maxAssetWeight": 0.6 }
        }
        """;

    public const string Preview = """
        { "algorithm": "TWAP", "side": "Buy", "quantity": 1000, "slices": 4, "sliceSeconds": 60 }
        """;
}
