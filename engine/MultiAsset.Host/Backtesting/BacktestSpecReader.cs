using System.Globalization;
using System.Text.Json;
using MultiAsset.Engine.Backtest.Import;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Host.Backtesting;

/// <summary>
/// Reads a backtest spec (docs/backtest.md): unknown fields, wrong types, missing files and out-of-range values are
/// refused with <see cref="ConfigurationException"/>, every problem at once, each with its JSON path.
/// </summary>
public static class BacktestSpecReader
{
    private static readonly string[] Fields =
    [
        "name", "instruments", "data", "accounts", "initialCash", "baseCurrency", "strategies", "start", "end", "fillModel",
        "fees", "slippageBps", "participation", "latency", "rejectProbability", "venues", "risk", "coordination", "benchmark",
        "riskFreeRate", "equityInterval", "maxOrders", "report", "journal", "output", "stress", "scenarios",
    ];

    private static readonly string[] FillModels = ["nextOpen", "close", "nextVwap"];

    /// <summary>Reads the spec file at <paramref name="path"/>; <paramref name="output"/> (e.g. <c>-o</c>) overrides its <c>output</c>.</summary>
    public static BacktestSpec Load(string path, string? output = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new ConfigurationException($"{full}: backtest spec not found");
        }

        return Parse(File.ReadAllText(full), full, Path.GetDirectoryName(full)!, Path.GetFileNameWithoutExtension(full), output);
    }

    /// <summary>
    /// Parses spec text; relative paths are resolved against <paramref name="baseDirectory"/>, <paramref name="defaultName"/>
    /// names the run when the spec does not, and <paramref name="output"/> overrides its <c>output</c> folder.
    /// </summary>
    public static BacktestSpec Parse(string json, string source, string baseDirectory, string defaultName, string? output = null)
    {
        // Comments and trailing commas allowed; a key written twice is an error (ConfigText.Parse).
        using (var document = ConfigText.Parse(json, source))
        {
            var root = document.RootElement;
            var reader = new JsonSectionReader(source);
            if (!reader.ExpectObject(root, "$"))
            {
                reader.ThrowIfAny();
            }

            reader.RejectUnknown(root, string.Empty, Fields);
            string? FilePath(string name) => reader.String(root, string.Empty, name, required: false) is { } text ? Existing(reader, name, Path.GetFullPath(text, baseDirectory)) : null;
            var name = reader.String(root, string.Empty, "name", required: false) ?? defaultName;
            var data = ReadData(root, reader, baseDirectory);
            var strategies = ReadStrategies(root, reader, baseDirectory);
            string? accountsFile = null;
            string? accountsJson = null;
            if (root.TryGetProperty("accounts", out var accounts))
            {
                if (accounts.ValueKind == JsonValueKind.String)
                {
                    accountsFile = FilePath("accounts");
                }
                else if (accounts.ValueKind == JsonValueKind.Array)
                {
                    accountsJson = accounts.GetRawText();
                }
                else
                {
                    reader.Error("accounts", "expected a file name or an array of accounts (the \"accounts\" array of an accounts file)");
                }
            }

            var fillModel = reader.String(root, string.Empty, "fillModel", required: false) ?? "nextOpen";
            if (!FillModels.Contains(fillModel))
            {
                reader.Error("fillModel", $"'{fillModel}' is not one of {string.Join(", ", FillModels)}");
            }

            var slippage = Number(root, reader, "slippageBps", 0, 0, 1000);
            var participation = Number(root, reader, "participation", 0, 0, 1);
            if (fillModel == "close" && (slippage != 0 || participation != 0))
            {
                reader.Error(slippage != 0 ? "slippageBps" : "participation", "applies only with fillModel nextOpen or nextVwap (\"close\" fills against the venues' liquidity model)");
            }

            // "0" is a latency here (the next-bar models allow it), which a plain duration is not.
            var latency = reader.String(root, string.Empty, "latency", required: false) is "0" or "0ms" or "0s" ? TimeSpan.Zero : reader.Duration(root, string.Empty, "latency", TimeSpan.Zero);
            if (fillModel == "close" && latency <= TimeSpan.Zero && root.TryGetProperty("latency", out _))
            {
                reader.Error("latency", "must be positive with fillModel close (only the next-bar models allow zero latency)");
            }

            var equityInterval = reader.Duration(root, string.Empty, "equityInterval", TimeSpan.FromHours(1));
            if (equityInterval < TimeSpan.FromSeconds(1))
            {
                reader.Error("equityInterval", "must be at least 1s");
            }

            var start = Instant(root, reader, "start");
            var end = Instant(root, reader, "end");
            if (start is { } s && end is { } e && e <= s)
            {
                reader.Error("end", "must be after start");
            }

            var outputFolder = output is not null
                ? Path.GetFullPath(output)
                : Path.GetFullPath(reader.String(root, string.Empty, "output", required: false) ?? Path.Combine("results", name), baseDirectory);
            var spec = new BacktestSpec
            {
                Name = name,
                Source = source,
                BaseDirectory = baseDirectory,
                Instruments = FilePath("instruments"),
                Data = data,
                AccountsFile = accountsFile,
                AccountsJson = accountsJson,
                InitialCash = Number(root, reader, "initialCash", 1_000_000m, 0.01m, 1e15m),
                BaseCurrency = reader.String(root, string.Empty, "baseCurrency", required: false) ?? "USD",
                Strategies = strategies,
                StartNs = start,
                EndNs = end,
                FillModel = fillModel,
                Fees = ReadFees(root, reader),
                SlippageBps = slippage,
                Participation = participation,
                Latency = latency,
                RejectProbability = (double)Number(root, reader, "rejectProbability", 0, 0, 1),
                Venues = FilePath("venues"),
                Risk = FilePath("risk"),
                Coordination = FilePath("coordination"),
                Benchmark = reader.String(root, string.Empty, "benchmark", required: false),
                RiskFreeRate = (double)Number(root, reader, "riskFreeRate", 0, -0.5m, 1),
                EquityInterval = equityInterval,
                MaxOrders = (int)reader.Integer(root, string.Empty, "maxOrders", 100_000, 1, 10_000_000),
                Report = Flag(root, reader, "report", true),
                Journal = Flag(root, reader, "journal", false),
                Output = outputFolder,
                Stress = ReadStress(root, reader),
                Scenarios = FilePath("scenarios"),
            };
            reader.ThrowIfAny();
            return spec;
        }
    }

    private static List<BacktestData> ReadData(JsonElement root, JsonSectionReader reader, string baseDirectory)
    {
        var data = new List<BacktestData>();
        foreach (var (item, path) in reader.Array(root, string.Empty, "data", required: true))
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                // A bare file name: a cache or an engine-format replay file, by its extension.
                var file = Path.GetFullPath(item.GetString()!, baseDirectory);
                var kind = Path.GetExtension(file).ToLowerInvariant() switch
                {
                    ".maecache" => "cache",
                    ".parquet" => "parquet",
                    ".csv" => "csv",
                    _ => null,
                };
                if (kind is null)
                {
                    reader.Error(path, $"'{item.GetString()}': cannot tell the format from the extension; write {{ \"cache\": ... }}, {{ \"csv\": ... }}, {{ \"parquet\": ... }} or {{ \"import\": {{ ...import spec... }} }}");
                }
                else if (Existing(reader, path, file) is not null)
                {
                    data.Add(new BacktestData(kind, file, null));
                }

                continue;
            }

            if (!reader.ExpectObject(item, path))
            {
                continue;
            }

            reader.RejectUnknown(item, path, "cache", "csv", "parquet", "import");
            var kinds = item.EnumerateObject().Select(p => p.Name).ToList();
            if (kinds.Count != 1)
            {
                reader.Error(path, "give exactly one of cache, csv, parquet, import");
                continue;
            }

            var chosen = kinds[0];
            var value = item.GetProperty(chosen);
            if (chosen == "import")
            {
                try
                {
                    var spec = value.ValueKind == JsonValueKind.String
                        ? ImportSpec.Load(Path.GetFullPath(value.GetString()!, baseDirectory))
                        : ImportSpec.Parse(value.GetRawText(), $"{reader.Source}: {path}.import") with { BaseDirectory = baseDirectory };
                    data.Add(new BacktestData("import", null, spec));
                }
                catch (ConfigurationException ex)
                {
                    reader.Error($"{path}.import", ex.Message);
                }

                continue;
            }

            if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            {
                reader.Error($"{path}.{chosen}", "expected a file name");
                continue;
            }

            if (Existing(reader, $"{path}.{chosen}", Path.GetFullPath(value.GetString()!, baseDirectory)) is { } found)
            {
                data.Add(new BacktestData(chosen, found, null));
            }
        }

        if (root.TryGetProperty("data", out var listed) && listed.ValueKind == JsonValueKind.Array && listed.GetArrayLength() == 0)
        {
            reader.Error("data", "at least one data source is required");
        }

        return data;
    }

    private static List<(string, string)> ReadStrategies(JsonElement root, JsonSectionReader reader, string baseDirectory)
    {
        var strategies = new List<(string, string)>();
        foreach (var (item, path) in reader.Array(root, string.Empty, "strategies", required: true))
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                if (Existing(reader, path, Path.GetFullPath(item.GetString()!, baseDirectory)) is { } file)
                {
                    strategies.Add((file, File.ReadAllText(file)));
                }
            }
            else if (item.ValueKind == JsonValueKind.Object)
            {
                strategies.Add(($"{reader.Source}: {path}", item.GetRawText()));
            }
            else
            {
                reader.Error(path, "expected a strategy document (an object) or the name of its file");
            }
        }

        if (root.TryGetProperty("strategies", out var listed) && listed.ValueKind == JsonValueKind.Array && listed.GetArrayLength() == 0)
        {
            reader.Error("strategies", "at least one strategy is required");
        }

        return strategies;
    }

    private static BacktestFees? ReadFees(JsonElement root, JsonSectionReader reader)
    {
        if (!root.TryGetProperty("fees", out var fees) || !reader.ExpectObject(fees, "fees"))
        {
            return null;
        }

        reader.RejectUnknown(fees, "fees", "makerBps", "takerBps", "perUnit");
        return new BacktestFees(Number(fees, reader, "makerBps", 0, -100, 1000, "fees"), Number(fees, reader, "takerBps", 0, -100, 1000, "fees"), Number(fees, reader, "perUnit", 0, 0, 1000, "fees"));
    }

    private static decimal Number(JsonElement obj, JsonSectionReader reader, string name, decimal fallback, decimal min, decimal max, string path = "")
    {
        var field = JsonSectionReader.Join(path, name);
        if (!obj.TryGetProperty(name, out var value))
        {
            return fallback;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number))
        {
            reader.Error(field, $"expected a number but found {value.GetRawText()}");
            return fallback;
        }

        if (number < min || number > max)
        {
            reader.Error(field, $"{number.ToString(CultureInfo.InvariantCulture)} is out of range [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]");
            return fallback;
        }

        return number;
    }

    private static bool Flag(JsonElement root, JsonSectionReader reader, string name, bool fallback)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            return fallback;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        reader.Error(name, $"expected true or false but found {value.GetRawText()}");
        return fallback;
    }

    /// <summary><c>"stress": { "scenario": "covid-2020", "start": "2024-01-03", "over": "1d" }</c> (docs/backtest.md, "Path stress").</summary>
    private static BacktestStress? ReadStress(JsonElement root, JsonSectionReader reader)
    {
        if (!root.TryGetProperty("stress", out var stress))
        {
            return null;
        }

        if (!reader.ExpectObject(stress, "stress"))
        {
            return null;
        }

        reader.RejectUnknown(stress, "stress", "scenario", "start", "over");
        var scenario = reader.String(stress, "stress", "scenario", required: true);
        var start = Instant(stress, reader, "start", "stress");
        // "0" is a jump at the start, which a plain duration is not.
        var over = reader.String(stress, "stress", "over", required: false) is "0" or "0s" ? TimeSpan.Zero : reader.Duration(stress, "stress", "over", TimeSpan.Zero);
        return scenario is null ? null : new BacktestStress(scenario, start, over);
    }

    private static long? Instant(JsonElement root, JsonSectionReader reader, string name, string section = "")
    {
        var text = reader.String(root, section, name, required: false);
        if (text is null)
        {
            return null;
        }

        // A date alone is midnight UTC; a time without an offset is UTC.
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return (instant.UtcTicks - DateTime.UnixEpoch.Ticks) * 100;
        }

        reader.Error(JsonSectionReader.Join(section, name), $"'{text}' is not an instant (e.g. 2024-01-02 or 2024-01-02T14:30:00Z)");
        return null;
    }

    private static string? Existing(JsonSectionReader reader, string path, string file)
    {
        if (File.Exists(file))
        {
            return file;
        }

        reader.Error(path, $"file not found: {file}");
        return null;
    }
}
