using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultiAsset.Host.ReplayDiff;

/// <summary>A replay diff's result as a readable report or as JSON (camelCase, the fields of <see cref="ReplayDiffResult"/>).</summary>
internal static class ReplayDiffReport
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Json(ReplayDiffResult result) => JsonSerializer.Serialize(result, JsonOptions);

    public static string Text(ReplayDiffResult result, int rows)
    {
        var s = new StringBuilder();
        s.AppendLine(Invariant($"replay diff of {result.Journal}: {result.Records} records from record 0 ({result.RecordedExecutionReports} recorded venue reports)"));
        s.AppendLine(Invariant($"  A  {result.A.Config}"));
        if (result.ConfigAMatchesRecording is false)
        {
            s.AppendLine(Invariant($"     WARNING: not the configuration that took the journal's snapshot {result.RecordingSnapshot}: side A may not reproduce the recorded run"));
        }
        else if (result.ConfigAMatchesRecording is true)
        {
            s.AppendLine("     (the configuration that took the journal's newest snapshot)");
        }

        s.AppendLine(Invariant($"  B  {result.B.Config}{(result.B.Replaced.Count > 0 ? " with " + string.Join(", ", result.B.Replaced) : string.Empty)}"));
        s.AppendLine();
        s.AppendLine("     orders  refused    fills  stage exceptions");
        foreach (var (name, side) in new[] { ("A", result.A), ("B", result.B) })
        {
            s.AppendLine(Invariant($"  {name} {side.Orders,7} {side.Refused,8} {side.Fills,8} {side.StageExceptions,17}"));
        }

        s.AppendLine();
        if (result.FirstDivergence is { } d)
        {
            s.AppendLine(Invariant($"FIRST DIVERGENCE at input {d.Sequence} ({d.Time}): {d.What} {d.Key}"));
            s.AppendLine(Invariant($"  A  {d.A ?? "(nothing)"}"));
            s.AppendLine(Invariant($"  B  {d.B ?? "(nothing)"}"));
            s.AppendLine(d.FirstStage is { } stage
                ? Invariant($"  first stage whose digest differs after it: {stage} (A {d.DigestsA[stage]}, B {d.DigestsB.GetValueOrDefault(stage)}); all that differ: {string.Join(", ", d.DifferingStages)}")
                : "  every stage's digest is still equal after it");
        }
        else
        {
            s.AppendLine("no divergence: every order, verdict and fill is the same on both sides");
        }

        Table(s, "ORDERS", result.Orders, rows);
        Table(s, "FILLS", result.Fills, rows);
        s.AppendLine();
        s.AppendLine(result.StagesDifferingAtEnd.Count == 0
            ? "stage digests at the end: all equal"
            : $"stage digests at the end differ: {string.Join(", ", result.StagesDifferingAtEnd)}");
        s.AppendLine(result.Identical ? "IDENTICAL" : "DIFFERENT");
        return s.ToString();
    }

    private static void Table(StringBuilder s, string title, IReadOnlyList<ReplayItemDiff> diffs, int rows)
    {
        s.AppendLine();
        var onlyA = diffs.Count(d => d.Change == "onlyInA");
        var onlyB = diffs.Count(d => d.Change == "onlyInB");
        s.AppendLine(Invariant($"{title}: {diffs.Count} differ ({onlyA} only in A, {onlyB} only in B, {diffs.Count - onlyA - onlyB} changed)"));
        var shown = diffs.Take(Math.Max(0, rows)).ToList();
        var keyWidth = shown.Count == 0 ? 3 : Math.Max(3, shown.Max(d => d.Key.Length));
        if (shown.Count > 0)
        {
            s.AppendLine(Invariant($"  {"input",8}  {"change",-8}  {"key".PadRight(keyWidth)}  what"));
        }

        foreach (var d in shown)
        {
            var what = d.Change switch
            {
                "onlyInA" => d.A,
                "onlyInB" => d.B,
                _ => string.Join("; ", d.Fields.Select(f => $"{f.Field} {f.A ?? "-"} → {f.B ?? "-"}")),
            };
            s.AppendLine(Invariant($"  {d.Sequence,8}  {d.Change,-8}  {d.Key.PadRight(keyWidth)}  {what}"));
        }

        if (diffs.Count > shown.Count)
        {
            s.AppendLine(Invariant($"  ... {diffs.Count - shown.Count} more (--rows N, or --json for all)"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
