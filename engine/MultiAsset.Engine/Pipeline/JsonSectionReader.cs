using System.Globalization;
using System.Text.Json;

namespace MultiAsset.Engine.Pipeline;

/// <summary>
/// Reads fields of a JSON configuration object and records every problem with its path
/// (<c>config/engine.json: pipeline.threads[1].waitStrategy: ...</c>) instead of stopping at the first.
/// </summary>
public sealed class JsonSectionReader
{
    private readonly string source;
    private readonly List<string> errors = [];

    /// <summary>Creates a reader whose errors are prefixed with <paramref name="source"/> (the file name).</summary>
    public JsonSectionReader(string source) => this.source = source;

    /// <summary>The file (or other origin) errors are attributed to.</summary>
    public string Source => source;

    /// <summary>Problems found so far.</summary>
    public IReadOnlyList<string> Errors => errors;

    /// <summary>Records a problem at <paramref name="path"/>.</summary>
    public void Error(string path, string message) => errors.Add($"{source}: {path}: {message}");

    /// <summary>Throws a <see cref="ConfigurationException"/> listing every problem, if there were any.</summary>
    public void ThrowIfAny()
    {
        if (errors.Count > 0)
        {
            throw new ConfigurationException(errors.ToList());
        }
    }

    /// <summary>Records an error for every property of <paramref name="obj"/> not in <paramref name="known"/> (catches typos).</summary>
    public void RejectUnknown(JsonElement obj, string path, params string[] known)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (System.Array.IndexOf(known, property.Name) < 0)
            {
                Error(Join(path, property.Name), $"unknown field (expected one of: {string.Join(", ", known)})");
            }
        }
    }

    /// <summary>True when <paramref name="element"/> is an object; otherwise records an error.</summary>
    public bool ExpectObject(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        Error(path, $"expected an object but found {Describe(element)}");
        return false;
    }

    /// <summary>An optional boolean field (<paramref name="fallback"/> when absent); records an error when present but not true or false.</summary>
    public bool Boolean(JsonElement obj, string path, string name, bool fallback)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            return fallback;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        Error(Join(path, name), $"expected true or false but found {value.GetRawText()}");
        return fallback;
    }

    /// <summary>A required or optional string field; records an error when present but not a non-empty string.</summary>
    public string? String(JsonElement obj, string path, string name, bool required)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            if (required)
            {
                Error(Join(path, name), "required field is missing");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            Error(Join(path, name), $"expected a non-empty string but found {Describe(value)}");
            return null;
        }

        return value.GetString();
    }

    /// <summary>An integer field in [<paramref name="min"/>, <paramref name="max"/>], or <paramref name="fallback"/> when absent.</summary>
    public long Integer(JsonElement obj, string path, string name, long fallback, long min, long max, bool required = false)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            if (required)
            {
                Error(Join(path, name), "required field is missing");
            }

            return fallback;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            Error(Join(path, name), $"expected an integer but found {Describe(value)}");
            return fallback;
        }

        if (number < min || number > max)
        {
            Error(Join(path, name), $"{number} is out of range [{min}, {max}]");
            return fallback;
        }

        return number;
    }

    /// <summary>A duration field written as text (<see cref="DurationText"/>), or <paramref name="fallback"/> when absent.</summary>
    public TimeSpan Duration(JsonElement obj, string path, string name, TimeSpan fallback, bool required = false)
    {
        var text = String(obj, path, name, required);
        if (text is null)
        {
            return fallback;
        }

        if (DurationText.TryParse(text, out var duration))
        {
            return duration;
        }

        Error(Join(path, name), $"invalid duration '{text}' ({DurationText.Expected})");
        return fallback;
    }

    /// <summary>An enum field given by name (case-insensitive); records the allowed names on a bad value.</summary>
    public TEnum Enum<TEnum>(JsonElement obj, string path, string name, TEnum fallback, bool required = false)
        where TEnum : struct, Enum
    {
        var text = String(obj, path, name, required);
        if (text is null)
        {
            return fallback;
        }

        if (System.Enum.TryParse<TEnum>(text, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed)
            && !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            return parsed;
        }

        Error(Join(path, name), $"unknown value '{text}' (expected one of: {string.Join(", ", System.Enum.GetNames<TEnum>())})");
        return fallback;
    }

    /// <summary>The items of an array field; records an error when absent (if required) or not an array.</summary>
    public IEnumerable<(JsonElement Item, string Path)> Array(JsonElement obj, string path, string name, bool required)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            if (required)
            {
                Error(Join(path, name), "required field is missing");
            }

            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Error(Join(path, name), $"expected an array but found {Describe(value)}");
            return [];
        }

        var arrayPath = Join(path, name);
        return value.EnumerateArray().Select((item, i) => (item, $"{arrayPath}[{i}]")).ToList();
    }

    /// <summary>Joins a path and a field name with a dot.</summary>
    public static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString(),
    };
}
