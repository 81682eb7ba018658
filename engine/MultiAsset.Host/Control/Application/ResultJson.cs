using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MultiAsset.Engine.Signals.Stage;

namespace MultiAsset.Host.Control.Application;

/// <summary>Turns a command reply's result (a copy of engine state) into the JSON the control API returns.</summary>
public static class ResultJson
{
    /// <summary>
    /// camelCase, enums as names (asset classes in the seed's spelling, STOCK/FOREX/CRYPTO, as everywhere else in the
    /// API), strategy ids as their number (null for none), NaN/∞ as strings, cycles ignored, nulls omitted.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new AssetClassConverter(), new StrategyIdConverter(), new JsonStringEnumConverter() },
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

/// <summary>An asset class in the seed's spelling (<c>STOCK</c>, <c>FOREX</c>, <c>CRYPTO</c>); reads any spelling.</summary>
internal sealed class AssetClassConverter : JsonConverter<MultiAsset.Engine.Model.AssetClass>
{
    public override MultiAsset.Engine.Model.AssetClass Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => MultiAsset.Engine.Model.AssetClassNames.TryParse(reader.GetString(), out var assetClass) ? assetClass : throw new JsonException($"not an asset class: '{reader.GetString()}'");

    public override void Write(Utf8JsonWriter writer, MultiAsset.Engine.Model.AssetClass value, JsonSerializerOptions options)
        => writer.WriteStringValue(MultiAsset.Engine.Model.AssetClassNames.ToSeedName(value));

    public override void WriteAsPropertyName(Utf8JsonWriter writer, MultiAsset.Engine.Model.AssetClass value, JsonSerializerOptions options)
        => writer.WritePropertyName(MultiAsset.Engine.Model.AssetClassNames.ToSeedName(value));

    public override MultiAsset.Engine.Model.AssetClass ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => Read(ref reader, typeToConvert, options);
}

/// <summary>A strategy id as its dense number (the engine's internal struct never reaches a client); null for none.</summary>
internal sealed class StrategyIdConverter : JsonConverter<MultiAsset.Engine.Model.StrategyId>
{
    public override MultiAsset.Engine.Model.StrategyId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => reader.TokenType == JsonTokenType.Null ? MultiAsset.Engine.Model.StrategyId.None : new(reader.GetInt32());

    public override void Write(Utf8JsonWriter writer, MultiAsset.Engine.Model.StrategyId value, JsonSerializerOptions options)
    {
        if (value.IsValid)
        {
            writer.WriteNumberValue(value.Value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
