namespace MultiAsset.Engine.Coordination;

/// <summary>How an account's capital is shared between its strategies (<c>capitalAllocation[].method</c>).</summary>
public enum CapitalAllocationMethod : byte
{
    /// <summary>Equal shares (the default for an account the configuration does not mention).</summary>
    Equal = 0,

    /// <summary>Configured percentages per strategy; strategies not listed share what is left equally.</summary>
    FixedWeights = 1,

    /// <summary>Shares ∝ 1/σ, σ being the mean volatility of the strategy's instruments (from <see cref="IInstrumentVolatility"/>).</summary>
    InverseVolatility = 2,

    /// <summary>Shares ∝ max(0, trailing return) (from <see cref="IStrategyPerformance"/>) above a floor share per strategy.</summary>
    PerformanceWeighted = 3,
}
