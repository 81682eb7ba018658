using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Tests.Model;

public class QuantityTests
{
    private static Quantity Q(string text) => Quantity.Parse(text);

    [Fact]
    public void Constants_AreEightDecimals()
    {
        Assert.Equal(8, Quantity.Decimals);
        Assert.Equal(100_000_000L, Quantity.Scale);
        Assert.Equal(0L, Quantity.Zero.Raw);
    }

    [Theory]
    [InlineData("0.00000001", 1L)] // one satoshi
    [InlineData("-250", -25_000_000_000L)]
    [InlineData("1.5", 150_000_000L)]
    public void TryParse_WhenValid_ReturnsExactRaw(string text, long expectedRaw)
    {
        Assert.True(Quantity.TryParse(Encoding.UTF8.GetBytes(text), out Quantity fromUtf8));
        Assert.Equal(expectedRaw, fromUtf8.Raw);
        Assert.True(Quantity.TryParse(text.AsSpan(), out Quantity fromChars));
        Assert.Equal(expectedRaw, fromChars.Raw);
    }

    [Theory]
    [InlineData("0.000000001")]
    [InlineData("1e3")]
    [InlineData("")]
    public void TryParse_WhenInvalid_ReturnsFalse(string text)
    {
        Assert.False(Quantity.TryParse(text.AsSpan(), out _));
        var ex = Assert.Throws<FormatException>(() => Quantity.Parse(text));
        Assert.Contains("Quantity", ex.Message, StringComparison.Ordinal);
    }

    [Property]
    public Property ToStringThenParse_RoundTrips() =>
        Prop.ForAll(FixedPointGen.AnyRaw, raw => Quantity.Parse(Quantity.FromRaw(raw).ToString()).Raw == raw);

    [Fact]
    public void SumOfFills_EqualsPositionExactly()
    {
        // 0.1 + 0.2 is the classic double failure; fixed-point must reconcile to the unit.
        Quantity position = Q("0.1") + Q("0.2") - Q("0.3");
        Assert.Equal(Quantity.Zero, position);
        Assert.Equal("0", position.ToString());
    }

    [Fact]
    public void MultiplyByWholeNumber_IsCheckedAndCommutative()
    {
        Assert.Equal(Q("7.5"), Q("2.5") * 3);
        Assert.Equal(Q("-7.5"), -3 * Q("2.5"));
        Assert.Throws<OverflowException>(() => Quantity.FromRaw(long.MaxValue / 2 + 1) * 2);
        Assert.Throws<OverflowException>(() => Quantity.FromRaw(long.MaxValue) + Quantity.FromRaw(1));
    }

    [Theory]
    [InlineData("1234", TickRounding.Nearest, "1200")]
    [InlineData("1250", TickRounding.Nearest, "1300")]
    [InlineData("1250", TickRounding.Down, "1200")]
    [InlineData("1250", TickRounding.Up, "1300")]
    [InlineData("1250", TickRounding.TowardZero, "1200")]
    [InlineData("-1250", TickRounding.Nearest, "-1300")]
    [InlineData("-1250", TickRounding.Down, "-1300")]
    [InlineData("-1250", TickRounding.Up, "-1200")]
    [InlineData("-1250", TickRounding.TowardZero, "-1200")]
    public void RoundToLot_ForEachMode_SnapsToRoundLot(string quantity, TickRounding mode, string expected) =>
        Assert.Equal(Q(expected), Q(quantity).RoundToLot(Q("100"), mode));

    [Fact]
    public void IsOnLot_ChecksExactMultiple()
    {
        Assert.True(Q("0.003").IsOnLot(Q("0.001")));
        Assert.False(Q("0.0035").IsOnLot(Q("0.001")));
        Assert.True(Q("-0.003").IsOnLot(Q("0.001")));
        Assert.Throws<ArgumentOutOfRangeException>(() => Q("1").IsOnLot(Quantity.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => Q("1").RoundToLot(Quantity.Zero, TickRounding.Down));
    }

    [Fact]
    public void Conversions_RejectNonFiniteAndRoundHalfAway()
    {
        Assert.False(Quantity.TryFromDouble(double.NaN, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => Quantity.FromDouble(double.PositiveInfinity));
        Assert.Equal(-3L, Quantity.FromDouble(-2.5e-8).Raw);
        Assert.Equal(-3L, Quantity.FromDecimal(-0.000000025m).Raw);
        Assert.Equal(-0.00000003m, Quantity.FromRaw(-3).ToDecimal());
    }
}
