namespace MultiAsset.Host.Tests.Backtesting.Sweeps;

/// <summary>A SmaCross backtest over the vendor minute-bar fixture, and sweep specs over it.</summary>
internal static class SweepFixtures
{
    /// <summary>Writes <paramref name="bars"/> minute bars and spec.json (SmaCross "sma-btc" on BTCUSD, account "btc").</summary>
    public static void WriteBacktest(string folder, int bars)
    {
        BacktestFixtures.WriteBars(folder, bars);
        File.WriteAllText(Path.Combine(folder, "spec.json"), """
            {
              "name": "sma",
              "data": [ { "import": { "files": ["btc-1m.csv"], "kind": "bars", "barInterval": "1m", "barLabel": "start" } } ],
              "strategies": [ {
                "id": "sma-btc", "name": "SMA BTC", "type": "SmaCross", "account": "btc", "assetClasses": ["CRYPTO"], "instruments": ["BTCUSD"],
                "allocation": [ { "assetClass": "CRYPTO", "targetWeight": 100, "minWeight": 0, "maxWeight": 100 } ],
                "riskParameters": {}, "executionRules": [], "rebalancingRules": [],
                "parameters": { "fast": 5, "slow": 30, "quantity": 1, "timeframe": "1m" } } ],
              "fillModel": "nextOpen", "fees": { "makerBps": 0, "takerBps": 10 }, "equityInterval": "1h", "output": "out"
            }
            """);
    }

    /// <summary>Writes sweep.json with <paramref name="body"/> (fields after "backtest") and returns its path.</summary>
    public static string WriteSweep(string folder, string body, string name = "sweep.json")
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, $$"""{ "backtest": "spec.json", {{body}} }""");
        return path;
    }
}
