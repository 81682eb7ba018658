using MultiAsset.Engine.Backtest.Attribution;
using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Tests.Backtest.Attribution;

public sealed class PnlAttributionTests
{
    private static Money M(decimal value) => Money.FromDecimal(value);

    private static PnlRecord R(string strategy, AssetClass assetClass, string instrument, decimal realised, decimal unrealised, decimal fees, decimal slippage, decimal fx = 0) =>
        new(strategy, assetClass, instrument, M(realised), M(unrealised), M(fees), M(slippage), M(fx));

    /// <summary>
    /// Net of each record (R + U + FX − fees − slippage):
    /// alpha/STOCK/AAPL 100 + 50 − 2 − 1 = 147 and 5 − 0.1 = 4.9; alpha/STOCK/MSFT −30 − 1 − 0.5 = −31.5;
    /// alpha/CRYPTO/BTCUSD 200 − 3 − 2 = 195; beta/FOREX/EURUSD 10 − 5 + 1.5 − 0.25 = 6.25; beta/STOCK/AAPL 20 − 1 = 19.
    /// Strategies: alpha 147 + 4.9 − 31.5 + 195 = 315.4, beta 25.25; total 340.65.
    /// Classes: STOCK 147 + 4.9 − 31.5 + 19 = 139.4, FOREX 6.25, CRYPTO 195. Instruments: AAPL 170.9, BTCUSD 195,
    /// EURUSD 6.25, MSFT −31.5. Components: realised 105, unrealised 245, FX 1.5 (gross 351.5), fees 7.35,
    /// slippage 3.5 (costs 10.85).
    /// </summary>
    [Fact]
    public void From_HandComputedRecords_EveryViewSumsToTheTotal()
    {
        var a = PnlAttribution.From(
        [
            R("alpha", AssetClass.Stock, "AAPL", 100, 50, 2, 1),
            R("alpha", AssetClass.Stock, "MSFT", -30, 0, 1, 0.5m),
            R("alpha", AssetClass.Crypto, "BTCUSD", 0, 200, 3, 2),
            R("beta", AssetClass.Forex, "EURUSD", 10, -5, 0.25m, 0, 1.5m),
            R("beta", AssetClass.Stock, "AAPL", 20, 0, 1, 0),
            R("alpha", AssetClass.Stock, "AAPL", 5, 0, 0.1m, 0),
        ]);

        Assert.Equal(M(340.65m), a.Total.Net);
        Assert.Equal(M(105), a.Total.Realised);
        Assert.Equal(M(245), a.Total.Unrealised);
        Assert.Equal(M(1.5m), a.Total.FxTranslation);
        Assert.Equal(M(351.5m), a.Total.Gross);
        Assert.Equal(M(7.35m), a.Total.Fees);
        Assert.Equal(M(3.5m), a.Total.Slippage);
        Assert.Equal(M(10.85m), a.Total.Costs);

        Assert.Equal(["alpha", "beta"], a.ByStrategy.Children.Select(c => c.Key));
        var alpha = a.ByStrategy.Child("alpha")!;
        Assert.Equal(M(315.4m), alpha.Pnl.Net);
        Assert.Equal(M(25.25m), a.ByStrategy.Child("beta")!.Pnl.Net);
        Assert.Equal(["STOCK", "CRYPTO"], alpha.Children.Select(c => c.Key));
        Assert.Equal(M(120.4m), alpha.Child("STOCK")!.Pnl.Net);
        Assert.Equal(M(151.9m), alpha.Child("STOCK")!.Child("AAPL")!.Pnl.Net);
        Assert.Equal(PnlAttributionLevel.Instrument, alpha.Child("STOCK")!.Child("AAPL")!.Level);

        Assert.Equal(["STOCK", "FOREX", "CRYPTO"], a.ByAssetClass.Children.Select(c => c.Key));
        Assert.Equal([M(139.4m), M(6.25m), M(195)], a.ByAssetClass.Children.Select(c => c.Pnl.Net));

        Assert.Equal(["AAPL", "BTCUSD", "EURUSD", "MSFT"], a.ByInstrument.Children.Select(c => c.Key));
        Assert.Equal([M(170.9m), M(195), M(6.25m), M(-31.5m)], a.ByInstrument.Children.Select(c => c.Pnl.Net));

        Assert.Equal(a.Total, a.ByAssetClass.Pnl);
        Assert.Equal(a.Total, a.ByInstrument.Pnl);
    }

    [Fact]
    public void From_NoRecords_IsAllZero()
    {
        var a = PnlAttribution.From([]);

        Assert.Equal(PnlBreakdown.Zero, a.Total);
        Assert.Empty(a.ByStrategy.Children);
        Assert.Equal(PnlAttributionLevel.Total, a.ByStrategy.Level);
    }

    [Fact]
    public void From_RecordWithoutNames_Throws()
    {
        Assert.Throws<ArgumentException>(() => PnlAttribution.From([R("", AssetClass.Stock, "AAPL", 1, 0, 0, 0)]));
        Assert.Throws<ArgumentException>(() => PnlAttribution.From([R("alpha", AssetClass.Stock, "", 1, 0, 0, 0)]));
    }

    [Fact]
    public void From_SumBeyondTheFixedPointRange_Throws() =>
        Assert.Throws<OverflowException>(() => PnlAttribution.From(
        [
            new PnlRecord("a", AssetClass.Stock, "X", Money.FromRaw(long.MaxValue), Money.Zero, Money.Zero, Money.Zero, Money.Zero),
            new PnlRecord("b", AssetClass.Stock, "Y", Money.FromRaw(1), Money.Zero, Money.Zero, Money.Zero, Money.Zero),
        ]));
}
