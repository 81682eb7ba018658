using System.Globalization;
using System.Text.Json;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Signals.Stage;

/// <summary>
/// Reads a strategy document's free <c>parameters</c> object for its algorithm: numbers with defaults, timeframes
/// (<c>"1m"</c>, <c>"1d"</c>), and a lookback written either as a count or as <c>"20 daily bars"</c>. Every problem
/// is recorded in the <see cref="JsonSectionReader"/> under <c>parameters.NAME</c>.
/// </summary>
internal sealed class StrategyParameterReader(JsonElement? parameters, JsonSectionReader errors)
{
    private const string Path = "parameters";

    public JsonSectionReader Errors => errors;

    public bool Has(string name) => parameters is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty(name, out _);

    public double Number(string name, double fallback)
    {
        if (parameters is not { ValueKind: JsonValueKind.Object } p || !p.TryGetProperty(name, out var value))
        {
            return fallback;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number))
        {
            return number;
        }

        errors.Error(JsonSectionReader.Join(Path, name), $"expected a number but found {value.ValueKind}");
        return fallback;
    }

    public int Count(string name, int fallback) => (int)Math.Round(Number(name, fallback));

    /// <summary>A required whole number of at least <paramref name="min"/>; null (with an error) when missing or malformed.</summary>
    public int? RequiredCount(string name, int min)
    {
        if (parameters is not { ValueKind: JsonValueKind.Object } p || !p.TryGetProperty(name, out var value))
        {
            errors.Error(JsonSectionReader.Join(Path, name), "is required");
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count) && count >= min)
        {
            return count;
        }

        errors.Error(JsonSectionReader.Join(Path, name), $"expected a whole number of at least {min} but found {(value.ValueKind == JsonValueKind.Number ? value.GetRawText() : value.ValueKind.ToString())}");
        return null;
    }

    /// <summary>
    /// A required quantity greater than 0, read exactly (as a decimal, not through a double); null (with an error) when
    /// missing, malformed, not positive or finer than the fixed-point resolution.
    /// </summary>
    public Quantity? RequiredQuantity(string name)
    {
        if (parameters is not { ValueKind: JsonValueKind.Object } p || !p.TryGetProperty(name, out var value))
        {
            errors.Error(JsonSectionReader.Join(Path, name), "is required");
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number) && number > 0
            && decimal.Round(number, Quantity.Decimals) == number && number <= 92_233_720_368m)
        {
            return Quantity.FromDecimal(number);
        }

        errors.Error(JsonSectionReader.Join(Path, name), $"expected a quantity greater than 0 (at most {Quantity.Decimals} decimals) but found {(value.ValueKind == JsonValueKind.Number ? value.GetRawText() : value.ValueKind.ToString())}");
        return null;
    }

    /// <summary>A number within [<paramref name="min"/>, <paramref name="max"/>] (an error names the range otherwise).</summary>
    public double Number(string name, double fallback, double min, double max)
    {
        var value = Number(name, fallback);
        if (value < min || value > max)
        {
            errors.Error(JsonSectionReader.Join(Path, name), $"{value.ToString(CultureInfo.InvariantCulture)} is out of range [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]");
            return fallback;
        }

        return value;
    }

    /// <summary>A boolean (<c>true</c> / <c>false</c>).</summary>
    public bool Bool(string name, bool fallback)
    {
        if (parameters is not { ValueKind: JsonValueKind.Object } p || !p.TryGetProperty(name, out var value))
        {
            return fallback;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        errors.Error(JsonSectionReader.Join(Path, name), $"expected true or false but found {value.ValueKind}");
        return fallback;
    }

    /// <summary>A duration written as text (<c>"1h"</c>, <c>"30m"</c>) or as a number of seconds.</summary>
    public TimeSpan Duration(string name, TimeSpan fallback)
    {
        if (parameters is not { ValueKind: JsonValueKind.Object } p || !p.TryGetProperty(name, out var value))
        {
            return fallback;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds) && double.IsFinite(seconds) && seconds > 0 && seconds < 1e9)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (value.ValueKind == JsonValueKind.String && DurationText.TryParse(value.GetString(), out var duration))
        {
            return duration;
        }

        errors.Error(JsonSectionReader.Join(Path, name), $"expected a positive duration ({DurationText.Expected}, or seconds) but found {(value.ValueKind == JsonValueKind.String ? $"'{value.GetString()}'" : value.ValueKind.ToString())}");
        return fallback;
    }

    /// <summary>A timeframe name (<c>1s</c>, <c>1m</c>, <c>1h</c>, <c>1d</c>) resolved against the analytics' timeframes.</summary>
    public int Timeframe(string name, string fallback, IReadOnlyList<int> timeframeSeconds)
    {
        var text = fallback;
        if (parameters is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty(name, out var value))
        {
            if (value.ValueKind != JsonValueKind.String)
            {
                errors.Error(JsonSectionReader.Join(Path, name), $"expected a timeframe such as \"1m\" but found {value.ValueKind}");
                return 0;
            }

            text = value.GetString()!;
        }

        return ResolveTimeframe(text, JsonSectionReader.Join(Path, name), timeframeSeconds);
    }

    /// <summary>
    /// A lookback in bars: a number, or text <c>"N daily|hourly|minute|second bars"</c>, which also names the timeframe
    /// (returned in <paramref name="timeframeName"/>, else left as given).
    /// </summary>
    public int Lookback(string name, int fallback, ref string timeframeName)
    {
        if (parameters is not { ValueKind: JsonValueKind.Object } p || !p.TryGetProperty(name, out var value))
        {
            return fallback;
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            return Count(name, fallback);
        }

        var parts = value.ValueKind == JsonValueKind.String ? value.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        string? unit = parts.Length == 3 && parts[2].StartsWith("bar", StringComparison.OrdinalIgnoreCase) ? parts[1].ToLowerInvariant() switch
        {
            "daily" or "day" => "1d",
            "hourly" or "hour" => "1h",
            "minute" or "1-minute" => "1m",
            "second" or "1-second" => "1s",
            _ => null,
        } : null;
        if (unit is null || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var bars))
        {
            errors.Error(JsonSectionReader.Join(Path, name), "expected a number of bars or text such as \"20 daily bars\" (daily, hourly, minute, second)");
            return fallback;
        }

        timeframeName = unit;
        return bars;
    }

    /// <summary>A list of symbol pairs, <c>[["A", "B"], ...]</c>; empty when absent.</summary>
    public IReadOnlyList<(string A, string B)> Pairs(string name)
    {
        if (parameters is not { ValueKind: JsonValueKind.Object } p || !p.TryGetProperty(name, out var value))
        {
            return [];
        }

        var pairs = new List<(string, string)>();
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Error(JsonSectionReader.Join(Path, name), "expected an array of [symbolA, symbolB] pairs");
            return pairs;
        }

        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Array && item.GetArrayLength() == 2
                && item[0].ValueKind == JsonValueKind.String && item[1].ValueKind == JsonValueKind.String)
            {
                pairs.Add((item[0].GetString()!, item[1].GetString()!));
            }
            else
            {
                errors.Error($"{Path}.{name}[{i}]", "expected [symbolA, symbolB]");
            }

            i++;
        }

        return pairs;
    }

    public int ResolveTimeframe(string text, string path, IReadOnlyList<int> timeframeSeconds)
    {
        if (!DurationText.TryParse(text, out var duration))
        {
            errors.Error(path, $"invalid timeframe '{text}' ({DurationText.Expected})");
            return 0;
        }

        for (var i = 0; i < timeframeSeconds.Count; i++)
        {
            if (timeframeSeconds[i] == (int)duration.TotalSeconds)
            {
                return i;
            }
        }

        errors.Error(path, $"timeframe '{text}' is not one of the analytics' configured timeframes");
        return 0;
    }
}
