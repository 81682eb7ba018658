using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Tests.Model;

/// <summary>The four id types share one shape; one class tests them side by side.</summary>
public class DenseIdTests
{
    [Fact]
    public void None_IsMinusOneAndInvalid()
    {
        Assert.Equal(-1, InstrumentId.None.Value);
        Assert.Equal(-1, AccountId.None.Value);
        Assert.Equal(-1, StrategyId.None.Value);
        Assert.Equal(-1, VenueId.None.Value);
        Assert.False(InstrumentId.None.IsValid);
        Assert.False(AccountId.None.IsValid);
        Assert.False(StrategyId.None.IsValid);
        Assert.False(VenueId.None.IsValid);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(41, true)]
    [InlineData(int.MaxValue, true)]
    [InlineData(-1, false)]
    [InlineData(int.MinValue, false)]
    public void IsValid_IsNonNegative(int value, bool expected)
    {
        Assert.Equal(expected, new InstrumentId(value).IsValid);
        Assert.Equal(expected, new AccountId(value).IsValid);
        Assert.Equal(expected, new StrategyId(value).IsValid);
        Assert.Equal(expected, new VenueId(value).IsValid);
    }

    [Fact]
    public void Default_IsIdZero_NotNone()
    {
        Assert.Equal(new InstrumentId(0), default);
        Assert.NotEqual(InstrumentId.None, default);
        Assert.True(default(AccountId).IsValid);
    }

    [Fact]
    public void Ids_HaveValueEquality_AndIndexArrays()
    {
        Assert.Equal(new AccountId(3), new AccountId(3));
        Assert.NotEqual(new AccountId(3), new AccountId(4));
        Assert.Equal(new StrategyId(3).GetHashCode(), new StrategyId(3).GetHashCode());

        string[] symbols = ["AAPL", "EURUSD", "BTCUSD"];
        var id = new InstrumentId(2);
        Assert.Equal("BTCUSD", symbols[id.Value]);
    }
}
