using System.Text.Json;
using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Signals.Strategies;

/// <summary>
/// A strategy as configured: the seed's <c>MultiAssetStrategy</c> (camelCase JSON, see
/// <see cref="StrategyDocumentLoader"/>) plus the account it trades in, its instruments and free parameters.
/// </summary>
/// <remarks>
/// The seed's two examples give neither <c>id</c>, <c>account</c>, <c>instruments</c>, <c>riskParameters</c>,
/// <c>rebalancingRules</c> nor <c>rebalanceThreshold</c>, and they must load as written, so all of these are
/// optional: <see cref="Id"/> defaults to the name as a slug (<c>"Crypto-Tech Momentum"</c> →
/// <c>crypto-tech-momentum</c>, see <see cref="StrategyDocumentLoader.IdFromName"/>), <see cref="Account"/> to
/// <see cref="DefaultAccount"/>, the lists to empty, the risk limits to <see cref="CrossAssetRiskConfig.None"/>.
/// </remarks>
public sealed record StrategyDocument
{
    /// <summary>The account of a document that names none.</summary>
    public const string DefaultAccount = "default";

    /// <summary>Unique strategy id (given, or derived from <see cref="Name"/>).</summary>
    public required string Id { get; init; }

    /// <summary>Whether <see cref="Id"/> was derived from the name rather than written in the document.</summary>
    public bool IdDerived { get; init; }

    /// <summary>Display name.</summary>
    public required string Name { get; init; }

    /// <summary>Strategy type.</summary>
    public required StrategyType Type { get; init; }

    /// <summary>The asset classes the strategy trades, in document order.</summary>
    public required IReadOnlyList<AssetClass> AssetClasses { get; init; }

    /// <summary>One allocation per asset class; target weights sum to 100.</summary>
    public required IReadOnlyList<AssetAllocation> Allocation { get; init; }

    /// <summary>Risk limits (<see cref="CrossAssetRiskConfig.None"/> when not given).</summary>
    public CrossAssetRiskConfig RiskParameters { get; init; } = CrossAssetRiskConfig.None;

    /// <summary>Execution rules, compiled.</summary>
    public IReadOnlyList<ExecutionRule> ExecutionRules { get; init; } = [];

    /// <summary>Rebalancing rules.</summary>
    public IReadOnlyList<RebalancingRule> RebalancingRules { get; init; } = [];

    /// <summary>The account the strategy trades in (<see cref="DefaultAccount"/> when not given).</summary>
    public string Account { get; init; } = DefaultAccount;

    /// <summary>The tradable instruments the strategy trades (catalogue symbols); empty when not given.</summary>
    public IReadOnlyList<string> Instruments { get; init; } = [];

    /// <summary>Free strategy parameters (an object, kept as JSON for the strategy algorithm); null when not given.</summary>
    public JsonElement? Parameters { get; init; }

    /// <summary>The FX pair a bare <c>interest rate differential</c> in this strategy's rules reads (null = none).</summary>
    public string? DefaultPair { get; init; }

    /// <summary>
    /// The asset classes whose instruments in <see cref="Instruments"/> came from the default universe
    /// (<see cref="StrategyUniverseResolver"/>) rather than from the document; empty for a document as parsed.
    /// </summary>
    public IReadOnlyList<AssetClass> UniverseClasses { get; init; } = [];

    /// <summary>The allocation of <paramref name="assetClass"/>, or null when the strategy does not allocate to it.</summary>
    public AssetAllocation? AllocationOf(AssetClass assetClass)
    {
        foreach (var allocation in Allocation)
        {
            if (allocation.AssetClass == assetClass)
            {
                return allocation;
            }
        }

        return null;
    }
}
