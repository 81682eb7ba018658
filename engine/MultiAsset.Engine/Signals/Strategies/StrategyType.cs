namespace MultiAsset.Engine.Signals.Strategies;

/// <summary>The seed's strategy types (the <c>type</c> field of a strategy document; spelled as the seed spells them).</summary>
public enum StrategyType
{
    /// <summary>Price discrepancies between related instruments (FX triangles, cross-venue, carry).</summary>
    Arbitrage = 0,

    /// <summary>Lead-lag or divergence between correlated assets.</summary>
    Correlation = 1,

    /// <summary>Time-series momentum.</summary>
    Momentum = 2,

    /// <summary>Z-score band mean reversion.</summary>
    MeanReversion = 3,

    /// <summary>Pairs trading on a hedged spread.</summary>
    Pairs = 4,

    /// <summary>
    /// Reference moving-average crossover (long only, a fixed quantity, market orders): the type other engines' results
    /// are compared with, so its rules are exact (docs/strategies.md, "SmaCross").
    /// </summary>
    SmaCross = 5,
}
