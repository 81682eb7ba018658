using System.Text.Json;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Coordination.Config;

/// <summary>
/// Reads one <c>capitalAllocation[]</c> entry: <c>{ "account", "method", "weights"?, "lookback"?, "floor"? }</c>.
/// <c>weights</c> (percent per strategy id, sum ≤ 100) belongs to FixedWeights, <c>lookback</c> to InverseVolatility
/// and PerformanceWeighted, <c>floor</c> (percent) to PerformanceWeighted.
/// </summary>
internal static class CapitalAllocationRuleReader
{
    public static CapitalAllocationRule? Read(JsonElement item, string path, JsonSectionReader reader, AccountDirectory? accounts)
    {
        if (!reader.ExpectObject(item, path))
        {
            return null;
        }

        reader.RejectUnknown(item, path, "account", "method", "weights", "lookback", "floor");
        var account = ConfigValues.Account(reader, item, path, "account", required: true, accounts);
        var errorsBefore = reader.Errors.Count;
        var method = reader.Enum(item, path, "method", CapitalAllocationMethod.Equal, required: true);
        if (reader.Errors.Count != errorsBefore || account is null)
        {
            return null;
        }

        NotFor(item, path, reader, "weights", method, CapitalAllocationMethod.FixedWeights);
        NotFor(item, path, reader, "lookback", method, CapitalAllocationMethod.InverseVolatility, CapitalAllocationMethod.PerformanceWeighted);
        NotFor(item, path, reader, "floor", method, CapitalAllocationMethod.PerformanceWeighted);
        var weights = method == CapitalAllocationMethod.FixedWeights ? Weights(item, path, reader) : new Dictionary<string, double>();
        return new CapitalAllocationRule
        {
            Account = account,
            Method = method,
            Weights = weights,
            Lookback = reader.Duration(item, path, "lookback", CapitalAllocationRule.DefaultLookback),
            FloorPercent = method == CapitalAllocationMethod.PerformanceWeighted ? ConfigValues.Number(reader, item, path, "floor", 0, 0, 99.999) : 0,
        };
    }

    private static void NotFor(JsonElement item, string path, JsonSectionReader reader, string field, CapitalAllocationMethod method, params CapitalAllocationMethod[] methods)
    {
        if (item.TryGetProperty(field, out _) && Array.IndexOf(methods, method) < 0)
        {
            reader.Error(JsonSectionReader.Join(path, field), $"does not apply to method {method} (only to {string.Join(", ", methods)})");
        }
    }

    private static Dictionary<string, double> Weights(JsonElement item, string path, JsonSectionReader reader)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        var weightsPath = JsonSectionReader.Join(path, "weights");
        if (!item.TryGetProperty("weights", out var section))
        {
            reader.Error(weightsPath, "required field is missing (percent of the account's capital per strategy id)");
            return weights;
        }

        if (!reader.ExpectObject(section, weightsPath))
        {
            return weights;
        }

        var total = 0.0;
        foreach (var property in section.EnumerateObject())
        {
            var weight = ConfigValues.Number(reader, property.Value, JsonSectionReader.Join(weightsPath, property.Name), double.NaN, 0, 100);
            if (!double.IsNaN(weight))
            {
                weights[property.Name] = weight;
                total += weight;
            }
        }

        // A little tolerance: weights such as 33.33 × 3 are meant to be the whole account.
        if (total > 100 + 1e-6)
        {
            reader.Error(weightsPath, $"weights add up to {total}%, more than 100%");
        }

        return weights;
    }
}
