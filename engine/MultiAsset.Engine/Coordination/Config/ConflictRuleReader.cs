using System.Text.Json;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Coordination.Config;

/// <summary>
/// Reads one <c>conflictResolution[]</c> entry: <c>{ "condition", "resolution", "parameters": { ... } }</c>. Which
/// parameters are allowed depends on the two: scope (<c>account</c>, <c>assetClass</c>) always; <c>strategies</c> for
/// Prioritize; <c>retries</c> for Defer; <c>maxNotional</c> (required) for ExposureOverlap.
/// </summary>
internal static class ConflictRuleReader
{
    private const int MaxRetries = 100;

    public static ConflictRule? Read(JsonElement item, string path, JsonSectionReader reader, AccountDirectory? accounts)
    {
        if (!reader.ExpectObject(item, path))
        {
            return null;
        }

        reader.RejectUnknown(item, path, "condition", "resolution", "parameters");
        var condition = NotNone(reader, item, path, "condition", ConflictCondition.None);
        var resolution = NotNone(reader, item, path, "resolution", ConflictResolution.None);
        if (condition == ConflictCondition.None || resolution == ConflictResolution.None)
        {
            return null;
        }

        if (condition == ConflictCondition.AllocationBand && resolution is not (ConflictResolution.Prioritize or ConflictResolution.Cancel))
        {
            reader.Error(JsonSectionReader.Join(path, "resolution"),
                $"{resolution} does not apply to AllocationBand (expected Prioritize: clamp the weight to the band, or Cancel: ignore the request)");
            return null;
        }

        var parametersPath = JsonSectionReader.Join(path, "parameters");
        var hasParameters = item.TryGetProperty("parameters", out var parameters);
        if (hasParameters && !reader.ExpectObject(parameters, parametersPath))
        {
            return null;
        }

        var allowed = new List<string> { "account", "assetClass" };
        if (resolution == ConflictResolution.Prioritize)
        {
            allowed.Add("strategies");
        }

        if (resolution == ConflictResolution.Defer)
        {
            allowed.Add("retries");
        }

        if (condition == ConflictCondition.ExposureOverlap)
        {
            allowed.Add("maxNotional");
        }

        if (!hasParameters)
        {
            if (condition == ConflictCondition.ExposureOverlap)
            {
                reader.Error(JsonSectionReader.Join(parametersPath, "maxNotional"), "required field is missing (the combined notional limit)");
                return null;
            }

            return new ConflictRule { Condition = condition, Resolution = resolution };
        }

        reader.RejectUnknown(parameters, parametersPath, [.. allowed]);
        return new ConflictRule
        {
            Condition = condition,
            Resolution = resolution,
            Account = ConfigValues.Account(reader, parameters, parametersPath, "account", required: false, accounts),
            AssetClass = ConfigValues.AssetClassOrNull(reader, parameters, parametersPath, "assetClass"),
            Strategies = resolution == ConflictResolution.Prioritize ? Strategies(parameters, parametersPath, reader) : [],
            Retries = resolution == ConflictResolution.Defer
                ? (int)reader.Integer(parameters, parametersPath, "retries", ConflictRule.DefaultRetries, 0, MaxRetries)
                : ConflictRule.DefaultRetries,
            MaxNotional = condition == ConflictCondition.ExposureOverlap ? MaxNotional(parameters, parametersPath, reader) : 0,
        };
    }

    private static double MaxNotional(JsonElement parameters, string path, JsonSectionReader reader)
    {
        var errorsBefore = reader.Errors.Count;
        var limit = ConfigValues.Number(reader, parameters, path, "maxNotional", 0, 0, 1e15, required: true);
        if (limit == 0 && reader.Errors.Count == errorsBefore)
        {
            reader.Error(JsonSectionReader.Join(path, "maxNotional"), "must be positive (a notional in the instrument's quote currency)");
        }

        return limit;
    }

    private static TEnum NotNone<TEnum>(JsonSectionReader reader, JsonElement item, string path, string name, TEnum none)
        where TEnum : struct, Enum
    {
        var errorsBefore = reader.Errors.Count;
        var value = reader.Enum(item, path, name, none, required: true);
        if (EqualityComparer<TEnum>.Default.Equals(value, none) && reader.Errors.Count == errorsBefore)
        {
            reader.Error(JsonSectionReader.Join(path, name), $"'None' is not a {name} (expected one of: {string.Join(", ", Enum.GetNames<TEnum>().Where(n => n != "None"))})");
        }

        return value;
    }

    private static List<string> Strategies(JsonElement parameters, string path, JsonSectionReader reader)
    {
        var ids = new List<string>();
        foreach (var (id, idPath) in reader.Array(parameters, path, "strategies", required: false))
        {
            if (id.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(id.GetString()))
            {
                reader.Error(idPath, $"expected a strategy id but found {id.GetRawText()}");
            }
            else if (ids.Contains(id.GetString()!))
            {
                reader.Error(idPath, $"strategy '{id.GetString()}' is listed twice");
            }
            else
            {
                ids.Add(id.GetString()!);
            }
        }

        return ids;
    }
}
