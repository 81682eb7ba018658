namespace MultiAsset.Engine.Model;

/// <summary>
/// A quantity of an instrument (shares, base-currency units, coins) as a fixed-point number with 8 decimals,
/// enough for satoshi-sized crypto lots.
/// </summary>
/// <remarks>
/// Stored as <see cref="Raw"/> = quantity × 10^8 in a <see langword="long"/>, so the representable range is
/// ±92,233,720,368.54775807 (the negative side reaches -…54775808). Arithmetic that would leave it throws
/// <see cref="OverflowException"/>. Rounding and parsing rules are those of <see cref="FixedPoint"/>.
/// A <see cref="Quantity"/> is signed: negative means short / sell, so a position is the plain sum of its fills.
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(QuantityJsonConverter))]
public readonly struct Quantity : IEquatable<Quantity>, IComparable<Quantity>
{
    /// <summary>Number of decimal places carried.</summary>
    public const int Decimals = FixedPoint.Decimals;

    /// <summary>Raw units per 1.0.</summary>
    public const long Scale = FixedPoint.Scale;

    private Quantity(long raw) => Raw = raw;

    /// <summary>The scaled value: quantity × 10^8.</summary>
    public long Raw { get; }

    /// <summary>A quantity of 0.</summary>
    public static Quantity Zero => default;

    /// <summary>Wraps an already-scaled value (quantity × 10^8) without conversion.</summary>
    public static Quantity FromRaw(long raw) => new(raw);

    /// <summary>Converts from <see langword="decimal"/>, rounding half away from zero to 8 decimals.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside the representable range.</exception>
    public static Quantity FromDecimal(decimal value) => new(FixedPoint.FromDecimal(value));

    /// <summary>Converts from <see langword="double"/>, rounding half away from zero to 8 decimals.</summary>
    /// <exception cref="ArgumentOutOfRangeException">NaN, infinity, or outside the representable range.</exception>
    public static Quantity FromDouble(double value) => new(FixedPoint.FromDouble(value));

    /// <summary>Converts from <see langword="double"/> like <see cref="FromDouble"/>, but returns <see langword="false"/> instead of throwing.</summary>
    public static bool TryFromDouble(double value, out Quantity result)
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
    public static bool TryParse(ReadOnlySpan<byte> utf8, out Quantity value)
    {
        bool ok = FixedPoint.TryParse(utf8, out long raw);
        value = new(raw);
        return ok;
    }

    /// <summary>Parses text without allocating; the grammar is <see cref="FixedPoint.TryParse(ReadOnlySpan{char}, out long)"/>.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Quantity value)
    {
        bool ok = FixedPoint.TryParse(text, out long raw);
        value = new(raw);
        return ok;
    }

    /// <summary>Parses text or throws.</summary>
    /// <exception cref="FormatException">The text is not a valid quantity.</exception>
    public static Quantity Parse(string text) => new(FixedPoint.Parse(text, nameof(Quantity)));

    /// <summary>Snaps this quantity to a multiple of <paramref name="lot"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lot"/> is not positive.</exception>
    public Quantity RoundToLot(Quantity lot, TickRounding mode) => new(FixedPoint.RoundToIncrement(Raw, lot.Raw, mode));

    /// <summary>Whether this quantity is an exact multiple of <paramref name="lot"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lot"/> is not positive.</exception>
    public bool IsOnLot(Quantity lot)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lot.Raw, nameof(lot));
        return Raw % lot.Raw == 0;
    }

    /// <summary>Invariant text with trailing zeros trimmed: "101.25", "0.00000001", "-3".</summary>
    public override string ToString() => FixedPoint.Format(Raw);

    /// <inheritdoc/>
    public bool Equals(Quantity other) => Raw == other.Raw;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Quantity other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Raw.GetHashCode();

    /// <inheritdoc/>
    public int CompareTo(Quantity other) => Raw.CompareTo(other.Raw);

    /// <summary>Checked sum.</summary>
    /// <exception cref="OverflowException">The result is outside the representable range.</exception>
    public static Quantity operator +(Quantity left, Quantity right) => new(checked(left.Raw + right.Raw));

    /// <summary>Checked multiplication by a whole number (e.g. lots × lot size).</summary>
    /// <exception cref="OverflowException">The result is outside the representable range.</exception>
    public static Quantity operator *(Quantity value, long factor) => new(checked(value.Raw * factor));

    /// <summary>Checked multiplication by a whole number.</summary>
    /// <exception cref="OverflowException">The result is outside the representable range.</exception>
    public static Quantity operator *(long factor, Quantity value) => value * factor;

    /// <summary>Checked difference.</summary>
    /// <exception cref="OverflowException">The result is outside the representable range.</exception>
    public static Quantity operator -(Quantity left, Quantity right) => new(checked(left.Raw - right.Raw));

    /// <summary>Checked negation.</summary>
    /// <exception cref="OverflowException">The operand is the most negative value.</exception>
    public static Quantity operator -(Quantity value) => new(checked(-value.Raw));

    /// <summary>Equality of raw values.</summary>
    public static bool operator ==(Quantity left, Quantity right) => left.Raw == right.Raw;

    /// <summary>Inequality of raw values.</summary>
    public static bool operator !=(Quantity left, Quantity right) => left.Raw != right.Raw;

    /// <summary>Less than.</summary>
    public static bool operator <(Quantity left, Quantity right) => left.Raw < right.Raw;

    /// <summary>Less than or equal.</summary>
    public static bool operator <=(Quantity left, Quantity right) => left.Raw <= right.Raw;

    /// <summary>Greater than.</summary>
    public static bool operator >(Quantity left, Quantity right) => left.Raw > right.Raw;

    /// <summary>Greater than or equal.</summary>
    public static bool operator >=(Quantity left, Quantity right) => left.Raw >= right.Raw;
}
