using MultiAsset.Engine.Pipeline;
using MultiAsset.Host.Backtesting;

namespace MultiAsset.Host.Tests.Backtesting;

public sealed class BacktestStressPathTests
{
    /// <summary>
    /// The shipped covid-2020 scenario (crypto factor −48 %) laid over three days of BTCUSD bars from 2024-01-03,
    /// reached over one day: the first day's prices are the data's, from 2024-01-04 every price is ×0.52 on the cent
    /// tick (linearly in between) — the marks the engine valued the book with at each midnight (result.json varBacktest) show it — and the
    /// book loses differently from the same spec without the stress.
    /// </summary>
    [Fact]
    public async Task Run_Covid2020Path_MovesThePricesTheEngineSees()
    {
        using var folder = new TempDirectory();
        BacktestFixtures.WriteBars(folder.Path, 4 * 1440);
        var stressed = await RunAsync(folder, """, "stress": { "scenario": "covid-2020", "start": "2024-01-03", "over": "1d" }""", "stressed");
        var plain = await RunAsync(folder, string.Empty, "plain");

        Assert.NotNull(stressed.Stress);
        Assert.Equal("covid-2020", stressed.Stress.Scenario);
        Assert.Equal("2024-01-03T00:00:00Z", stressed.Stress.Start);
        Assert.Equal(0.52m, stressed.Stress.Multiples["BTCUSD"]);
        Assert.False(stressed.Stress.Multiples.ContainsKey("ETHBTC"));      // a cross of two crypto-assets: beta 0

        var stressedDays = Assert.Single(stressed.VarBacktest).Days;
        var plainDays = Assert.Single(plain.VarBacktest).Days;
        // Midnight 2024-01-03: the last bar before it ended at 23:59, before the stress began.
        Assert.Equal(plainDays[1].Positions[0].Mark, Close(1438));
        Assert.Equal(Close(1438), stressedDays[1].Positions[0].Mark);
        // Midnight 2024-01-04: the bar before it ended at 23:59, 1439/1440 of the way; midnight 2024-01-05: the full move.
        Assert.Equal(Math.Round(Close(2878) * (1 - (0.48m * 1439 / 1440)), 2, MidpointRounding.AwayFromZero), stressedDays[1].Positions[0].NextMark);
        Assert.Equal(Math.Round(Close(4318) * 0.52m, 2, MidpointRounding.AwayFromZero), stressedDays[2].Positions[0].NextMark);
        Assert.NotEqual(plain.Accounts[0].Pnl.Total, stressed.Accounts[0].Pnl.Total);
        Assert.Null(plain.Stress);
    }

    [Fact]
    public async Task Run_UnknownScenario_IsRefusedNamingTheKnownOnes()
    {
        using var folder = new TempDirectory();
        BacktestFixtures.WriteBars(folder.Path, 60);

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => RunAsync(folder, """, "stress": { "scenario": "covid-2021" }""", "bad"));

        Assert.Contains("'covid-2021' is not a scenario", error.Message, StringComparison.Ordinal);
        Assert.Contains("covid-2020", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_StressWithUnknownKey_IsRefusedWithItsPath()
    {
        var json = BacktestFixtures.Spec(""", "stress": { "scenario": "covid-2020", "ramp": "1d" }""");

        var error = Assert.Throws<ConfigurationException>(() => BacktestSpecReader.Parse(json, "spec.json", Path.GetTempPath(), "x"));

        Assert.Contains("stress.ramp", error.Message, StringComparison.Ordinal);
    }

    private static async Task<BacktestResult> RunAsync(TempDirectory folder, string extra, string name)
    {
        var path = Path.Combine(folder.Path, name + ".json");
        File.WriteAllText(path, BacktestFixtures.Spec(extra).Replace("\"output\": \"out\"", $"\"output\": \"{name}\"", StringComparison.Ordinal));
        return await BacktestRunner.RunAsync(BacktestSpecReader.Load(path, null));
    }

    private static decimal Close(int i) => Math.Round(42_000m + (decimal)(1500 * Math.Sin(i / 240.0)) + (decimal)(40 * Math.Sin(i * 0.7)), 2);
}
