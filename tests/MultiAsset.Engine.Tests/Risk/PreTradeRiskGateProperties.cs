using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Tests.Risk;

/// <summary>
/// Random streams of orders, price moves and fills against a simulated book: no accepted order ever takes the account past
/// any limit (order size, position, allocation, class and account leverage, loss and drawdown stops, cash).
/// </summary>
public class PreTradeRiskGateProperties
{
    private static Arbitrary<RiskStep[]> Streams { get; } = Gen.ArrayOf(
            from kind in Gen.Choose(0, 9)
            from instrument in Gen.Choose(0, RiskGateSimulation.InstrumentCount - 1)
            from buy in Gen.Elements(true, true, false)
            from lots in Gen.OneOf(Gen.Choose(1, 20), Gen.Choose(1, 400))
            from offset in Gen.Choose(-60, 60)
            from limit in Gen.Elements(true, false)
            from fillNow in Gen.Elements(true, false)
            from pick in Gen.Choose(0, 1000)
            select new RiskStep(kind, instrument, buy, lots, offset, limit, fillNow, pick))
        .ToArbitrary();

    [Property(MaxTest = 200)]
    public Property AcceptedOrders_NeverTakeTheAccountPastALimit() => Prop.ForAll(Streams, Streams, (first, second) =>
    {
        // Long streams matter (limits bind once positions have built up), so each case runs two generated arrays.
        var failure = new RiskGateSimulation(cashOnly: false).Run(first.Concat(second));
        return (failure is null).ToProperty().Label(failure ?? "ok");
    });

    [Property(MaxTest = 100)]
    public Property AcceptedOrders_InACashAccount_NeverOverspendOrShort() => Prop.ForAll(Streams, steps =>
    {
        var failure = new RiskGateSimulation(cashOnly: true).Run(steps);
        return (failure is null).ToProperty().Label(failure ?? "ok");
    });

    [Fact]
    public void RandomStreams_ExerciseEveryLimit()
    {
        // The property is only as strong as the limits it meets: a long seeded run must hit each of them.
        var random = new Random(20260302);
        var totals = new long[Enum.GetValues<RiskVerdict>().Length];
        for (var run = 0; run < 40; run++)
        {
            var simulation = new RiskGateSimulation(cashOnly: false);
            var steps = Enumerable.Range(0, 500).Select(_ => new RiskStep(
                random.Next(10), random.Next(RiskGateSimulation.InstrumentCount), random.Next(3) > 0, random.Next(2) == 0 ? random.Next(1, 21) : random.Next(1, 401),
                random.Next(-60, 61), random.Next(2) == 0, random.Next(2) == 0, random.Next(1000)));
            Assert.Null(simulation.Run(steps));
            foreach (var verdict in Enum.GetValues<RiskVerdict>())
            {
                totals[(int)verdict] += simulation.Gate.VerdictTotal(verdict);
            }
        }

        var summary = string.Join(", ", Enum.GetValues<RiskVerdict>().Select(v => $"{v}={totals[(int)v]}"));
        foreach (var verdict in new[]
        {
            RiskVerdict.Accepted, RiskVerdict.MaxQuantity, RiskVerdict.MaxNotional, RiskVerdict.PriceCollar, RiskVerdict.PositionLimit,
            RiskVerdict.MaxAllocation, RiskVerdict.MaxLeverage, RiskVerdict.DailyLossLimit, RiskVerdict.MaxDrawdown,
        })
        {
            Assert.True(totals[(int)verdict] > 0, $"no {verdict} in the runs: {summary}");
        }
    }
}
