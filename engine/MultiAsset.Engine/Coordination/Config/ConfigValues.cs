using System.Text.Json;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Coordination.Config;

/// <summary>Field readers the shared <see cref="JsonSectionReader"/> does not have: finite numbers, asset classes, account names.</summary>
internal static class ConfigValues
{
    /// <summary>A finite number in [<paramref name="min"/>, <paramref name="max"/>], or <paramref name="fallback"/> when absent or invalid (recorded).</summary>
    public static double Number(JsonSectionReader reader, JsonElement obj, string path, string name, double fallback, double min, double max, bool required = false)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            if (required)
            {
                reader.Error(JsonSectionReader.Join(path, name), "required field is missing");
            }

            return fallback;
        }

        return Number(reader, value, JsonSectionReader.Join(path, name), fallback, min, max);
    }

    /// <summary>The number <paramref name="value"/> itself, checked as in the other overload.</summary>
    public static double Number(JsonSectionReader reader, JsonElement value, string fieldPath, double fallback, double min, double max)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            reader.Error(fieldPath, $"expected a number but found {value.GetRawText()}");
            return fallback;
        }

        if (number < min || number > max)
        {
            reader.Error(fieldPath, $"{value.GetRawText()} is out of range [{min}, {max}]");
            return fallback;
        }

        return number;
    }

    /// <summary>An optional asset class in the seed's spelling (STOCK, FOREX, CRYPTO).</summary>
    public static AssetClass? AssetClassOrNull(JsonSectionReader reader, JsonElement obj, string path, string name)
    {
        var text = reader.String(obj, path, name, required: false);
        if (text is null)
        {
            return null;
        }

        if (AssetClassNames.TryParse(text, out var assetClass))
        {
            return assetClass;
        }

        reader.Error(JsonSectionReader.Join(path, name), $"unknown asset class '{text}' (expected one of: {AssetClassNames.AllowedValues})");
        return null;
    }

    /// <summary>An account name, checked against <paramref name="accounts"/> when given.</summary>
    public static string? Account(JsonSectionReader reader, JsonElement obj, string path, string name, bool required, AccountDirectory? accounts)
    {
        var account = reader.String(obj, path, name, required);
        if (account is not null && accounts is not null && !accounts.TryResolve(account, out _))
        {
            reader.Error(JsonSectionReader.Join(path, name), $"unknown account '{account}' (known: {string.Join(", ", accounts.Names)})");
            return null;
        }

        return account;
    }
}
