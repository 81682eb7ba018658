using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MultiAsset.Engine.Signals.Stage;

namespace MultiAsset.Host.Control.Application;

/// <summary>Turns a command reply's result (a copy of engine state) into the JSON the control API returns.</summary>
public static class ResultJson
{
    /// <summary>camelCase, enums as names, NaN/∞ as strings, cycles ignored, nulls omitted.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        ReferenceHandler = ReferenceHandler.IgnoreCycles,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The JSON node of <paramref name="result"/>; strategy views get their own shape (<see cref="StrategyViewJson"/>).</summary>
    public static JsonNode? ToNode(object? result) => result switch
    {
        null => new JsonObject(),
        JsonNode node => node,
        StrategyView view => StrategyViewJson.From(view),
        IEnumerable<StrategyView> views => new JsonArray([.. views.Select(v => (JsonNode)StrategyViewJson.From(v))]),
        string text => JsonValue.Create(text),
        _ => JsonSerializer.SerializeToNode(result, result.GetType(), Options),
    };

    // Replies to identical queries are shared (the engine answers once for many readers, see QueryInbox), so the
    // text of a reply object is kept as long as the object lives: a thousand reads of the same answer serialize it once.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, string> Texts = new();

    /// <summary>The JSON text of <paramref name="result"/> (results are copies of engine state, never changed after the reply).</summary>
    public static string Serialize(object? result)
        => result is null or string ? Text(result) : Texts.GetValue(result, Text);

    private static string Text(object? result) => ToNode(result)?.ToJsonString(Options) ?? "null";
}
