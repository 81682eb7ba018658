using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Routing.Venues;

namespace MultiAsset.Engine.Tests.Routing.Venues;

/// <summary>Fees: bps of the notional plus per-share on stocks, one rounding half away from zero to 1e-8.</summary>
public class VenueFeeScheduleTests
{
    private static readonly VenueFeeSchedule Fees = new(-2m, 3m, Price.FromDecimal(0.001m));

    [Fact]
    public void Taker_IsBpsOfNotionalPlusPerShareOnStocks()
    {
        Assert.Equal(3.1006m, Fees.Fee(Price.FromDecimal(100.02m), Quantity.FromDecimal(100), Liquidity.Taker, AssetClass.Stock).ToDecimal());
        Assert.Equal(3.0006m, Fees.Fee(Price.FromDecimal(100.02m), Quantity.FromDecimal(100), Liquidity.Taker, AssetClass.Crypto).ToDecimal());
    }

    [Fact]
    public void Maker_CanBeARebate()
        => Assert.Equal(-1.8998m, Fees.Fee(Price.FromDecimal(99.99m), Quantity.FromDecimal(100), Liquidity.Maker, AssetClass.Stock).ToDecimal());

    [Theory]
    [InlineData("1", "0.00005", "0.00000001")]    // exactly half of 1e-8: away from zero
    [InlineData("-1", "0.00005", "-0.00000001")]  // and symmetric for a rebate
    [InlineData("1", "0.00004", "0")]             // 0.4e-8 rounds to zero
    [InlineData("3", "65.00002", "0.01950001")]   // 0.019500006
    [InlineData("2.5", "1234.56789", "0.30864197")] // 0.3086419725
    public void Rounding_IsHalfAwayFromZeroOnce(string bps, string notional, string expected)
    {
        var fees = new VenueFeeSchedule(decimal.Parse(bps, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(bps, System.Globalization.CultureInfo.InvariantCulture), Price.Zero);
        var fee = fees.Fee(Money.Parse(notional), Quantity.FromDecimal(1), Liquidity.Taker, AssetClass.Crypto);
        Assert.Equal(Money.Parse(expected), fee);
    }

    [Fact]
    public void PerShareAndBps_AreRoundedTogether()
    {
        // 1 bps of 0.00004 is 0.4e-8 and 1e-8 per share on 0.4 shares is 0.4e-8: together 0.8e-8 → 1e-8.
        // Rounding each part on its own would give 0.
        var fees = new VenueFeeSchedule(0m, 1m, Price.FromRaw(1));
        Assert.Equal(Money.FromRaw(1), fees.Fee(Money.Parse("0.00004"), Quantity.Parse("0.4"), Liquidity.Taker, AssetClass.Stock));
        Assert.Equal(Money.Zero, fees.Fee(Money.Parse("0.00004"), Quantity.Parse("0.4"), Liquidity.Taker, AssetClass.Crypto));
    }

    [Fact]
    public void TakerFeePerUnit_RanksLevels()
    {
        Assert.Equal(0.031006m, Fees.TakerFeePerUnit(Price.FromDecimal(100.02m), AssetClass.Stock).ToDecimal());
        Assert.Equal(0.030006m, Fees.TakerFeePerUnit(Price.FromDecimal(100.02m), AssetClass.Forex).ToDecimal());
    }
}
