namespace MultiAsset.Engine.Coordination.Config;

/// <summary>One <c>capitalAllocation[]</c> entry: how the capital of one account is shared between its strategies.</summary>
public sealed record CapitalAllocationRule
{
    /// <summary>Lookback when the rule gives none.</summary>
    public static readonly TimeSpan DefaultLookback = TimeSpan.FromDays(30);

    /// <summary>The account (name, as in strategy documents).</summary>
    public required string Account { get; init; }

    /// <summary>The method.</summary>
    public required CapitalAllocationMethod Method { get; init; }

    /// <summary><see cref="CapitalAllocationMethod.FixedWeights"/>: percent of the account's capital per strategy id (sum ≤ 100).</summary>
    public IReadOnlyDictionary<string, double> Weights { get; init; } = new Dictionary<string, double>();

    /// <summary>Window handed to the volatility or performance source.</summary>
    public TimeSpan Lookback { get; init; } = DefaultLookback;

    /// <summary><see cref="CapitalAllocationMethod.PerformanceWeighted"/>: the least share of any strategy, percent.</summary>
    public double FloorPercent { get; init; }
}
