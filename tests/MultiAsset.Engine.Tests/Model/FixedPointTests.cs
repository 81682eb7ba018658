using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Model;

public class FixedPointTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("-0", 0L)]
    [InlineData("1", 100_000_000L)]
    [InlineData("+7.5", 750_000_000L)]
    [InlineData("101.25", 10_125_000_000L)]
    [InlineData("0.00000001", 1L)]
    [InlineData("-0.00000001", -1L)]
    [InlineData("-3", -300_000_000L)]
    [InlineData(".5", 50_000_000L)]
    [InlineData("5.", 500_000_000L)]
    [InlineData("00012.340", 1_234_000_000L)]
    [InlineData("12345678901.12345678", 1_234_567_890_112_345_678L)]
    [InlineData("92233720368.54775807", long.MaxValue)]
    [InlineData("-92233720368.54775808", long.MinValue)]
    public void TryParse_WhenValid_ReturnsExactRaw(string text, long expectedRaw)
    {
        Assert.True(FixedPoint.TryParse(text.AsSpan(), out long fromChars));
        Assert.Equal(expectedRaw, fromChars);

        Assert.True(FixedPoint.TryParse(Encoding.UTF8.GetBytes(text), out long fromUtf8));
        Assert.Equal(expectedRaw, fromUtf8);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("-")]
    [InlineData("+")]
    [InlineData("-.")]
    [InlineData("1.123456789")]
    [InlineData("1.000000000")] // nine digits, even zeros: more precision than we carry is a data error
    [InlineData("abc")]
    [InlineData("1e5")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1,5")]
    [InlineData("1.2.3")]
    [InlineData("--1")]
    [InlineData("+-1")]
    [InlineData("1.-5")]
    [InlineData("0x10")]
    [InlineData("1_000")]
    [InlineData("\u0661")] // Arabic-Indic digit one: only ASCII digits are digits here
    [InlineData("92233720368.54775808")]
    [InlineData("-92233720368.54775809")]
    [InlineData("92233720369")]
    [InlineData("99999999999999999999999999")]
    public void TryParse_WhenInvalid_ReturnsFalseAndZero(string text)
    {
        Assert.False(FixedPoint.TryParse(text.AsSpan(), out long fromChars));
        Assert.Equal(0, fromChars);

        Assert.False(FixedPoint.TryParse(Encoding.UTF8.GetBytes(text), out long fromUtf8));
        Assert.Equal(0, fromUtf8);
    }

    [Fact]
    public void TryParse_WhenMoreThanEightDecimals_ReturnsFalse()
    {
        Assert.True(FixedPoint.TryParse("0.12345678"u8, out _));
        Assert.False(FixedPoint.TryParse("0.123456789"u8, out _));
    }

    [Fact]
    public void TryParse_WhenUtf8HasNonAsciiBytes_ReturnsFalse()
    {
        Assert.False(FixedPoint.TryParse([(byte)'1', 0xFF], out _));
        Assert.False(FixedPoint.TryParse([0xB1], out _)); // 0xB1 - '0' would be 129 if mis-masked
    }

    [Fact]
    public void TryParse_DoesNotAllocate()
    {
        // Used per CSV row: measured, not assumed. Warm up first so JIT/tiering allocations are excluded.
        ReadOnlySpan<byte> utf8 = "-12345.67890123"u8;
        ReadOnlySpan<char> chars = "-12345.67890123";
        long sum = 0;
        for (int i = 0; i < 100; i++)
        {
            _ = Price.TryParse(utf8, out Price warm);
            _ = Price.TryParse(chars, out warm);
            sum += warm.Raw;
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            _ = Price.TryParse(utf8, out Price p1);
            _ = Quantity.TryParse(chars, out Quantity q1);
            _ = FixedPoint.TryParse("not a number"u8, out long bad);
            sum += p1.Raw + q1.Raw + bad;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        AllocationAssert.NonePerOperation(allocated, 30_000);
        Assert.NotEqual(0, sum);
    }

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(1L, "0.00000001")]
    [InlineData(-1L, "-0.00000001")]
    [InlineData(100_000_000L, "1")]
    [InlineData(1_000_000_000L, "10")]
    [InlineData(10_125_000_000L, "101.25")]
    [InlineData(-300_000_000L, "-3")]
    [InlineData(-50_000_000L, "-0.5")]
    [InlineData(long.MaxValue, "92233720368.54775807")]
    [InlineData(long.MinValue, "-92233720368.54775808")]
    public void Format_TrimsTrailingZerosInvariantly(long raw, string expected) =>
        Assert.Equal(expected, FixedPoint.Format(raw));

    [Fact]
    public void TryFormat_WhenDestinationTooSmall_ReturnsFalse()
    {
        Span<char> buffer = stackalloc char[5];
        Assert.False(FixedPoint.TryFormat(10_125_000_000L, buffer, out int written));
        Assert.Equal(0, written);

        Assert.True(FixedPoint.TryFormat(10_125_000_000L, stackalloc char[6], out written));
        Assert.Equal(6, written);
    }

    [Property]
    public Property FormatThenParse_RoundTrips() =>
        Prop.ForAll(FixedPointGen.AnyRaw, raw =>
        {
            string text = FixedPoint.Format(raw);
            return FixedPoint.TryParse(text.AsSpan(), out long parsed) && parsed == raw
                && FixedPoint.TryParse(Encoding.UTF8.GetBytes(text), out long parsedUtf8) && parsedUtf8 == raw;
        });

    [Property]
    public Property Format_AgreesWithDecimalToString() =>
        // decimal's own invariant formatting of an exact value, with trailing zeros stripped, is an independent oracle.
        Prop.ForAll(FixedPointGen.AnyRaw, raw =>
        {
            string expected = FixedPoint.ToDecimal(raw).ToString("0.########", System.Globalization.CultureInfo.InvariantCulture);
            return FixedPoint.Format(raw) == expected;
        });

    [Property]
    public Property MultiplyScaled_EqualsDecimalReference() =>
        // |a| ≤ 1e6 units and |b| ≤ 1e4 units keep the product (≤ 1e10 units) inside the range.
        Prop.ForAll(FixedPointGen.RawWithin(100_000_000_000_000), FixedPointGen.RawWithin(1_000_000_000_000), (a, b) =>
            FixedPoint.ToDecimal(FixedPoint.MultiplyScaled(a, b)) == FixedPointGen.ReferenceProduct(a, b));

    [Theory]
    [InlineData(1L, 50_000_000L, 1L)]      // 0.00000001 × 0.5 = 0.000000005 → half away from zero → 0.00000001
    [InlineData(-1L, 50_000_000L, -1L)]    // and symmetrically for negatives
    [InlineData(1L, 49_999_999L, 0L)]      // just under half → down
    [InlineData(3L, 50_000_000L, 2L)]      // 0.000000015 → 0.00000002 (banker's rounding would also give 2)
    [InlineData(5L, 50_000_000L, 3L)]      // 0.000000025 → 0.00000003 (banker's rounding would give 2)
    [InlineData(-5L, 50_000_000L, -3L)]
    public void MultiplyScaled_RoundsHalfAwayFromZero(long a, long b, long expected) =>
        Assert.Equal(expected, FixedPoint.MultiplyScaled(a, b));

    [Fact]
    public void MultiplyScaled_AtTheBound_IsExactOrThrows()
    {
        Assert.Equal(long.MaxValue, FixedPoint.MultiplyScaled(long.MaxValue, FixedPoint.Scale));
        Assert.Equal(long.MinValue, FixedPoint.MultiplyScaled(long.MinValue, FixedPoint.Scale));
        Assert.Throws<OverflowException>(() => FixedPoint.MultiplyScaled(long.MaxValue, FixedPoint.Scale + 1));
        Assert.Throws<OverflowException>(() => FixedPoint.MultiplyScaled(long.MinValue, -FixedPoint.Scale));
        Assert.Throws<OverflowException>(() => FixedPoint.MultiplyScaled(long.MinValue, long.MinValue));
    }

    [Theory]
    [InlineData(14L, TickRounding.Nearest, 10L)]
    [InlineData(15L, TickRounding.Nearest, 20L)]
    [InlineData(16L, TickRounding.Nearest, 20L)]
    [InlineData(-14L, TickRounding.Nearest, -10L)]
    [InlineData(-15L, TickRounding.Nearest, -20L)]
    [InlineData(-16L, TickRounding.Nearest, -20L)]
    [InlineData(14L, TickRounding.Down, 10L)]
    [InlineData(16L, TickRounding.Down, 10L)]
    [InlineData(-14L, TickRounding.Down, -20L)]
    [InlineData(-16L, TickRounding.Down, -20L)]
    [InlineData(14L, TickRounding.Up, 20L)]
    [InlineData(16L, TickRounding.Up, 20L)]
    [InlineData(-14L, TickRounding.Up, -10L)]
    [InlineData(-16L, TickRounding.Up, -10L)]
    [InlineData(14L, TickRounding.TowardZero, 10L)]
    [InlineData(16L, TickRounding.TowardZero, 10L)]
    [InlineData(-14L, TickRounding.TowardZero, -10L)]
    [InlineData(-16L, TickRounding.TowardZero, -10L)]
    [InlineData(20L, TickRounding.Up, 20L)]
    [InlineData(-20L, TickRounding.Down, -20L)]
    [InlineData(0L, TickRounding.Up, 0L)]
    public void RoundToIncrement_ForEachMode_SnapsAsDocumented(long raw, TickRounding mode, long expected) =>
        Assert.Equal(expected, FixedPoint.RoundToIncrement(raw, 10, mode));

    [Property]
    public Property RoundToIncrement_ResultIsOnIncrementAndOnTheRightSide() =>
        Prop.ForAll(
            FixedPointGen.RawWithin(1_000_000_000_000_000),
            FixedPointGen.Between(1, 1_000_000_000).ToArbitrary(),
            Gen.Elements(TickRounding.Nearest, TickRounding.Down, TickRounding.Up, TickRounding.TowardZero).ToArbitrary(),
            (raw, increment, mode) =>
            {
                long r = FixedPoint.RoundToIncrement(raw, increment, mode);
                long distance = Math.Abs(r - raw);
                bool sideOk = mode switch
                {
                    TickRounding.Down => r <= raw,
                    TickRounding.Up => r >= raw,
                    TickRounding.TowardZero => Math.Abs(r) <= Math.Abs(raw) && (r == 0 || Math.Sign(r) == Math.Sign(raw)),
                    _ => 2 * distance <= increment,
                };
                return r % increment == 0 && distance < increment && sideOk;
            });

    [Fact]
    public void RoundToIncrement_WhenIncrementNotPositiveOrModeUnknown_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FixedPoint.RoundToIncrement(15, 0, TickRounding.Nearest));
        Assert.Throws<ArgumentOutOfRangeException>(() => FixedPoint.RoundToIncrement(15, -10, TickRounding.Nearest));
        Assert.Throws<ArgumentOutOfRangeException>(() => FixedPoint.RoundToIncrement(20, 10, (TickRounding)42));
    }

    [Fact]
    public void RoundToIncrement_WhenSnappingPastTheBound_Throws()
    {
        Assert.Throws<OverflowException>(() => FixedPoint.RoundToIncrement(long.MaxValue, 10, TickRounding.Up));
        Assert.Throws<OverflowException>(() => FixedPoint.RoundToIncrement(long.MinValue, 10, TickRounding.Down));
        Assert.Equal(long.MaxValue - 7, FixedPoint.RoundToIncrement(long.MaxValue, 10, TickRounding.Down));
    }

    [Theory]
    [InlineData("1.000000005", 100_000_001L)]
    [InlineData("-1.000000005", -100_000_001L)]
    [InlineData("1.0000000049999", 100_000_000L)]
    [InlineData("0.000000015", 2L)] // banker's rounding would give 2 as well; next line tells them apart
    [InlineData("0.000000025", 3L)]
    [InlineData("92233720368.54775807", long.MaxValue)]
    [InlineData("92233720368.547758074", long.MaxValue)] // rounds down into range
    [InlineData("-92233720368.54775808", long.MinValue)]
    public void FromDecimal_RoundsHalfAwayFromZero(string value, long expectedRaw) =>
        Assert.Equal(expectedRaw, FixedPoint.FromDecimal(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("92233720368.54775808")]
    [InlineData("92233720368.547758075")] // rounds up out of range
    [InlineData("-92233720368.54775809")]
    [InlineData("79228162514264337593543950335")] // decimal.MaxValue
    public void FromDecimal_WhenOutOfRange_Throws(string value) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FixedPoint.FromDecimal(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

    [Property]
    public Property ToDecimalThenFromDecimal_RoundTrips() =>
        Prop.ForAll(FixedPointGen.AnyRaw, raw => FixedPoint.FromDecimal(FixedPoint.ToDecimal(raw)) == raw);

    [Fact]
    public void ToDecimal_IsExactAtTheBounds()
    {
        Assert.Equal(92_233_720_368.54775807m, FixedPoint.ToDecimal(long.MaxValue));
        Assert.Equal(-92_233_720_368.54775808m, FixedPoint.ToDecimal(long.MinValue));
        Assert.Equal(0.00000001m, FixedPoint.ToDecimal(1));
    }

    [Theory]
    [InlineData(0.1, 10_000_000L)]
    [InlineData(101.25, 10_125_000_000L)]
    [InlineData(2.5e-8, 3L)]           // scales to exactly 2.5: half away from zero, not to even
    [InlineData(-2.5e-8, -3L)]
    [InlineData(1.25e-7, 13L)]         // exactly 12.5 → 13 (banker's would give 12)
    [InlineData(1.000000005, 100_000_001L)]
    [InlineData(-0.0, 0L)]
    [InlineData(92_000_000_000.0, 9_200_000_000_000_000_000L)]
    public void TryFromDouble_WhenFinite_RoundsHalfAwayFromZero(double value, long expectedRaw)
    {
        Assert.True(FixedPoint.TryFromDouble(value, out long raw));
        Assert.Equal(expectedRaw, raw);
        Assert.Equal(expectedRaw, FixedPoint.FromDouble(value));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(1e11)]
    [InlineData(-1e11)]
    [InlineData(92_233_720_368.54775807)] // as a double this scales to exactly 2^63, one past long.MaxValue
    public void TryFromDouble_WhenNotRepresentable_ReturnsFalse_AndFromDoubleThrows(double value)
    {
        Assert.False(FixedPoint.TryFromDouble(value, out long raw));
        Assert.Equal(0, raw);
        Assert.Throws<ArgumentOutOfRangeException>(() => FixedPoint.FromDouble(value));
    }

    [Fact]
    public void ToDouble_DividesByScale()
    {
        Assert.Equal(101.25, FixedPoint.ToDouble(10_125_000_000L));
        Assert.Equal(-1e-8, FixedPoint.ToDouble(-1));
    }
}
