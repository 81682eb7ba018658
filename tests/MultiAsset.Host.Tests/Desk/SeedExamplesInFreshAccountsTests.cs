using MultiAsset.Engine.Model;
using MultiAsset.Host.Tests.Control;

namespace MultiAsset.Host.Tests.Desk;

/// <summary>The seed's two examples, verbatim, each in an account of its own with nothing else deployed: they trade.</summary>
public sealed class SeedExamplesInFreshAccountsTests
{
    [Fact]
    public async Task SeedExamples_VerbatimInFreshAccounts_OrderAndGetFills()
    {
        using var run = await DeskRun.RunAsync(
            TimeSpan.FromHours(3),
            [(Place(SeedExamples.CryptoTech, "crypto-tech", "seed-crypto-tech"), "seed-crypto-tech"), (Place(SeedExamples.CarryTrade, "fx-carry", "seed-fx-carry"), "seed-fx-carry")],
            shippedStrategies: false);

        foreach (var id in new[] { "seed-crypto-tech", "seed-fx-carry" })
        {
            var row = run.Strategy(id);
            Assert.True(row is not null, $"{id} never traded");
            Assert.True(row!.Fills > 0, $"{id}: {row.Orders} orders, no fills");
        }

        var carry = run.Strategy("seed-fx-carry")!;
        Assert.True(carry.Instruments.Any(i => i.Symbol == "SPY" && i.Position.Raw != 0), "the carry trade has no equity hedge: " + string.Join(", ", carry.Instruments.Select(i => $"{i.Symbol} {i.Position}")));
    }

    private static string Place(string json, string account, string id)
        => MultiAsset.Host.Control.Application.StrategyPlacement.Apply(json, account, id).Json!;
}
