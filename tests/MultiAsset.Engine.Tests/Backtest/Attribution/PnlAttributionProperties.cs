using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MultiAsset.Engine.Backtest.Attribution;
using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Tests.Backtest.Attribution;

public sealed class PnlAttributionProperties
{
    private static readonly string[] StrategyNames = ["alpha", "beta", "carry", "(operator)"];
    private static readonly (AssetClass Class, string Symbol)[] Instruments =
        [(AssetClass.Stock, "AAPL"), (AssetClass.Stock, "MSFT"), (AssetClass.Forex, "EURUSD"), (AssetClass.Forex, "USDJPY"), (AssetClass.Crypto, "BTCUSD")];

    private static List<PnlRecord> Records(int seed, int count)
    {
        var random = new Random(seed);
        // Raw amounts of up to ±10^15 (±10 million with 8 decimals, odd sub-cent units included): sums of 255 stay in range.
        Money Amount() => Money.FromRaw(random.NextInt64(-1_000_000_000_000_000, 1_000_000_000_000_000));
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var (assetClass, symbol) = Instruments[random.Next(Instruments.Length)];
            return new PnlRecord(StrategyNames[random.Next(StrategyNames.Length)], assetClass, symbol, Amount(), Amount(), Amount(), Amount(), Amount());
        })];
    }

    private static IEnumerable<PnlAttributionNode> Walk(PnlAttributionNode node) => node.Children.SelectMany(Walk).Prepend(node);

    /// <summary>
    /// Every row of every view is exactly the sum of its children (each component, to the raw unit), every root is
    /// the sum of the records, and each row's net is gross − costs; the result does not depend on record order.
    /// </summary>
    [Property(MaxTest = 200)]
    public Property Rows_SumExactlyToTheirParent_AndToTheTotal(int seed, byte count)
    {
        var records = Records(seed, count);
        var a = PnlAttribution.From(records);
        var total = records.Aggregate(PnlBreakdown.Zero, (sum, r) => sum + r.Breakdown);
        var order = new Random(~seed);
        var shuffled = PnlAttribution.From(records.OrderBy(_ => order.Next()));

        var rowsSum = new[] { a.ByStrategy, a.ByAssetClass, a.ByInstrument }
            .SelectMany(Walk)
            .Where(n => n.Children.Count > 0)
            .All(n => n.Children.Aggregate(PnlBreakdown.Zero, (sum, c) => sum + c.Pnl) == n.Pnl);
        var netIsGrossMinusCosts = Walk(a.ByStrategy).All(n => n.Pnl.Net == n.Pnl.Gross - n.Pnl.Costs
            && n.Pnl.Gross.Raw == n.Pnl.Realised.Raw + n.Pnl.Unrealised.Raw + n.Pnl.FxTranslation.Raw);
        var leavesAreInstruments = Walk(a.ByStrategy).Where(n => n.Children.Count == 0 && n.Level != PnlAttributionLevel.Total)
            .All(n => n.Level == PnlAttributionLevel.Instrument);
        var sameTotals = a.Total == total && a.ByStrategy.Pnl == total && a.ByAssetClass.Pnl == total && a.ByInstrument.Pnl == total;
        var orderFree = Walk(a.ByStrategy).Select(n => (n.Key, n.Pnl)).SequenceEqual(Walk(shuffled.ByStrategy).Select(n => (n.Key, n.Pnl)));

        return rowsSum.ToProperty().Label("rows sum to parent")
            .And(netIsGrossMinusCosts.ToProperty().Label("net = gross − costs"))
            .And(leavesAreInstruments.ToProperty().Label("leaves are instruments"))
            .And(sameTotals.ToProperty().Label("roots = Σ records"))
            .And(orderFree.ToProperty().Label("independent of record order"));
    }
}
