using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Risk;
using static MultiAsset.Engine.Tests.Risk.RiskTestSupport;

namespace MultiAsset.Engine.Tests.Risk;

/// <summary>One random step: a price move, an order, or the fill or cancellation of a working order.</summary>
/// <param name="Kind">0–1 price move, 2–7 order, 8 fill a working order, 9 cancel one.</param>
/// <param name="Instrument">Index into the simulation's instruments.</param>
/// <param name="Buy">Order side.</param>
/// <param name="Lots">Order size in the simulation's lots (1..400).</param>
/// <param name="Offset">A limit price's offset from the mark in ‰ (−60..60), or a price move in quarter-‰ (±1.5 %).</param>
/// <param name="Limit">Limit order (else market).</param>
/// <param name="FillNow">An accepted order fills at once (else it works).</param>
/// <param name="Pick">Which working order a fill or cancel step takes.</param>
public readonly record struct RiskStep(int Kind, int Instrument, bool Buy, int Lots, int Offset, bool Limit, bool FillNow, int Pick);

/// <summary>
/// Drives the gate with random steps against a <see cref="SimulatedBook"/> for one account and checks, at every accepted
/// order, that it took no limit past its bound at the current marks (or, where the account was already past it, did not
/// make it worse), counting any subset of working orders filling.
/// </summary>
internal sealed class RiskGateSimulation
{
    private static readonly (string Symbol, decimal Lot, decimal Start, decimal Tick)[] Instruments =
    [
        ("AAPL", 1, 190, 0.01m), ("MSFT", 1, 410, 0.01m), ("EURUSD", 1000, 1.08m, 0.00001m), ("BTCUSD", 0.001m, 60_000, 0.01m),
    ];

    private readonly RiskConfig config;
    private readonly InstrumentId[] ids;
    private readonly SimulatedBook book;
    private long now = MondayOpen;

    public RiskGateSimulation(bool cashOnly)
    {
        config = Config($$"""
            {
              "global": {
                "maxLeverage": 1.5, "maxDrawdown": 2, "dailyLossLimit": 2500, "maxOrderNotional": 60000, "priceCollar": 0.05,
                "cashOnly": {{(cashOnly ? "true" : "false")}},
                "assetClasses": {
                  "STOCK": { "maxAllocation": 90, "maxLeverage": 0.8, "positionLimit": { "notional": 55000 } },
                  "FOREX": { "maxAllocation": 100, "priceCollar": 0.02 },
                  "CRYPTO": { "maxAllocation": 30, "maxLeverage": 0.25 }
                },
                "instruments": {
                  "AAPL": { "maxOrderQuantity": 300, "positionLimit": { "quantity": 250 } },
                  "BTCUSD": { "positionLimit": { "quantity": 0.3 } }
                }
              }
            }
            """);
        Gate = new PreTradeRiskGate(config, Catalog);
        ids = Instruments.Select(i => Id(i.Symbol)).ToArray();
        book = new SimulatedBook(Catalog.Instruments.Select(i => i.AssetClass).ToArray(), 100_000);
        for (var k = 0; k < Instruments.Length; k++)
        {
            book.SetMark(ids[k], Price.FromDecimal(Instruments[k].Start));
        }
    }

    public PreTradeRiskGate Gate { get; }

    public static int InstrumentCount => Instruments.Length;

    /// <summary>Runs the steps; null when every accepted order respected every limit, else what went wrong.</summary>
    public string? Run(IEnumerable<RiskStep> steps)
    {
        foreach (var step in steps)
        {
            now += Millisecond;
            var k = step.Instrument % Instruments.Length;
            switch (step.Kind)
            {
                case 0 or 1:
                    var moved = Price.FromRaw(book.Mark(ids[k])).ToDecimal() * (1 + (step.Offset / 4000m));
                    var tick = Instruments[k].Tick;
                    book.SetMark(ids[k], Price.FromDecimal(Math.Max(tick * 100, Math.Round(moved / tick) * tick)));
                    break;
                case 8 or 9:
                    book.Resolve(step.Pick, fill: step.Kind == 8);
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
        var mark = Price.FromRaw(book.Mark(id));
        var tick = Instruments[k].Tick;
        var order = new OrderEvent
        {
            Type = step.Limit ? OrderType.Limit : OrderType.Market,
            Side = step.Buy ? OrderSide.Buy : OrderSide.Sell,
            Account = Alpha,
            Instrument = id,
            Quantity = Quantity.FromDecimal(Instruments[k].Lot * step.Lots),
            LimitPrice = step.Limit ? Price.FromDecimal(Math.Round(mark.ToDecimal() * (1 + (step.Offset / 1000m)) / tick) * tick) : Price.Zero,
        };

        // Figures before the order.
        long equity = book.EquityRaw();
        long worstQuantity = book.WorstQuantity(id.Value);
        long worstValue = book.WorstValue(id.Value);
        var assetClass = Catalog[id].AssetClass;
        long worstClass = book.WorstClassValue(assetClass);
        long worstGross = book.WorstGrossValue();
        long available = book.AvailableCashRaw();
        long lowest = book.LowestPosition(id.Value);
        long dailyPnl = equity - book.StartEquity;
        double drawdown = book.Drawdown(Alpha);

        var verdict = Gate.Check(ref order, now, mark.ToDouble(), in book);
        if (verdict != RiskVerdict.Accepted)
        {
            return null;
        }

        book.Apply(in order, step.FillNow);
        var account = config.Account(Alpha);
        var classLimits = config.Class(Alpha, assetClass);
        var limits = config.Instrument(Alpha, id);
        bool grew = book.WorstQuantity(id.Value) > worstQuantity;
        long orderValue = mark.Multiply(order.Quantity).Raw;
        string what = $"{order.Side} {order.Quantity} {Instruments[k].Symbol} @ {mark} (limit {order.LimitPrice})";
        return order.Quantity > limits.MaxOrderQuantity ? $"{what}: quantity over maxOrderQuantity"
            : orderValue > limits.MaxOrderNotional.Raw ? $"{what}: notional over maxOrderNotional"
            : Breaks(book.WorstQuantity(id.Value), worstQuantity, limits.PositionLimitQuantity.Raw) ? $"{what}: position quantity over the limit"
            : Breaks(book.WorstValue(id.Value), worstValue, limits.PositionLimitNotional.Raw) ? $"{what}: position value over the limit"
            : Breaks(book.WorstClassValue(assetClass), worstClass, classLimits.MaxAllocation, equity) ? $"{what}: class exposure over maxAllocation"
            : Breaks(book.WorstClassValue(assetClass), worstClass, classLimits.MaxLeverage, equity) ? $"{what}: class exposure over the class maxLeverage"
            : Breaks(book.WorstGrossValue(), worstGross, account.MaxLeverage, equity) ? $"{what}: gross exposure over maxLeverage"
            : grew && dailyPnl <= -account.DailyLossLimit.Raw ? $"{what}: opened while the daily loss limit was reached"
            : grew && account.MaxDrawdown.IsReachedBy(drawdown) ? $"{what}: opened while maxDrawdown was reached"
            : account.CashOnly && book.AvailableCashRaw() < Math.Min(0, available) ? $"{what}: cash account overspent"
            : account.CashOnly && book.LowestPosition(id.Value) < Math.Min(0, lowest) ? $"{what}: cash account went short"
            : null;
    }

    /// <summary>Past the limit after the order, and worse than before it (an account already past a limit may shrink).</summary>
    private static bool Breaks(long after, long before, long limit) => after > limit && after > before;

    private static bool Breaks(long after, long before, RiskRatio limit, long equity) => !limit.Allows(after, equity) && after > before;
}
