using MultiAsset.Engine.Model;

namespace MultiAsset.Host.Tests.Desk;

/// <summary>
/// The desk as a new operator meets it (issue 14's check, on the first simulated trading day instead of ten wall
/// minutes): every shipped strategy orders and gets fills, the risk gate refuses few orders, and every account's
/// equity change is its realised + unrealised + FX translation − fees to the unit.
/// </summary>
public sealed class DeskAcceptanceTests : IClassFixture<DeskAcceptanceTests.FirstDay>
{
    private static readonly string[] Shipped =
    [
        "cross-asset-arbitrage", "crypto-stock-correlation", "crypto-tech-momentum", "currency-momentum",
        "fx-carry-with-equity-hedge", "safe-haven-flows", "volatility-arbitrage",
    ];

    private readonly DeskRun run;

    public DeskAcceptanceTests(FirstDay day)
    {
        ArgumentNullException.ThrowIfNull(day);
        run = day.Run;
    }

    [Theory]
    [MemberData(nameof(ShippedStrategies))]
    public void ShippedStrategy_OrdersAndGetsFills_OnTheFirstSimulatedDay(string id)
    {
        var row = run.Strategy(id);

        Assert.True(row is not null, $"{id} never traded on the first simulated day");
        Assert.True(row!.Orders > 0, $"{id}: no orders");
        Assert.True(row.Fills > 0, $"{id}: {row.Orders} orders, no fills");
    }

    [Fact]
    public void RiskGate_RefusesUnderFivePercentOfTheOrdersItChecks()
    {
        var risk = run.Engine.Stages.Risk;

        Assert.True(risk.Checked > 0);
        var refused = risk.Checked - risk.Accepted;
        Assert.True(refused * 20 < risk.Checked, $"the gate refused {refused} of {risk.Checked} orders ({100.0 * refused / risk.Checked:F1} %)");
    }

    [Fact]
    public void EveryAccount_Reconciles_ToTheUnit()
    {
        foreach (var account in run.Accounts())
        {
            Assert.Equal(account.EquityChange, account.Total);
            Assert.Equal(account.EquityChange, account.Realised + account.Unrealised + account.FxTranslation - account.Fees);
        }
    }

    public static TheoryData<string> ShippedStrategies() => [.. Shipped];

    /// <summary>One simulated day of the shipped desk, shared by the tests of this class.</summary>
    public sealed class FirstDay : IAsyncLifetime
    {
        internal DeskRun Run { get; private set; } = null!;

        public async Task InitializeAsync() => Run = await DeskRun.RunAsync(TimeSpan.FromDays(1));

        public Task DisposeAsync()
        {
            Run.Dispose();
            return Task.CompletedTask;
        }
    }
}
