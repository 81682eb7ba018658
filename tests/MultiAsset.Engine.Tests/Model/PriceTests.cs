using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Tests.Model;

public class PriceTests
{
    private static Price P(string text) => Price.Parse(text);

    private static Quantity Q(string text) => Quantity.Parse(text);

    [Fact]
    public void Constants_AreEightDecimals()
    {
        Assert.Equal(8, Price.Decimals);
        Assert.Equal(100_000_000L, Price.Scale);
        Assert.Equal(0L, Price.Zero.Raw);
    }

    [Theory]
    [InlineData("101.25", 10_125_000_000L)]
    [InlineData("-3", -300_000_000L)]
    [InlineData("0.00000001", 1L)]
    public void TryParse_WhenValid_ReturnsExactRaw(string text, long expectedRaw)
    {
        Assert.True(Price.TryParse(text.AsSpan(), out Price fromChars));
        Assert.Equal(expectedRaw, fromChars.Raw);
        Assert.True(Price.TryParse(Encoding.UTF8.GetBytes(text), out Price fromUtf8));
        Assert.Equal(expectedRaw, fromUtf8.Raw);
        Assert.Equal(expectedRaw, Price.Parse(text).Raw);
    }

    [Fact]
    public void TryParse_WhenMoreThanEightDecimals_ReturnsFalse()
    {
        Assert.False(Price.TryParse("101.123456789".AsSpan(), out Price value));
        Assert.Equal(Price.Zero, value);
        Assert.False(Price.TryParse("101.123456789"u8, out _));
    }

    [Fact]
    public void Parse_WhenInvalid_ThrowsFormatExceptionNamingTextAndType()
    {
        var ex = Assert.Throws<FormatException>(() => Price.Parse("12.3x"));
        Assert.Contains("'12.3x'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Price", ex.Message, StringComparison.Ordinal);
        Assert.Contains("8 fraction digits", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => Price.Parse(null!));
    }

    [Theory]
    [InlineData(10_125_000_000L, "101.25")]
    [InlineData(1L, "0.00000001")]
    [InlineData(-300_000_000L, "-3")]
    public void ToString_IsInvariantWithTrailingZerosTrimmed(long raw, string expected) =>
        Assert.Equal(expected, Price.FromRaw(raw).ToString());

    [Property]
    public Property ToStringThenParse_RoundTrips() =>
        Prop.ForAll(FixedPointGen.AnyRaw, raw => Price.Parse(Price.FromRaw(raw).ToString()).Raw == raw);

    [Fact]
    public void Arithmetic_IsExact()
    {
        Assert.Equal(P("101.5"), P("101.25") + P("0.25"));
        Assert.Equal(P("-0.00000001"), P("0.1") - P("0.10000001"));
        Assert.Equal(P("-101.25"), -P("101.25"));
    }

    [Fact]
    public void Arithmetic_AtTheDocumentedBound_Throws()
    {
        Assert.Throws<OverflowException>(() => Price.FromRaw(long.MaxValue) + Price.FromRaw(1));
        Assert.Throws<OverflowException>(() => Price.FromRaw(long.MinValue) - Price.FromRaw(1));
        Assert.Throws<OverflowException>(() => -Price.FromRaw(long.MinValue));
        // The bound itself, spelled in units, is still representable.
        Assert.Equal(long.MaxValue, (P("92233720368.54775806") + P("0.00000001")).Raw);
    }

    [Fact]
    public void EqualityAndOrdering_FollowRawValue()
    {
        Price low = P("1.5"), high = P("1.50000001");
        Assert.True(low < high && low <= high && high > low && high >= low && low != high);
        Assert.False(low > high || low >= high || low == high);
        Assert.True(low == P("1.50000000") && low.Equals(P("1.5")) && low.Equals((object)P("1.5")));
        Assert.False(low.Equals((object)Quantity.Parse("1.5"))); // same raw, different type: not equal
        Assert.Equal(P("1.5").GetHashCode(), low.GetHashCode());
        Assert.Equal(-1, low.CompareTo(high));
        Assert.Equal(0, low.CompareTo(P("1.5")));
        Assert.Equal(1, high.CompareTo(low));
    }

