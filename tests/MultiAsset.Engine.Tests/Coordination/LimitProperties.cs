using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Risk;

namespace MultiAsset.Engine.Tests.Coordination;

/// <summary>
/// For random per-order and position limits, random targets and random fills / cancels, no order coordination publishes
/// breaks a per-order cap (quantity, base-currency notional at its price) or — unless it only reduces — the position
/// limit on the worst-case position (filled + working on its side + the order), as the gate computes them.
/// </summary>
public class LimitProperties
{
    private static readonly string[] Symbols = ["BTCUSD", "AAPL", "EURJPY"];
    private static readonly double[] Prices = [50_000, 150, 160];

    private static Arbitrary<Case> Cases { get; } = (
            from maxQuantity in Gen.Choose(1, 40)
            from maxNotional in Gen.Choose(1, 60)
            from position in Gen.Choose(1, 80)
            from steps in Gen.ArrayOf(
                from symbol in Gen.Choose(0, Symbols.Length - 1)
                from weight in Gen.Choose(-10, 10)
                from move in Gen.Choose(-5, 5)
                from fate in Gen.Choose(0, 3)
                select new Step(symbol, weight / 10.0, 1 + (move / 100.0), fate))
            select new Case(maxQuantity, maxNotional, position, steps))
        .ToArbitrary();

    [Property(MaxTest = 200)]
    public Property OrdersNeverBreakTheLimitsCoordinationKnows() => Prop.ForAll(Cases, c =>
    {
        // Per symbol: order quantity cap in lots-ish units, notional cap (USD), position cap (units).
        decimal[] maxQty = [c.MaxQuantity / 10m, c.MaxQuantity * 100m, c.MaxQuantity * 20_000m];
        decimal[] maxNotional = [c.MaxNotional * 5_000m, c.MaxNotional * 5_000m, c.MaxNotional * 10_000m];
        decimal[] maxPosition = [c.Position / 10m, c.Position * 200m, c.Position * 40_000m];
        var view = new TestAccountView(Support.RepoFiles.ShippedCatalog);
        view.UsdPer["JPY"] = 1m / 150m;
        var h = new CoordinationHarness(capital: view, limits: CoordinationHarness.Limits(symbol =>
        {
            var k = Array.IndexOf(Symbols, symbol);
            return k < 0 ? null : InstrumentRiskLimits.Unlimited with
            {
                MaxOrderQuantity = Quantity.FromDecimal(maxQty[k]),
                MaxOrderNotional = Money.FromDecimal(maxNotional[k]),
                PositionLimitQuantity = Quantity.FromDecimal(maxPosition[k]),
            };
        }));
        var s = h.Register("fuzz", allocation: [(AssetClass.Stock, 40, 0, 100), (AssetClass.Crypto, 30, 0, 100), (AssetClass.Forex, 30, 0, 100)]);
        var filled = new decimal[Symbols.Length];
        var working = new List<OrderEvent>();
        var ok = true;
        var time = 0L;
        void Check()
        {
            foreach (var order in h.Orders())
            {
                var k = Array.IndexOf(Symbols, h.Catalog[order.Instrument].Symbol);
                var q = order.Quantity.ToDecimal();
                var buy = order.Side == OrderSide.Buy;
                var value = Math.Max(order.LimitPrice.ToDecimal(), view.Marks[order.Instrument.Value].ToDecimal());
                var rate = k == 2 ? 1m / 150m : 1m;
                var notional = Math.Round(Math.Ceiling(q * value * 100_000_000m) / 100_000_000m * rate, 8, MidpointRounding.AwayFromZero);
                var sameSide = working.Where(w => w.Instrument == order.Instrument && w.Side == order.Side).Sum(w => w.Quantity.ToDecimal());
                var after = buy ? filled[k] + sameSide + q : filled[k] - sameSide - q;
                var reducing = buy ? after <= 0 : after >= 0;
                ok &= q <= maxQty[k] && notional <= maxNotional[k] && (reducing || Math.Abs(after) <= maxPosition[k]);
                working.Add(order);
            }
        }

        foreach (var step in c.Steps)
        {
            time += 1_000_000_000;
            var price = Prices[step.Symbol] * step.Move;
            view.Mark(Symbols[step.Symbol], price);
            h.Batch(h.Target(s, Symbols[step.Symbol], step.Weight, price, time: time));
            Check();

            // The oldest working order fills, is cancelled, fills in part, or keeps working.
            if (working.Count > 0 && step.Fate < 3)
            {
                var order = working[0];
                var k = Array.IndexOf(Symbols, h.Catalog[order.Instrument].Symbol);
                var q = order.Quantity.ToDecimal();
                working.RemoveAt(0);
                var part = step.Fate == 2 ? Math.Floor(q / 2 / h.Catalog[order.Instrument].LotSize.ToDecimal()) * h.Catalog[order.Instrument].LotSize.ToDecimal() : q;
                if (step.Fate == 1)
                {
                    h.Report(order, ExecutionType.Cancelled, (double)q, parentLevel: true, time: time);
                    Check();
                }
                else
                {
                    if (part > 0)
                    {
                        filled[k] += order.Side == OrderSide.Buy ? part : -part;
                        h.Report(order, ExecutionType.Fill, (double)part, time: time);
                        Check();
                    }

                    if (part < q)
                    {
                        h.Report(order, ExecutionType.Cancelled, (double)(q - part), parentLevel: true, time: time);
                        Check();
                    }
                }
            }
        }

        return ok.Label($"limits {c.MaxQuantity}/{c.MaxNotional}/{c.Position}");
    });

    public sealed record Step(int Symbol, double Weight, double Move, int Fate);

    public sealed record Case(int MaxQuantity, int MaxNotional, int Position, Step[] Steps);
}
