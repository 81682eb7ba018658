using System.Text.Json;

namespace MultiAsset.Engine.Journal.Snapshots;

/// <summary>
/// Library value types that are state but whose fields are not (a <see cref="JsonElement"/> points into a parsed
/// document's buffers): written as text, parsed back on restore.
/// </summary>
internal static class TextConverters
{
    private static readonly Dictionary<Type, (Func<object, string> Save, Func<string, object> Load)> Converters = new()
    {
        // A strategy document keeps parts of its JSON; an undefined element (default) is written as empty text.
        [typeof(JsonElement)] = (
            value => ((JsonElement)value).ValueKind == JsonValueKind.Undefined ? string.Empty : ((JsonElement)value).GetRawText(),
            text => text.Length == 0 ? default : ParseElement(text)),
    };

    /// <summary>The converter for <paramref name="type"/>, if it has one.</summary>
    public static bool TryGet(Type type, out (Func<object, string> Save, Func<string, object> Load) converter) => Converters.TryGetValue(type, out converter);

    private static JsonElement ParseElement(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
