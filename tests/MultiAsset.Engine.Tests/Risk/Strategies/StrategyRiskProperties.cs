using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Risk;
using MultiAsset.Engine.Risk.Strategies;
using static MultiAsset.Engine.Tests.Risk.RiskTestSupport;
using static MultiAsset.Engine.Tests.Risk.Strategies.StrategyRiskSupport;

namespace MultiAsset.Engine.Tests.Risk.Strategies;

/// <summary>
/// Random streams of two strategies' orders, price moves, fills and cancels in one account: no order the gate accepts
/// takes the limited strategy past its document's maxAllocation or maxLeverage (its worst-case class exposure, counted
/// independently of the gate from the test's own ledger, at the current marks, against share × equity).
/// </summary>
public class StrategyRiskProperties
{
    private static Arbitrary<RiskStep[]> Streams { get; } = Gen.ArrayOf(
            from kind in Gen.Choose(0, 9)
            from instrument in Gen.Choose(0, StrategyRiskSimulation.InstrumentCount - 1)
            from buy in Gen.Elements(true, true, false)
            from lots in Gen.OneOf(Gen.Choose(1, 20), Gen.Choose(1, 400))
            from offset in Gen.Choose(-60, 60)
            from limit in Gen.Elements(true, false)
            from fillNow in Gen.Elements(true, false)
            from pick in Gen.Choose(0, 1000)
            select new RiskStep(kind, instrument, buy, lots, offset, limit, fillNow, pick))
        .ToArbitrary();

    [Property(MaxTest = 200)]
    public Property AcceptedOrders_NeverTakeAStrategyPastItsDocumentLimits() => Prop.ForAll(Streams, Streams, (first, second) =>
    {
        var failure = new StrategyRiskSimulation().Run(first.Concat(second));
        return (failure is null).ToProperty().Label(failure ?? "ok");
    });

    [Fact]
    public void RandomStreams_HitBothStrategyLimits()
    {
        var random = new Random(20260307);
        var simulation = new StrategyRiskSimulation();
        for (var run = 0; run < 20; run++)
        {
            var steps = Enumerable.Range(0, 500).Select(_ => new RiskStep(
                random.Next(10), random.Next(StrategyRiskSimulation.InstrumentCount), random.Next(3) > 0, random.Next(2) == 0 ? random.Next(1, 21) : random.Next(1, 401),
                random.Next(-60, 61), random.Next(2) == 0, random.Next(2) == 0, random.Next(1000)));
            Assert.Null(simulation.Run(steps));
        }

        Assert.True(simulation.Gate.VerdictTotal(RiskVerdict.StrategyMaxAllocation) > 0, "no StrategyMaxAllocation");
        Assert.True(simulation.Gate.VerdictTotal(RiskVerdict.StrategyMaxLeverage) > 0, "no StrategyMaxLeverage");
        Assert.True(simulation.Gate.VerdictTotal(RiskVerdict.Accepted) > 100, "too few accepted");
        // The unlimited strategy is never refused for a strategy limit.
        var free = simulation.Book.SlotOf(Free);
        Assert.Equal(0, simulation.Book.VerdictCount(free, RiskVerdict.StrategyMaxAllocation) + simulation.Book.VerdictCount(free, RiskVerdict.StrategyMaxLeverage));
    }
}

/// <summary>Drives the gate with a strategy book attached; checks the limited strategy's class exposure after every accepted order.</summary>
internal sealed class StrategyRiskSimulation
{
    private const double Share = 0.5;

    private static readonly (string Symbol, decimal Lot, decimal Start, decimal Tick)[] Instruments =
    [
        ("AAPL", 1, 190, 0.01m), ("MSFT", 1, 410, 0.01m), ("EURUSD", 1000, 1.08m, 0.00001m), ("BTCUSD", 0.001m, 60_000, 0.01m),
    ];

    private readonly InstrumentId[] ids;
    private readonly SimulatedBook account;
    private readonly List<(StrategyId Strategy, InstrumentId Instrument, OrderSide Side, long Quantity)> working = [];
    private readonly long[,] positions = new long[2, 4];
    private readonly long[,] buys = new long[2, 4];
    private readonly long[,] sells = new long[2, 4];
    private long now = MondayOpen;

    public StrategyRiskSimulation()
    {
        // STOCK: allocation 20 % and leverage 0.15 × capital (the tighter binds first) ; CRYPTO: leverage 0.05; FOREX: allocation 30 %.
        Book = Book("""
            { "STOCK": { "maxAllocation": 20, "maxLeverage": 0.15 }, "CRYPTO": { "maxLeverage": 0.05, "maxAllocation": 60 }, "FOREX": { "maxAllocation": 30 } }
            """, Share);
        Gate = StrategyRiskSupport.Gate(Book);
        ids = [.. Instruments.Select(i => Id(i.Symbol))];
        account = new SimulatedBook([.. Catalog.Instruments.Select(i => i.AssetClass)], 1_000_000);
        for (var k = 0; k < Instruments.Length; k++)
        {
            account.SetMark(ids[k], Price.FromDecimal(Instruments[k].Start));
        }
    }

