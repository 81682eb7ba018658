using System.Text.Json.Nodes;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Host.Backtesting.Sweeps;

/// <summary>Builds the backtest of one run: the base spec with the chosen document's parameters replaced, its own output folder, the prepared data and no report.</summary>
public static class SweepVariant
{
    /// <summary>
    /// <paramref name="spec"/>'s backtest with <paramref name="set"/> written into the <c>parameters</c> of its chosen
    /// strategy document (other parameters kept), replaying <paramref name="data"/> over [<paramref name="startNs"/>,
    /// <paramref name="endNs"/>) (null: the base spec's window) into <paramref name="output"/>.
    /// </summary>
    public static BacktestSpec Build(SweepSpec spec, SweepParameterSet set, SweepData data, string output, long? startNs = null, long? endNs = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(data);
        var strategies = spec.Backtest.Strategies.ToList();
        var (source, json) = strategies[spec.StrategyIndex];
        var document = JsonNode.Parse(json) as JsonObject ?? throw new ConfigurationException($"{source}: the strategy document is not a JSON object");
        if (document["parameters"] is not JsonObject parameters)
        {
            parameters = [];
            document["parameters"] = parameters;
        }

        foreach (var (name, value) in set.Values)
        {
            parameters[name] = value.DeepClone();
        }

        strategies[spec.StrategyIndex] = (source, document.ToJsonString());
        return spec.Backtest with
        {
            Strategies = strategies,
            Data = data.Data,
            Output = output,
            Report = false,
            StartNs = startNs ?? spec.Backtest.StartNs,
            EndNs = endNs ?? spec.Backtest.EndNs,
        };
    }
}
