using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultiAsset.Engine.Model;

/// <summary>
/// Reads and writes <see cref="AssetClass"/> as its spec spelling ("STOCK", "FOREX", "CRYPTO"; reading ignores
/// case). Numbers are rejected: an enum ordinal in config would silently change meaning if members moved.
/// </summary>
public sealed class AssetClassJsonConverter : JsonConverter<AssetClass>
{
    /// <inheritdoc/>
    public override AssetClass Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException(
                $"Invalid asset class: expected a JSON string (one of {AssetClassNames.AllowedValues}) but found {reader.TokenType}.");
        }

        // Config-load path, not the hot path: materialising the string keeps escapes handled correctly.
        string? text = reader.GetString();
        return AssetClassNames.TryParse(text, out AssetClass assetClass)
            ? assetClass
            : throw new JsonException($"Invalid asset class '{text}': allowed values are {AssetClassNames.AllowedValues}.");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, AssetClass value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(AssetClassNames.ToSeedName(value));
    }
}