    public static int InstrumentCount => Instruments.Length;

    public PreTradeRiskGate Gate { get; }

    public StrategyRiskBook Book { get; }

    public string? Run(IEnumerable<RiskStep> steps)
    {
        foreach (var step in steps)
        {
            now += 60 * Millisecond; // past the duplicate window's reach for most repeats
            var k = step.Instrument % Instruments.Length;
            switch (step.Kind)
            {
                case 0 or 1:
                    var moved = Price.FromRaw(account.Mark(ids[k])).ToDecimal() * (1 + (step.Offset / 4000m));
                    var tick = Instruments[k].Tick;
                    account.SetMark(ids[k], Price.FromDecimal(Math.Max(tick * 100, Math.Round(moved / tick) * tick)));
                    break;
                case 8 or 9:
                    Resolve(step.Pick, fill: step.Kind == 8);
                    break;
                default:
                    if (Order(k, step) is { } failure)
                    {
                        return failure;
                    }

                    break;
            }
        }

        return null;
    }

    private string? Order(int k, RiskStep step)
    {
        var id = ids[k];
        var mark = Price.FromRaw(account.Mark(id));
        var tick = Instruments[k].Tick;
        var strategy = step.Pick % 3 == 0 ? Free : Limited;
        var order = new OrderEvent
        {
            Type = step.Limit ? OrderType.Limit : OrderType.Market,
            Side = step.Buy ? OrderSide.Buy : OrderSide.Sell,
            Account = Alpha,
            Strategy = strategy,
            Instrument = id,
            Quantity = Quantity.FromDecimal(Instruments[k].Lot * step.Lots),
            LimitPrice = step.Limit ? Price.FromDecimal(Math.Round(mark.ToDecimal() * (1 + (step.Offset / 1000m)) / tick) * tick) : Price.Zero,
        };

        var assetClass = Catalog[id].AssetClass;
        double capital = Share * account.EquityRaw();
        long before = WorstClassValue(0, assetClass);
        if (Gate.Check(ref order, now, mark.ToDouble(), in account) != RiskVerdict.Accepted)
        {
            return null;
        }

        var s = strategy == Limited ? 0 : 1;
        account.Apply(in order, step.FillNow);
        if (step.FillNow)
        {
            Filled(strategy, s, k, order.Side, order.Quantity.Raw);
        }
        else
        {
            working.Add((strategy, id, order.Side, order.Quantity.Raw));
            (order.Side == OrderSide.Buy ? buys : sells)[s, k] += order.Quantity.Raw;
            Book.AddWorking(Book.SlotOf(strategy), id, order.Side, order.Quantity.Raw);
        }

        if (strategy != Limited)
        {
            return null;
        }

        long after = WorstClassValue(0, assetClass);
        var slot = Book.SlotOf(Limited);
        double allocation = Book.Limit(slot, assetClass, StrategyRiskBook.MaxAllocationField) * capital;
        double leverage = Book.Limit(slot, assetClass, StrategyRiskBook.MaxLeverageField) * capital;
        string what = $"{order.Side} {order.Quantity} {Instruments[k].Symbol} @ {mark}: class exposure {after} (was {before})";
        return after > before && after > allocation ? $"{what} over maxAllocation {allocation}"
            : after > before && after > leverage ? $"{what} over maxLeverage {leverage}"
            : null;
    }

    private void Resolve(int pick, bool fill)
    {
        if (working.Count == 0)
        {
            return;
        }

        var index = pick % working.Count;
        var (strategy, instrument, side, quantity) = working[index];
        working.RemoveAt(index);
        account.Resolve(pick, fill); // the same index: both lists grow and shrink together
        var s = strategy == Limited ? 0 : 1;
        var k = Array.IndexOf(ids, instrument);
        (side == OrderSide.Buy ? buys : sells)[s, k] -= quantity;
        Book.RemoveWorking(Book.SlotOf(strategy), instrument.Value, (byte)side, quantity);
        if (fill)
        {
            Filled(strategy, s, k, side, quantity);
        }
    }

    private void Filled(StrategyId strategy, int s, int k, OrderSide side, long quantity)
    {
        positions[s, k] += side == OrderSide.Buy ? quantity : -quantity;
        Book.OnExecution(strategy, ids[k], new ForwardedExecution
        {
            Type = ExecutionType.Fill,
            Side = side,
            Quantity = Quantity.FromRaw(quantity),
            Price = Price.FromRaw(account.Mark(ids[k])),
        });
    }

    /// <summary>The strategy's worst-case class exposure: Σ max(|p + working buys|, |p − working sells|) × mark (any subset of its working orders fills).</summary>
    private long WorstClassValue(int s, AssetClass assetClass)
    {
        long total = 0;
        for (var k = 0; k < ids.Length; k++)
        {
            if (Catalog[ids[k]].AssetClass == assetClass)
            {
                var worst = Math.Max(Math.Abs(positions[s, k] + buys[s, k]), Math.Abs(positions[s, k] - sells[s, k]));
                total += Price.FromRaw(account.Mark(ids[k])).Multiply(Quantity.FromRaw(worst)).Raw;
            }
        }

        return total;
    }
}
