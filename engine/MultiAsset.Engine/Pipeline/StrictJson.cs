using System.Text.Json;

namespace MultiAsset.Engine.Pipeline;

/// <summary>
/// Checks what System.Text.Json lets through by default in a parsed document: a key written twice in one object (the
/// parser keeps the last, so the sender and the engine may read different values) and numbers that do not fit a
/// double (<c>1e400</c> reads as infinity). Requests and strategy documents are checked before they are read, so a
/// problem is reported with its JSON path (<c>orders[0].limitPrice</c>) rather than silently changed.
/// </summary>
/// <remarks>
/// <see cref="JsonDocumentOptions.AllowDuplicateProperties"/> = false also rejects duplicates, but its exception names
/// no path; this walk does. Strings where numbers belong are the contracts' business (strict number handling).
/// </remarks>
public static class StrictJson
{
    /// <summary>The first problem in <paramref name="root"/>: its JSON path (<c>$</c> for the root) and a message; null when none.</summary>
    public static (string Path, string Message)? FindProblem(JsonElement root) => Walk(root, string.Empty);

    /// <summary>
    /// The first number in <paramref name="root"/> whose magnitude exceeds <paramref name="maxMagnitude"/>: its path and a
    /// message; null when none. For numeric libraries whose inputs have no natural bound (covariances, returns).
    /// </summary>
    public static (string Path, string Message)? FindLargeNumber(JsonElement root, double maxMagnitude) => WalkNumbers(root, string.Empty, maxMagnitude);

    /// <summary>The path of <paramref name="name"/> under <paramref name="path"/>: <c>a.b</c>, or <c>a['odd name']</c>.</summary>
    public static string Join(string path, string name)
    {
        var simple = name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
        if (simple)
        {
            return path.Length == 0 ? name : $"{path}.{name}";
        }

        var quoted = new string([.. name.Take(64).Select(c => c is '\'' or '\\' || char.IsControl(c) || char.IsSurrogate(c) ? '?' : c)]);
        return $"{path}['{quoted}{(name.Length > 64 ? "…" : string.Empty)}']";
    }

    /// <summary>The path of item <paramref name="index"/> under <paramref name="path"/>: <c>a[3]</c>.</summary>
    public static string Index(string path, int index) => $"{(path.Length == 0 ? "$" : path)}[{index}]";

    /// <summary>
    /// The JSON path of a deserialisation error, down to the unknown key itself (System.Text.Json reports the object
    /// that holds an unmapped key; the key is in its message).
    /// </summary>
    public static string ErrorPath(JsonException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        string path = e.Path is { Length: > 0 } p ? p.TrimStart('$').TrimStart('.') : string.Empty;
        const string Marker = "The JSON property '";
        int at = e.Message.IndexOf(Marker, StringComparison.Ordinal);
        if (at >= 0)
        {
            int start = at + Marker.Length;
            int end = e.Message.IndexOf("' could not be mapped", start, StringComparison.Ordinal);
            if (end > start)
            {
                string key = e.Message[start..end];
                if (!path.EndsWith(key, StringComparison.Ordinal))
                {
                    path = StrictJson.Join(path, key);
                }
            }
        }

        return path;
    }

    private static (string Path, string Message)? Walk(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                HashSet<string>? seen = null;
                foreach (var property in element.EnumerateObject())
                {
                    var child = Join(path, property.Name);
                    seen ??= new HashSet<string>(StringComparer.Ordinal);
                    if (!seen.Add(property.Name))
                    {
                        return (child, "the key is written twice in the same object");
                    }

                    if (Walk(property.Value, child) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Walk(item, Index(path, i++)) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            case JsonValueKind.Number:
                return element.TryGetDouble(out var value) && double.IsFinite(value)
                    ? null
                    : (path.Length == 0 ? "$" : path, $"the number {Shorten(element.GetRawText())} is outside the range of a double");
            default:
                return null;
        }
    }

    private static (string Path, string Message)? WalkNumbers(JsonElement element, string path, double max)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (WalkNumbers(property.Value, Join(path, property.Name), max) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (WalkNumbers(item, Index(path, i++), max) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            case JsonValueKind.Number:
                return element.TryGetDouble(out var value) && Math.Abs(value) <= max
                    ? null
                    : (path.Length == 0 ? "$" : path, $"the number {Shorten(element.GetRawText())} is outside [-{max:G}, {max:G}]");
            default:
                return null;
        }
    }

    private static string Shorten(string text) => text.Length <= 32 ? text : text[..32] + "…";
}
