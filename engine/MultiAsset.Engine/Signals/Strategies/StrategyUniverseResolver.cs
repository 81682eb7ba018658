using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Signals.Rules;

namespace MultiAsset.Engine.Signals.Strategies;

/// <summary>
/// Fills a document's <see cref="StrategyDocument.Instruments"/> with the instruments it actually trades, before the
/// strategy is registered: the later stages size a class's budget over the instruments of that class the document
/// lists (the coordination stage's "seen" set), so this list must already hold every instrument the strategy will
/// trade. Control path only (allocates).
/// </summary>
/// <remarks>
/// Per asset class of <see cref="StrategyDocument.AssetClasses"/>, in order:
/// <list type="number">
/// <item>the document lists instruments of the class: those, unchanged;</item>
/// <item>the document's rules initiate a carry trade and the class is FOREX: the carry pair only
/// (<see cref="StrategyDocument.DefaultPair"/>, e.g. AUDJPY), so the whole FOREX weight is the carry;</item>
/// <item>the class is the carry trade's hedge class (<c>with equity hedge</c> = STOCK): the first instrument of the
/// class's default universe only (SPY in the shipped <c>config/universes.json</c>), the hedge instrument;</item>
/// <item>otherwise: the class's default universe (<see cref="AssetClassUniverses"/>), all of it.</item>
/// </list>
/// Then the instruments named by <c>Buy</c> / <c>Sell</c> / <c>Close</c> actions that are not yet in the list are
/// appended. Written instruments keep their order and come first; <see cref="StrategyDocument.UniverseClasses"/>
/// lists the classes filled from a universe (steps 3 and 4).
/// </remarks>
public static class StrategyUniverseResolver
{
    /// <summary>The document with its traded instruments resolved (the same instance when nothing changes).</summary>
    public static StrategyDocument Resolve(StrategyDocument document, AssetClassUniverses universes, InstrumentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(universes);
        ArgumentNullException.ThrowIfNull(catalog);
        var result = new List<string>();
        var written = new bool[3];
        foreach (var symbol in document.Instruments)
        {
            if (catalog.TryGet(symbol, out var instrument) && instrument.IsTradable && !result.Contains(instrument.Symbol))
            {
                result.Add(instrument.Symbol);
                written[(int)instrument.AssetClass] = true;
            }
        }

        RuleAction? carry = null;
        foreach (var rule in document.ExecutionRules)
        {
            if (rule.CompiledAction.Kind == RuleActionKind.InitiateCarryTrade)
            {
                carry = rule.CompiledAction;
                break;
            }
        }

        var fromUniverse = new List<AssetClass>();
        foreach (var assetClass in document.AssetClasses)
        {
            if (written[(int)assetClass])
            {
                continue;
            }

            if (carry is not null && assetClass == AssetClass.Forex && document.DefaultPair is { } pair)
            {
                Add(result, pair);
                continue;
            }

            var universe = universes.Of(assetClass);
            if (universe.Count == 0)
            {
                continue;
            }

            fromUniverse.Add(assetClass);
            if (carry is { Hedge: { } hedge } && hedge == assetClass)
            {
                Add(result, universe[0]);
                continue;
            }

            foreach (var symbol in universe)
            {
                Add(result, symbol);
            }
        }

        foreach (var rule in document.ExecutionRules)
        {
            var action = rule.CompiledAction;
            if (action.Kind is RuleActionKind.Buy or RuleActionKind.Sell or RuleActionKind.Close && action.Instrument.IsValid)
            {
                Add(result, catalog[action.Instrument].Symbol);
            }
        }

        if (fromUniverse.Count == 0 && result.SequenceEqual(document.Instruments, StringComparer.Ordinal))
        {
            return document;
        }

        return document with { Instruments = result, UniverseClasses = fromUniverse };
    }

    private static void Add(List<string> list, string symbol)
    {
        if (!list.Contains(symbol))
        {
            list.Add(symbol);
        }
    }
}
