using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultiAsset.Engine.Model;

/// <summary>
/// JSON for the fixed-point types and dense ids as the control API shows them: a price, quantity or amount is a plain
/// decimal number (exact: 8 decimals), an id its number. Off the hot path (serialisation of replies).
/// </summary>
public abstract class FixedPointJsonConverter<T> : JsonConverter<T>
{
    /// <summary>The value as a decimal.</summary>
    protected abstract decimal ToDecimal(T value);

    /// <summary>The value from a decimal.</summary>
    protected abstract T FromDecimal(decimal value);

    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var value) ? FromDecimal(value) : throw new JsonException($"expected a number for {typeof(T).Name}");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(ToDecimal(value));
    }
}

/// <summary>A <see cref="Price"/> as a JSON number.</summary>
public sealed class PriceJsonConverter : FixedPointJsonConverter<Price>
{
    /// <inheritdoc />
    protected override decimal ToDecimal(Price value) => value.ToDecimal();

    /// <inheritdoc />
    protected override Price FromDecimal(decimal value) => Price.FromDecimal(value);
}

/// <summary>A <see cref="Quantity"/> as a JSON number.</summary>
public sealed class QuantityJsonConverter : FixedPointJsonConverter<Quantity>
{
    /// <inheritdoc />
    protected override decimal ToDecimal(Quantity value) => value.ToDecimal();

    /// <inheritdoc />
    protected override Quantity FromDecimal(decimal value) => Quantity.FromDecimal(value);
}

/// <summary>A <see cref="Money"/> as a JSON number.</summary>
public sealed class MoneyJsonConverter : FixedPointJsonConverter<Money>
{
    /// <inheritdoc />
    protected override decimal ToDecimal(Money value) => value.ToDecimal();

    /// <inheritdoc />
    protected override Money FromDecimal(decimal value) => Money.FromDecimal(value);
}

/// <summary>A dense id as its JSON number.</summary>
public sealed class DenseIdJsonConverter<T>(Func<T, int> value, Func<int, T> create) : JsonConverter<T>
{
    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => create(reader.GetInt32());

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T id, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value(id));
    }
}

/// <summary>JSON of <see cref="AccountId"/> (its number).</summary>
public sealed class AccountIdJsonConverter() : JsonConverter<AccountId>
{
    private static readonly DenseIdJsonConverter<AccountId> Inner = new(id => id.Value, v => new AccountId(v));

    /// <inheritdoc />
    public override AccountId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Inner.Read(ref reader, typeToConvert, options);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, AccountId value, JsonSerializerOptions options) => Inner.Write(writer, value, options);
}

/// <summary>JSON of <see cref="InstrumentId"/> (its number).</summary>
public sealed class InstrumentIdJsonConverter() : JsonConverter<InstrumentId>
{
    private static readonly DenseIdJsonConverter<InstrumentId> Inner = new(id => id.Value, v => new InstrumentId(v));

    /// <inheritdoc />
    public override InstrumentId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Inner.Read(ref reader, typeToConvert, options);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, InstrumentId value, JsonSerializerOptions options) => Inner.Write(writer, value, options);
}
