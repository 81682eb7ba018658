using System.Text.Json;

namespace MultiAsset.Host.Control.Application;

/// <summary>Reads request bodies into a <see cref="JsonDocument"/>, turning malformed JSON into a 400 naming where it broke.</summary>
internal static class RequestJson
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    /// <summary>Parses <paramref name="json"/>; on failure <paramref name="error"/> is a 400 with the position.</summary>
    public static bool TryParseObject(string json, out JsonDocument document, out ControlResult? error)
    {
        document = null!;
        error = null;
        if (string.IsNullOrWhiteSpace(json))
        {
            error = ControlResult.Fail(400, "The request body is empty; expected a JSON object.", "$");
            return false;
        }

        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException ex)
        {
            error = ControlResult.Fail(400, $"The request body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}): {ex.Message}", "$");
            return false;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            error = ControlResult.Fail(400, $"Expected a JSON object but found {document.RootElement.ValueKind}.", "$");
            document.Dispose();
            return false;
        }

        return true;
    }

    /// <summary>An optional string property: true when absent or a string; false (with a 400) when another type.</summary>
    public static bool TryOptionalString(JsonElement obj, string name, string path, out string? value, out ControlResult? error)
    {
        value = null;
        error = null;
        if (!obj.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (property.ValueKind != JsonValueKind.String)
        {
            error = ControlResult.Fail(400, $"{path}: expected a string but found {property.ValueKind}.", path);
            return false;
        }

        value = property.GetString();
        return true;
    }

    /// <summary>A JSON path from a <see cref="JsonException.Path"/> (<c>$.a.b</c> → <c>a.b</c>; <c>$</c> when none).</summary>
    public static string FieldOf(JsonException ex) => ex.Path is { Length: > 1 } p ? p.TrimStart('$').TrimStart('.') : "$";
}
