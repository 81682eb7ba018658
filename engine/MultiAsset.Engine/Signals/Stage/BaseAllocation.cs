using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Signals.Strategies;

namespace MultiAsset.Engine.Signals.Stage;

/// <summary>
/// A strategy's strategic base allocation: the <c>TargetPosition</c> intents that make it hold its document's
/// allocation from its first day, before (and besides) anything its algorithms or rules decide. Built once at create
/// time from the document's resolved instruments (<see cref="StrategyUniverseResolver"/>).
/// </summary>
/// <remarks>
/// <para>Parameters: <c>baseAllocation</c> (true/false; default true for every type but <c>Arbitrage</c>, whose
/// positions are its round trips or its carry), <c>baseWeight</c> (in [0, 1], default 1) and <c>baseLongOnly</c>
/// (default false: true leaves out what the base allocation would hold short — for a cash account, which the risk gate
/// does not let go short).</para>
/// <para>Each instrument of a class with a target weight above 0 gets weight ±<c>baseWeight</c>, which the coordination
/// stage sizes as w × strategy capital × class weight / instruments of the class / price: with the default 1, the
/// class's whole target weight spread equally over its instruments. The sign is long (+) except for a pair whose base
/// currency is the account's own (USDJPY in a USD account), which is held short: a base allocation to FOREX is long
/// the foreign currencies against the account's. The carry pair and the hedge of a carry strategy are left to the
/// carry rule.</para>
/// <para>The intents are sent when the strategy is deployed (again on every re-deploy), one per instrument as soon as
/// the instrument has a price. When a class weight changes (<c>Increase crypto allocation by 5%</c>), the coordination
/// stage re-sizes the positions sized from that class weight, so they follow without new intents. Algorithms and
/// rules tilt from there: their own <c>TargetPosition</c> for an instrument replaces the base one (the target is
/// per instrument, last one wins).</para>
/// </remarks>
internal static class BaseAllocation
{
    /// <summary>The instruments and weights of <paramref name="document"/>'s base allocation (empty when it has none).</summary>
    public static (InstrumentId[] Instruments, double[] Weights) Create(StrategyDocument document, InstrumentCatalog catalog, string accountCurrency, StrategyParameterReader reader, CarryHedge? carry)
    {
        // Arbitrage positions are its round trips; SmaCross trades its crosses and nothing else.
        var enabled = reader.Bool("baseAllocation", document.Type is not (StrategyType.Arbitrage or StrategyType.SmaCross));
        var weight = reader.Number("baseWeight", 1.0, 0, 1);
        var longOnly = reader.Bool("baseLongOnly", false);
        var instruments = new List<InstrumentId>();
        var weights = new List<double>();
        if (!enabled || weight == 0)
        {
            return ([], []);
        }

        foreach (var symbol in document.Instruments)
        {
            if (!catalog.TryGet(symbol, out var instrument) || !instrument.IsTradable || instruments.Contains(instrument.Id)
                || (carry is not null && (instrument.Id == carry.Pair || instrument.Id == carry.Hedge))
                || !(document.AllocationOf(instrument.AssetClass)?.TargetWeight > 0))
            {
                continue;
            }

            // A pair (two different currencies) whose base is the account's own: long the other currency.
            var sign = instrument.BaseCurrency != instrument.QuoteCurrency && instrument.BaseCurrency == accountCurrency ? -1.0 : 1.0;
            if (longOnly && sign < 0)
            {
                continue;
            }

            instruments.Add(instrument.Id);
            weights.Add(sign * weight);
        }

        return ([.. instruments], [.. weights]);
    }
}
