using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MultiAsset.Host.Backtesting.Sweeps;

/// <summary>
/// Writes sweep.csv and sweep.json: one row per run in the order given (ranked), with the parameters, the status and
/// reason, the figures and the digest. Nothing time-dependent is written, so the same sweep writes the same bytes.
/// </summary>
public static class SweepTableWriter
{
    /// <summary>The metric columns, in order.</summary>
    public static readonly IReadOnlyList<string> MetricColumns = ["totalReturn", "cagr", "sharpe", "sortino", "calmar", "maxDrawdown", "trades", "hitRate", "profitFactor"];

    private static readonly string[] LeadColumns = ["rank", "runId"];
    private static readonly string[] StatusColumns = ["status", "reason"];

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes <paramref name="name"/>.csv and <paramref name="name"/>.json into <paramref name="folder"/>.</summary>
    public static void Write(string folder, string name, SweepSpec spec, IReadOnlyList<SweepRunRow> ranked)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(ranked);
        Directory.CreateDirectory(folder);
        var csv = new StringBuilder();
        csv.Append(string.Join(',', LeadColumns.Concat(spec.ParameterNames).Concat(StatusColumns).Concat(MetricColumns).Append("digest").Select(Quote))).Append('\n');
        var runs = new JsonArray();
        for (var i = 0; i < ranked.Count; i++)
        {
            var row = ranked[i];
            var metrics = Figures(row.Metrics);
            var fields = new List<string> { (i + 1).ToString(CultureInfo.InvariantCulture), row.RunId };
            fields.AddRange(spec.ParameterNames.Select(p => row.Parameters[p] is { } v ? Text(v) : string.Empty));
            fields.Add(Status(row.Status));
            fields.Add(row.Reason ?? string.Empty);
            fields.AddRange(metrics.Select(m => m.Value is null ? string.Empty : Text(m.Value)));
            fields.Add(row.Digest ?? string.Empty);
            csv.Append(string.Join(',', fields.Select(Quote))).Append('\n');

            var metricObject = new JsonObject();
            foreach (var (key, value) in metrics)
            {
                metricObject[key] = value;
            }

            runs.Add(new JsonObject
            {
                ["rank"] = i + 1,
                ["runId"] = row.RunId,
                ["parameters"] = row.Parameters.ToJson(),
                ["status"] = Status(row.Status),
                ["reason"] = row.Reason,
                ["metrics"] = row.Metrics is null ? null : metricObject,
                ["digest"] = row.Digest,
            });
        }

        var json = new JsonObject
        {
            ["name"] = spec.Name,
            ["metric"] = JsonNamingPolicy.CamelCase.ConvertName(spec.Metric.ToString()),
            ["lowerIsBetter"] = SweepRanking.LowerIsBetter(spec.Metric),
            ["runs"] = runs,
        };
        Replace(Path.Combine(folder, name + ".csv"), csv.ToString());
        Replace(Path.Combine(folder, name + ".json"), json.ToJsonString(Indented) + "\n");
    }

    /// <summary><c>ok</c>, <c>invalid</c> or <c>failed</c>.</summary>
    public static string Status(SweepRunStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>The figures by column name (null where there is none).</summary>
    public static IReadOnlyList<(string Key, JsonNode? Value)> Figures(SweepMetrics? m) =>
    [
        ("totalReturn", Value(m?.TotalReturn)),
        ("cagr", Value(m?.Cagr)),
        ("sharpe", Value(m?.Sharpe)),
        ("sortino", Value(m?.Sortino)),
        ("calmar", Value(m?.Calmar)),
        ("maxDrawdown", Value(m?.MaxDrawdown)),
        ("trades", m?.Trades is { } t ? JsonValue.Create(t) : null),
        ("hitRate", Value(m?.HitRate)),
        ("profitFactor", Value(m?.ProfitFactor)),
    ];

    /// <summary>A CSV field: the text of a string, the JSON text of anything else.</summary>
    public static string Text(JsonNode value)
        => value is JsonValue v && v.TryGetValue<string>(out var text) ? text : value.ToJsonString();

    /// <summary>Quotes a field only when it must be (a comma, quote or line break).</summary>
    public static string Quote(string text)
        => text.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;

    /// <summary>Writes in full to a temporary name, then renames (a reader never sees half a file).</summary>
    public static void Replace(string path, string text)
    {
        File.WriteAllText(path + ".tmp", text, new UTF8Encoding(false));
        File.Move(path + ".tmp", path, overwrite: true);
    }

    private static JsonValue? Value(double? value) => value is { } v && double.IsFinite(v) ? JsonValue.Create(v) : null;
}