    [Theory]
    [InlineData("101.25", "3.5", "354.375")]
    [InlineData("0.00000003", "0.5", "0.00000002")]    // 0.000000015 → half away from zero
    [InlineData("0.00000003", "-0.5", "-0.00000002")]  // symmetric for a sell
    [InlineData("1.00000001", "0.33333333", "0.33333333")] // 0.3333333433333333 → rounds down
    [InlineData("65000.12345678", "0.00000001", "0.00065")] // 0.0006500012345678 → 8 decimals
    public void Notional_RoundsHalfAwayFromZero(string price, string quantity, string expected)
    {
        Assert.Equal(Money.Parse(expected), Price.Notional(P(price), Q(quantity)));
        Assert.Equal(Money.Parse(expected), P(price).Multiply(Q(quantity)));
    }

    [Property]
    public Property Notional_EqualsDecimalReference() =>
        // Prices up to ±1e6 and quantities up to ±1e4 units keep the notional (≤ 1e10) in range.
        Prop.ForAll(FixedPointGen.RawWithin(100_000_000_000_000), FixedPointGen.RawWithin(1_000_000_000_000), (p, q) =>
            Price.Notional(Price.FromRaw(p), Quantity.FromRaw(q)).ToDecimal() == FixedPointGen.ReferenceProduct(p, q));

    [Fact]
    public void Notional_BeyondTheMoneyBound_Throws()
    {
        Assert.Throws<OverflowException>(() => Price.Notional(P("100000"), Q("1000000")));
        Assert.Equal(Money.Parse("90000000000"), Price.Notional(P("90000"), Q("1000000")));
    }

    [Theory]
    [InlineData("101.125", TickRounding.Nearest, "101.25")]
    [InlineData("101.125", TickRounding.Down, "101")]
    [InlineData("101.125", TickRounding.Up, "101.25")]
    [InlineData("101.125", TickRounding.TowardZero, "101")]
    [InlineData("101.1", TickRounding.Nearest, "101")]
    [InlineData("-101.125", TickRounding.Nearest, "-101.25")]
    [InlineData("-101.125", TickRounding.Down, "-101.25")]
    [InlineData("-101.125", TickRounding.Up, "-101")]
    [InlineData("-101.125", TickRounding.TowardZero, "-101")]
    [InlineData("-101.1", TickRounding.Nearest, "-101")]
    [InlineData("101.25", TickRounding.Up, "101.25")]
    public void RoundToTick_ForEachMode_SnapsToQuarterTick(string price, TickRounding mode, string expected) =>
        Assert.Equal(P(expected), P(price).RoundToTick(P("0.25"), mode));

    [Fact]
    public void IsOnTick_ChecksExactMultiple()
    {
        Assert.True(P("101.25").IsOnTick(P("0.25")));
        Assert.True(P("-101.25").IsOnTick(P("0.25")));
        Assert.False(P("101.26").IsOnTick(P("0.25")));
        Assert.True(P("0.00012345").IsOnTick(P("0.00000001")));
        Assert.Throws<ArgumentOutOfRangeException>(() => P("1").IsOnTick(Price.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => P("1").RoundToTick(P("-0.25"), TickRounding.Nearest));
    }

    [Fact]
    public void FromDecimalAndToDecimal_AreExactWithHalfAwayRounding()
    {
        Assert.Equal(10_125_000_000L, Price.FromDecimal(101.25m).Raw);
        Assert.Equal(3L, Price.FromDecimal(0.000000025m).Raw);
        Assert.Equal(101.25m, P("101.25").ToDecimal());
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(1e12)]
    public void FromDouble_WhenNaNInfiniteOrOutOfRange_IsRejected(double value)
    {
        Assert.False(Price.TryFromDouble(value, out Price result));
        Assert.Equal(Price.Zero, result);
        Assert.Throws<ArgumentOutOfRangeException>(() => Price.FromDouble(value));
    }

    [Fact]
    public void FromDouble_RoundsHalfAwayFromZero()
    {
        Assert.True(Price.TryFromDouble(1.25e-7, out Price p)); // 12.5 raw → 13
        Assert.Equal(13L, p.Raw);
        Assert.Equal(10_125_000_000L, Price.FromDouble(101.25).Raw);
        Assert.Equal(101.25, P("101.25").ToDouble());
    }
}
