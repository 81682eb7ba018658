namespace MultiAsset.Engine.Model;

/// <summary>
/// An amount of cash in one currency (the currency is tracked by the owner, e.g. the account's cash ledger)
/// as a fixed-point number with 8 decimals.
/// </summary>
/// <remarks>
/// <para>Stored as <see cref="Raw"/> = amount × 10^8 in a <see langword="long"/>, so the representable range is
/// ±92,233,720,368.54775807 (the negative side reaches -…54775808). Arithmetic that would leave it throws
/// <see cref="OverflowException"/>. Rounding and parsing rules are those of <see cref="FixedPoint"/>.</para>
/// <para>For a JPY account the bound is about 92 billion JPY (roughly 600 million USD), which a large account
/// can reach; the check turns that into an exception rather than a wrong balance. A notional
/// (<see cref="Price.Notional"/>) hits the bound when price × quantity exceeds it, e.g. 1,000,000 units at
/// 100,000.</para>
/// <para>Signed: debits are negative, so cash is the plain sum of its movements.</para>
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(MoneyJsonConverter))]
public readonly struct Money : IEquatable<Money>, IComparable<Money>
{
    /// <summary>Number of decimal places carried.</summary>
    public const int Decimals = FixedPoint.Decimals;

    /// <summary>Raw units per 1.0.</summary>
    public const long Scale = FixedPoint.Scale;

    private Money(long raw) => Raw = raw;

    /// <summary>The scaled value: amount × 10^8.</summary>
    public long Raw { get; }

    /// <summary>An amount of 0.</summary>
    public static Money Zero => default;

    /// <summary>Wraps an already-scaled value (amount × 10^8) without conversion.</summary>
    public static Money FromRaw(long raw) => new(raw);

    /// <summary>Converts from <see langword="decimal"/>, rounding half away from zero to 8 decimals.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside the representable range.</exception>
    public static Money FromDecimal(decimal value) => new(FixedPoint.FromDecimal(value));

    /// <summary>Converts from <see langword="double"/>, rounding half away from zero to 8 decimals.</summary>
    /// <exception cref="ArgumentOutOfRangeException">NaN, infinity, or outside the representable range.</exception>
    public static Money FromDouble(double value) => new(FixedPoint.FromDouble(value));

    /// <summary>Converts from <see langword="double"/> like <see cref="FromDouble"/>, but returns <see langword="false"/> instead of throwing.</summary>
    public static bool TryFromDouble(double value, out Money result)
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
    public static bool TryParse(ReadOnlySpan<byte> utf8, out Money value)
    {
        bool ok = FixedPoint.TryParse(utf8, out long raw);
        value = new(raw);
        return ok;
    }

    /// <summary>Parses text without allocating; the grammar is <see cref="FixedPoint.TryParse(ReadOnlySpan{char}, out long)"/>.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Money value)
    {
        bool ok = FixedPoint.TryParse(text, out long raw);
        value = new(raw);
        return ok;
    }

    /// <summary>Parses text or throws.</summary>
    /// <exception cref="FormatException">The text is not a valid amount.</exception>
    public static Money Parse(string text) => new(FixedPoint.Parse(text, nameof(Money)));

    /// <summary>
    /// Converts this amount from the base currency of <paramref name="fxRate"/> to its quote currency
    /// (amount × rate, where the rate is quote units per base unit), rounded half away from zero to 8 decimals.
    /// </summary>
    /// <exception cref="OverflowException">The converted amount exceeds the representable range.</exception>
    public Money ConvertAt(Price fxRate) => new(FixedPoint.MultiplyScaled(Raw, fxRate.Raw));

    /// <summary>Invariant text with trailing zeros trimmed: "101.25", "0.00000001", "-3".</summary>
    public override string ToString() => FixedPoint.Format(Raw);

    /// <inheritdoc/>
    public bool Equals(Money other) => Raw == other.Raw;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Money other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Raw.GetHashCode();

    /// <inheritdoc/>
    public int CompareTo(Money other) => Raw.CompareTo(other.Raw);

    /// <summary>Checked sum.</summary>
    /// <exception cref="OverflowException">The result is outside the representable range.</exception>
    public static Money operator +(Money left, Money right) => new(checked(left.Raw + right.Raw));

    /// <summary>Checked multiplication by a whole number (e.g. a per-contract fee × contracts).</summary>
    /// <exception cref="OverflowException">The result is outside the representable range.</exception>
    public static Money operator *(Money value, long factor) => new(checked(value.Raw * factor));

    /// <summary>Checked multiplication by a whole number.</summary>
    /// <exception cref="OverflowException">The result is outside the representable range.</exception>
    public static Money operator *(long factor, Money value) => value * factor;

    /// <summary>Checked difference.</summary>
    /// <exception cref="OverflowException">The result is outside the representable range.</exception>
    public static Money operator -(Money left, Money right) => new(checked(left.Raw - right.Raw));

    /// <summary>Checked negation.</summary>
    /// <exception cref="OverflowException">The operand is the most negative value.</exception>
    public static Money operator -(Money value) => new(checked(-value.Raw));

    /// <summary>Equality of raw values.</summary>
    public static bool operator ==(Money left, Money right) => left.Raw == right.Raw;

    /// <summary>Inequality of raw values.</summary>
    public static bool operator !=(Money left, Money right) => left.Raw != right.Raw;

    /// <summary>Less than.</summary>
    public static bool operator <(Money left, Money right) => left.Raw < right.Raw;

    /// <summary>Less than or equal.</summary>
    public static bool operator <=(Money left, Money right) => left.Raw <= right.Raw;

    /// <summary>Greater than.</summary>
    public static bool operator >(Money left, Money right) => left.Raw > right.Raw;

    /// <summary>Greater than or equal.</summary>
    public static bool operator >=(Money left, Money right) => left.Raw >= right.Raw;
}
