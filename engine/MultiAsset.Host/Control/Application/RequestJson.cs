using System.Text.Json;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Host.Control.Application;

/// <summary>
/// Reads request bodies into a <see cref="JsonDocument"/>, turning malformed JSON into a 400 naming where it broke. Every
/// body the control API takes goes through <see cref="TryParseObject"/>: an object at the root, at most 64 levels, no key
/// written twice and no number beyond a double (<see cref="StrictJson"/>), each a 400 naming the JSON path.
/// </summary>
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

        if (StrictJson.FindProblem(document.RootElement) is { } problem)
        {
            error = ControlResult.Fail(400, $"{problem.Path}: {problem.Message}.", problem.Path);
            document.Dispose();
            return false;
        }

        return true;
    }

    /// <summary>Checks <paramref name="json"/> as <see cref="TryParseObject"/> does, without keeping the document.</summary>
    public static ControlResult? CheckObject(string json)
    {
        if (!TryParseObject(json, out var document, out var error))
        {
            return error;
        }

        document.Dispose();
        return null;
    }

    /// <summary>400 unless every property of <paramref name="obj"/> is one of <paramref name="known"/>.</summary>
    public static ControlResult? RejectUnknown(JsonElement obj, string path, params string[] known)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (Array.IndexOf(known, property.Name) < 0)
            {
                var field = StrictJson.Join(path, property.Name);
                return ControlResult.Fail(400, $"{field}: unknown field (expected {string.Join(", ", known)}).", field);
            }
        }

        return null;
    }

    /// <summary>400 naming <paramref name="field"/> unless <paramref name="value"/> follows <see cref="IdentifierRules"/>.</summary>
    public static ControlResult? RequireIdentifier(string? value, string field, string what)
        => IdentifierRules.IsValid(value, out var reason)
            ? null
            : ControlResult.Fail(400, $"{field}: {IdentifierRules.Quote(value)} is not {what}: it {reason}.", field);

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
