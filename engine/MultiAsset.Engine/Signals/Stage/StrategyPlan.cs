using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Signals.Strategies;

namespace MultiAsset.Engine.Signals.Stage;

/// <summary>
/// What a strategy does besides its algorithms and execution rules, read from its (resolved) document and
/// <c>parameters</c> at create time: its base allocation (<see cref="BaseAllocation"/>) and its carry trade with hedge
/// (<see cref="CarryHedge"/>). Control path.
/// </summary>
internal sealed record StrategyPlan(InstrumentId[] BaseInstruments, double[] BaseWeights, CarryHedge? Carry)
{
    /// <summary>Builds the plan; every parameter problem is reported with its path.</summary>
    /// <exception cref="ConfigurationException">A parameter is malformed or out of range.</exception>
    public static StrategyPlan Create(StrategyDocument document, InstrumentCatalog catalog, MarketAnalytics analytics, string accountCurrency, string source)
    {
        ArgumentNullException.ThrowIfNull(document);
        var errors = new JsonSectionReader(source);
        var reader = new StrategyParameterReader(document.Parameters, errors);
        var carry = CarryHedge.Create(document, catalog, analytics.Covariance, reader);
        var (instruments, weights) = BaseAllocation.Create(document, catalog, accountCurrency, reader, carry);
        errors.ThrowIfAny();
        return new StrategyPlan(instruments, weights, carry);
    }
}
