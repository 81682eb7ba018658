namespace MultiAsset.Engine.Model;

/// <summary>
/// A price (quote currency per unit of the instrument, or an FX rate) as a fixed-point number with 8 decimals.
/// </summary>
/// <remarks>
/// Stored as <see cref="Raw"/> = price × 10^8 in a <see langword="long"/>, so the representable range is
/// ±92,233,720,368.54775807 (the negative side reaches -…54775808). Arithmetic that would leave it throws
/// <see cref="OverflowException"/>. Rounding and parsing rules are those of <see cref="FixedPoint"/>.
/// A <see cref="Price"/> is signed because spreads, price differences and some futures can be negative.
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(PriceJsonConverter))]
public readonly struct Price : IEquatable<Price>, IComparable<Price>
{
    /// <summary>Number of decimal places carried.</summary>
    public const int Decimals = FixedPoint.Decimals;

    /// <summary>Raw units per 1.0.</summary>
    public const long Scale = FixedPoint.Scale;

    private Price(long raw) => Raw = raw;

    /// <summary>The scaled value: price × 10^8.</summary>
    public long Raw { get; }

    /// <summary>A price of 0.</summary>
    public static Price Zero => default;

    /// <summary>Wraps an already-scaled value (price × 10^8) without conversion.</summary>
    public static Price FromRaw(long raw) => new(raw);

    /// <summary>Converts from <see langword="decimal"/>, rounding half away from zero to 8 decimals.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside the representable range.</exception>
    public static Price FromDecimal(decimal value) => new(FixedPoint.FromDecimal(value));

    /// <summary>Converts from <see langword="double"/>, rounding half away from zero to 8 decimals.</summary>
    /// <exception cref="ArgumentOutOfRangeException">NaN, infinity, or outside the representable range.</exception>
    public static Price FromDouble(double value) => new(FixedPoint.FromDouble(value));

    /// <summary>Converts from <see langword="double"/> like <see cref="FromDouble"/>, but returns <see langword="false"/> instead of throwing.</summary>
    public static bool TryFromDouble(double value, out Price result)
    {
        bool ok = FixedPoint.TryFromDouble(value, out long raw);
        result = new(raw);
        return ok;
    }

    /// <summary>The exact value as a <see langword="decimal"/>.</summary>
    public decimal ToDecimal() => FixedPoint.ToDecimal(Raw);

    /// <summary>The nearest <see langword="double"/>; for analytics, never for cash.</summary>
    public double ToDouble() => FixedPoint.ToDouble(Raw);

    /// <summary>Parses UTF-8 text without allocating; the grammar is <see cref="FixedPoint.TryParse(ReadOnlySpan{char}, out long)"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out Price value)
    {
        bool ok = FixedPoint.TryParse(utf8, out long raw);
        value = new(raw);
        return ok;
    }

    /// <summary>Parses text without allocating; the grammar is <see cref="FixedPoint.TryParse(ReadOnlySpan{char}, out long)"/>.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Price value)
    {
        bool ok = FixedPoint.TryParse(text, out long raw);
        value = new(raw);
        return ok;
    }

    /// <summary>Parses text or throws.</summary>
    /// <exception cref="FormatException">The text is not a valid price.</exception>
    public static Price Parse(string text) => new(FixedPoint.Parse(text, nameof(Price)));

    /// <summary>
    /// The notional value of <paramref name="quantity"/> at this price, rounded half away from zero to 8 decimals.
    /// </summary>
    /// <exception cref="OverflowException">The notional exceeds the <see cref="Money"/> range.</exception>
    public Money Multiply(Quantity quantity) => Money.FromRaw(FixedPoint.MultiplyScaled(Raw, quantity.Raw));

    /// <summary>The notional value price × quantity; see <see cref="Multiply"/>.</summary>
    /// <exception cref="OverflowException">The notional exceeds the <see cref="Money"/> range.</exception>
    public static Money Notional(Price price, Quantity quantity) => price.Multiply(quantity);

    /// <summary>Snaps this price to a multiple of <paramref name="tick"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tick"/> is not positive.</exception>
    public Price RoundToTick(Price tick, TickRounding mode) => new(FixedPoint.RoundToIncrement(Raw, tick.Raw, mode));

    /// <summary>Whether this price is an exact multiple of <paramref name="tick"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tick"/> is not positive.</exception>
    public bool IsOnTick(Price tick)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tick.Raw, nameof(tick));
        return Raw % tick.Raw == 0;
    }

    /// <summary>Invariant text with trailing zeros trimmed: "101.25", "0.00000001", "-3".</summary>
    public override string ToString() => FixedPoint.Format(Raw);

    /// <inheritdoc/>
    public bool Equals(Price other) => Raw == other.Raw;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Price other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Raw.GetHashCode();

    /// <inheritdoc/>
    public int CompareTo(Price other) => Raw.CompareTo(other.Raw);

    /// <summary>Checked sum.</summary>
    /// <exception cref="OverflowException">The result is outside the representable range.</exception>
    public static Price operator +(Price left, Price right) => new(checked(left.Raw + right.Raw));

    /// <summary>Checked difference.</summary>
    /// <exception cref="OverflowException">The result is outside the representable range.</exception>
    public static Price operator -(Price left, Price right) => new(checked(left.Raw - right.Raw));

    /// <summary>Checked negation.</summary>
    /// <exception cref="OverflowException">The operand is the most negative value.</exception>
    public static Price operator -(Price value) => new(checked(-value.Raw));

    /// <summary>Equality of raw values.</summary>
    public static bool operator ==(Price left, Price right) => left.Raw == right.Raw;

    /// <summary>Inequality of raw values.</summary>
    public static bool operator !=(Price left, Price right) => left.Raw != right.Raw;

    /// <summary>Less than.</summary>
    public static bool operator <(Price left, Price right) => left.Raw < right.Raw;

    /// <summary>Less than or equal.</summary>
    public static bool operator <=(Price left, Price right) => left.Raw <= right.Raw;

    /// <summary>Greater than.</summary>
    public static bool operator >(Price left, Price right) => left.Raw > right.Raw;

    /// <summary>Greater than or equal.</summary>
    public static bool operator >=(Price left, Price right) => left.Raw >= right.Raw;
}
