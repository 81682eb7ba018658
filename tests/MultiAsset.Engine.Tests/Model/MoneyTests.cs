using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Tests.Model;

public class MoneyTests
{
    private static Money M(string text) => Money.Parse(text);

    [Fact]
    public void Constants_AreEightDecimals()
    {
        Assert.Equal(8, Money.Decimals);
        Assert.Equal(100_000_000L, Money.Scale);
        Assert.Equal(0L, Money.Zero.Raw);
    }

    [Fact]
    public void TryParse_ParsesUtf8AndChars()
    {
        Assert.True(Money.TryParse("-1234.56"u8, out Money fromUtf8));
        Assert.Equal(-123_456_000_000L, fromUtf8.Raw);
        Assert.True(Money.TryParse("-1234.56".AsSpan(), out Money fromChars));
        Assert.Equal(fromUtf8, fromChars);
        Assert.False(Money.TryParse(Encoding.UTF8.GetBytes("1234.567890123"), out _));
        Assert.Contains("Money", Assert.Throws<FormatException>(() => Money.Parse("$5")).Message, StringComparison.Ordinal);
    }

    [Property]
    public Property ToStringThenParse_RoundTrips() =>
        Prop.ForAll(FixedPointGen.AnyRaw, raw => Money.Parse(Money.FromRaw(raw).ToString()).Raw == raw);

    [Fact]
    public void Arithmetic_AtTheDocumentedBound_Throws()
    {
        // ≈92bn units: for a JPY account that is ~92bn JPY, reachable, so it must fail loudly.
        Money max = M("92233720368.54775807");
        Assert.Equal(long.MaxValue, max.Raw);
        Assert.Throws<OverflowException>(() => max + M("0.00000001"));
        Assert.Throws<OverflowException>(() => -max - M("0.00000002"));
        Assert.Equal(long.MinValue, (-max - M("0.00000001")).Raw);
    }

    [Fact]
    public void MultiplyByWholeNumber_IsCheckedAndCommutative()
    {
        Assert.Equal(M("12.5"), M("2.5") * 5);
        Assert.Equal(M("12.5"), 5 * M("2.5"));
        Assert.Equal(M("-2.5"), M("2.5") * -1);
        Assert.Throws<OverflowException>(() => M("50000000000") * 2);
    }

    [Theory]
    [InlineData("1000", "1.08345", "1083.45")]         // EUR → USD
    [InlineData("-1000", "1.08345", "-1083.45")]
    [InlineData("1", "151.123456785", "151.12345679")] // the rate itself rounds half away when converted to a Price
    [InlineData("0.00000001", "0.5", "0.00000001")]    // 0.000000005 → half away from zero
    [InlineData("-0.00000001", "0.5", "-0.00000001")]
    [InlineData("0.00000001", "0.49999999", "0")]
    public void ConvertAt_MultipliesAndRoundsHalfAwayFromZero(string amount, string rate, string expected)
    {
        Price fx = Price.FromDecimal(decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(M(expected), M(amount).ConvertAt(fx));
    }

    [Property]
    public Property ConvertAt_EqualsDecimalReference() =>
        Prop.ForAll(FixedPointGen.RawWithin(100_000_000_000_000), FixedPointGen.RawWithin(100_000_000_000), (amount, rate) =>
            Money.FromRaw(amount).ConvertAt(Price.FromRaw(rate)).ToDecimal() == FixedPointGen.ReferenceProduct(amount, rate));

    [Fact]
    public void ConvertAt_BeyondTheBound_Throws() =>
        Assert.Throws<OverflowException>(() => M("1000000000").ConvertAt(Price.Parse("150")));

    [Fact]
    public void Conversions_RejectNonFinite()
    {
        Assert.False(Money.TryFromDouble(double.NegativeInfinity, out Money m));
        Assert.Equal(Money.Zero, m);
        Assert.Throws<ArgumentOutOfRangeException>(() => Money.FromDouble(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => Money.FromDecimal(100_000_000_000m));
        Assert.Equal(-1083.45, M("-1083.45").ToDouble());
        Assert.Equal(-1083.45m, M("-1083.45").ToDecimal());
    }

    [Fact]
    public void EqualityAndOrdering_FollowRawValue()
    {
        Assert.True(M("-1") < Money.Zero && Money.Zero <= M("0") && M("1") > M("0.99999999") && M("1") >= M("1.0"));
        Assert.True(M("1") == M("1.00") && M("1") != M("1.00000001"));
        Assert.Equal(1, M("2").CompareTo(M("1")));
        Assert.True(M("3").Equals((object)M("3")));
        Assert.Equal(M("3").GetHashCode(), M("3.0").GetHashCode());
    }
}
