using System.Globalization;
using System.Text;

namespace MultiAsset.Host.Tests.Backtesting;

/// <summary>Vendor-layout data and specs for backtests: minute bars with bar-start times and UTC offsets, as quants get them.</summary>
internal static class BacktestFixtures
{
    /// <summary>A momentum document that trades BTCUSD on 1-minute bars in account "btc".</summary>
    public const string Momentum = """
        {
          "id": "btc-momentum", "name": "BTC momentum", "type": "Momentum", "account": "btc",
          "assetClasses": ["CRYPTO"], "instruments": ["BTCUSD"],
          "allocation": [ { "assetClass": "CRYPTO", "targetWeight": 100, "minWeight": 0, "maxWeight": 100, "rebalanceThreshold": 5 } ],
          "riskParameters": { "assetClassLimits": { "CRYPTO": { "maxAllocation": 100, "maxDrawdown": 50, "maxLeverage": 1, "stopLossThreshold": 20 } } },
          "executionRules": [], "rebalancingRules": [],
          "parameters": { "lookback": 30, "timeframe": "1m", "volatilityTarget": 0.5, "maxPosition": 1 }
        }
        """;

    /// <summary>
    /// Writes <paramref name="bars"/> one-minute BTCUSD bars from 2024-01-02 00:00 (+00:00, bar-start labels): a slow
    /// sine with a deterministic wiggle, so momentum goes both ways and trades.
    /// </summary>
    public static string WriteBars(string folder, int bars, string name = "btc-1m.csv")
    {
        var text = new StringBuilder("timestamp,symbol,open,high,low,close,volume\n");
        var start = new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero);
        var previous = 42_000m;
        for (var i = 0; i < bars; i++)
        {
            var close = Math.Round(42_000m + (decimal)(1500 * Math.Sin(i / 240.0)) + (decimal)(40 * Math.Sin(i * 0.7)), 2);
            var open = previous;
            var high = Math.Max(open, close) + 5;
            var low = Math.Min(open, close) - 5;
            text.Append(CultureInfo.InvariantCulture, $"{start.AddMinutes(i):yyyy-MM-dd HH:mm:ss}+00:00,BTCUSD,{open},{high},{low},{close},{10 + (i % 7)}\n");
            previous = close;
        }

        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text.ToString());
        return path;
    }

    /// <summary>A spec over <c>btc-1m.csv</c> (imported) with the momentum document, writing to <c>out/</c>.</summary>
    public static string Spec(string extra = "") => $$"""
        {
          "name": "btc-momentum",
          "data": [ { "import": { "files": ["btc-1m.csv"], "kind": "bars", "barInterval": "1m", "barLabel": "start" } } ],
          "strategies": [ {{Momentum}} ],
          "fillModel": "nextOpen",
          "fees": { "makerBps": 0, "takerBps": 10 },
          "benchmark": "BTCUSD",
          "output": "out"{{extra}}
        }
        """;
}
