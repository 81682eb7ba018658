using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Host.Backtesting.Sweeps;

/// <summary>
/// Reads a sweep spec (docs/backtest-sweeps.md). Unknown fields, wrong types and out-of-range values are refused with
/// <see cref="ConfigurationException"/>, every problem at once, each with its JSON path; the backtest spec it names is
/// read by <see cref="BacktestSpecReader"/> (its problems are listed too).
/// </summary>
public static class SweepSpecReader
{
    private static readonly string[] Fields = ["name", "backtest", "strategy", "grid", "random", "metric", "workers", "walkForward", "output"];

    /// <summary>Largest number of runs a sweep may ask for (a typo guard: 10 values × 6 parameters is already a million).</summary>
    public const int MaxRuns = 100_000;

    /// <summary>Reads the sweep file at <paramref name="path"/>; <paramref name="output"/> and <paramref name="workers"/> (command-line) override the file's.</summary>
    public static SweepSpec Load(string path, string? output = null, int? workers = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new ConfigurationException($"{full}: sweep spec not found");
        }

        return Parse(File.ReadAllText(full), full, Path.GetDirectoryName(full)!, Path.GetFileNameWithoutExtension(full), output, workers);
    }

    /// <summary>Parses sweep text; relative paths resolve against <paramref name="baseDirectory"/>.</summary>
    public static SweepSpec Parse(string json, string source, string baseDirectory, string defaultName, string? output = null, int? workers = null)
    {
        var document = ConfigText.Parse(json, source);

        using (document)
        {
            var root = document.RootElement;
            var reader = new JsonSectionReader(source);
            if (!reader.ExpectObject(root, "$"))
            {
                reader.ThrowIfAny();
            }

            reader.RejectUnknown(root, string.Empty, Fields);
            var name = reader.String(root, string.Empty, "name", required: false) ?? defaultName;
            var backtest = ReadBacktest(root, reader, baseDirectory);
            var (strategyIndex, strategyId) = ChooseStrategy(root, reader, backtest);
            var (sets, names) = ReadSets(root, reader);
            var metric = reader.Enum(root, string.Empty, "metric", SweepMetric.Sharpe);
            var workerCount = workers ?? (int)reader.Integer(root, string.Empty, "workers", Environment.ProcessorCount, 1, 256);
            if (workerCount < 1)
            {
                reader.Error("workers", "must be at least 1");
            }

            var walkForward = ReadWalkForward(root, reader);
            var folder = output is not null
                ? Path.GetFullPath(output)
                : Path.GetFullPath(reader.String(root, string.Empty, "output", required: false) ?? Path.Combine("results", $"{name}-sweep"), baseDirectory);
            reader.ThrowIfAny();
            return new SweepSpec
            {
                Name = name,
                Source = source,
                Backtest = backtest!,
                StrategyIndex = strategyIndex,
                StrategyId = strategyId!,
                Sets = sets,
                ParameterNames = names,
                Metric = metric,
                Workers = workerCount,
                WalkForward = walkForward,
                Output = folder,
            };
        }
    }

    private static BacktestSpec? ReadBacktest(JsonElement root, JsonSectionReader reader, string baseDirectory)
    {
        var file = reader.String(root, string.Empty, "backtest", required: true);
        if (file is null)
        {
            return null;
        }

        try
        {
            return BacktestSpecReader.Load(Path.GetFullPath(file, baseDirectory));
        }
        catch (ConfigurationException ex)
        {
            reader.Error("backtest", ex.Message);
            return null;
        }
    }

    private static (int Index, string? Id) ChooseStrategy(JsonElement root, JsonSectionReader reader, BacktestSpec? backtest)
    {
        var wanted = reader.String(root, string.Empty, "strategy", required: false);
        if (backtest is null)
        {
            return (-1, null);
        }

        var ids = backtest.Strategies.Select(s => DocumentId(s.Json)).ToList();
        if (wanted is null)
        {
            if (ids.Count == 1 && ids[0] is not null)
            {
                return (0, ids[0]);
            }

            reader.Error("strategy", $"required when the backtest has several strategies (ids: {string.Join(", ", ids)})");
            return (-1, null);
        }

        var index = ids.IndexOf(wanted);
        if (index < 0)
        {
            reader.Error("strategy", $"'{wanted}' is not a strategy of the backtest (ids: {string.Join(", ", ids)})");
        }

        return (index, wanted);
    }

    private static string? DocumentId(string json)
    {
        try
        {
            return JsonNode.Parse(json)?["id"]?.GetValue<string>();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static (IReadOnlyList<SweepParameterSet> Sets, IReadOnlyList<string> Names) ReadSets(JsonElement root, JsonSectionReader reader)
    {
        var hasGrid = root.TryGetProperty("grid", out var grid);
        var hasRandom = root.TryGetProperty("random", out var random);
        if (hasGrid == hasRandom)
        {
            reader.Error(hasGrid ? "random" : "grid", "give exactly one of grid and random");
            return ([], []);
        }

        if (hasGrid)
        {
            if (!reader.ExpectObject(grid, "grid"))
            {
                return ([], []);
            }

            var axes = new List<(string, IReadOnlyList<JsonNode>)>();
            long combinations = 1;
            foreach (var property in grid.EnumerateObject())
            {
                var path = $"grid.{property.Name}";
                if (property.Value.ValueKind != JsonValueKind.Array || property.Value.GetArrayLength() == 0)
                {
                    reader.Error(path, "expected a non-empty array of values");
                    continue;
                }

                var values = property.Value.EnumerateArray().Select(v => JsonNode.Parse(v.GetRawText())).ToList();
                if (values.Any(v => v is null or JsonObject or JsonArray))
                {
                    reader.Error(path, "values must be numbers, strings or booleans");
                    continue;
                }

                if (values.Select(v => v!.ToJsonString()).Distinct(StringComparer.Ordinal).Count() != values.Count)
                {
                    reader.Error(path, "a value is listed twice");
                }

                combinations *= values.Count;
                axes.Add((property.Name, values!));
            }

            if (axes.Count == 0 && grid.ValueKind == JsonValueKind.Object && !grid.EnumerateObject().Any())
            {
                reader.Error("grid", "name at least one parameter");
            }

            if (combinations > MaxRuns)
            {
                reader.Error("grid", $"{combinations.ToString(CultureInfo.InvariantCulture)} combinations; at most {MaxRuns.ToString(CultureInfo.InvariantCulture)}");
                return ([], []);
            }

            return (SweepGrid.Expand(axes), axes.Select(a => a.Item1).ToList());
        }

        return ReadRandom(random, reader);
    }

    private static (IReadOnlyList<SweepParameterSet>, IReadOnlyList<string>) ReadRandom(JsonElement random, JsonSectionReader reader)
    {
        if (!reader.ExpectObject(random, "random"))
        {
            return ([], []);
        }

        reader.RejectUnknown(random, "random", "samples", "seed", "parameters");
        var samples = (int)reader.Integer(random, "random", "samples", 0, 1, MaxRuns, required: true);
        var seed = (int)reader.Integer(random, "random", "seed", 0, int.MinValue, int.MaxValue);
        var ranges = new List<SweepRandomRange>();
        if (!random.TryGetProperty("parameters", out var parameters))
        {
            reader.Error("random.parameters", "required field is missing");
        }
        else if (reader.ExpectObject(parameters, "random.parameters"))
        {
            foreach (var property in parameters.EnumerateObject())
            {
                var path = $"random.parameters.{property.Name}";
                if (!reader.ExpectObject(property.Value, path))
                {
                    continue;
                }

                reader.RejectUnknown(property.Value, path, "min", "max", "integer");
                var min = Real(property.Value, reader, path, "min");
                var max = Real(property.Value, reader, path, "max");
                var integer = property.Value.TryGetProperty("integer", out var flag) && flag.ValueKind == JsonValueKind.True;
                if (property.Value.TryGetProperty("integer", out flag) && flag.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    reader.Error($"{path}.integer", "expected true or false");
                }

                if (min is { } lo && max is { } hi)
                {
                    if (hi < lo)
                    {
                        reader.Error($"{path}.max", "must be at least min");
                    }
                    else if (integer && Math.Floor(hi) < Math.Ceiling(lo))
                    {
                        reader.Error(path, "no whole number between min and max");
                    }
                    else
                    {
                        ranges.Add(new SweepRandomRange(property.Name, lo, hi, integer));
                    }
                }
            }

            if (!parameters.EnumerateObject().Any())
            {
                reader.Error("random.parameters", "name at least one parameter");
            }
        }

        return reader.Errors.Count > 0 || samples < 1 ? ([], []) : (SweepRandomSearch.Sample(ranges, samples, seed), ranges.Select(r => r.Name).ToList());
    }

    private static double? Real(JsonElement obj, JsonSectionReader reader, string path, string name)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            reader.Error($"{path}.{name}", "required field is missing");
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            reader.Error($"{path}.{name}", $"expected a number but found {value.GetRawText()}");
            return null;
        }

        return number;
    }

    private static WalkForwardSpec? ReadWalkForward(JsonElement root, JsonSectionReader reader)
    {
        if (!root.TryGetProperty("walkForward", out var walk) || !reader.ExpectObject(walk, "walkForward"))
        {
            return null;
        }

        reader.RejectUnknown(walk, "walkForward", "inSample", "outOfSample", "step");
        var inSample = reader.Duration(walk, "walkForward", "inSample", TimeSpan.Zero, required: true);
        var outOfSample = reader.Duration(walk, "walkForward", "outOfSample", TimeSpan.Zero, required: true);
        var step = reader.Duration(walk, "walkForward", "step", outOfSample);
        if (walk.TryGetProperty("inSample", out _) && inSample <= TimeSpan.Zero)
        {
            reader.Error("walkForward.inSample", "must be positive");
        }

        if (walk.TryGetProperty("outOfSample", out _) && outOfSample <= TimeSpan.Zero)
        {
            reader.Error("walkForward.outOfSample", "must be positive");
        }

        if (step < outOfSample)
        {
            // Overlapping out-of-sample windows could not be chained into one equity curve.
            reader.Error("walkForward.step", "must be at least outOfSample (the out-of-sample windows would overlap)");
        }

        return new WalkForwardSpec(inSample, outOfSample, step);
    }
}
