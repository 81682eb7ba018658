namespace MultiAsset.Engine.Signals.StrategyTypes;

/// <summary>Parameters of the arbitrage detectors, validated on construction.</summary>
public sealed record ArbitrageParameters
{
    /// <summary>Creates and validates the parameters.</summary>
    /// <param name="feeBps">Fee charged on each leg, in basis points of the leg's notional (≥ 0). The spread is paid through bid/ask.</param>
    /// <param name="minNetEdgeBps">Net edge after spread and fees that must be exceeded before legs are emitted (≥ 0).</param>
    /// <param name="quantity">Size of the round trip in the base currency of the first leg (&gt; 0).</param>
    public ArbitrageParameters(double feeBps, double minNetEdgeBps = 0.0, double quantity = 1.0)
    {
        FeeBps = ParameterGuard.NonNegative(feeBps, nameof(feeBps));
        if (feeBps >= 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(feeBps), feeBps, "feeBps must be below 10000 (100 %).");
        }

        MinNetEdgeBps = ParameterGuard.NonNegative(minNetEdgeBps, nameof(minNetEdgeBps));
        Quantity = ParameterGuard.Positive(quantity, nameof(quantity));
    }

    /// <summary>Fee per leg, basis points.</summary>
    public double FeeBps { get; }

    /// <summary>Net edge, basis points, that must be exceeded.</summary>
    public double MinNetEdgeBps { get; }

    /// <summary>Size of the round trip.</summary>
    public double Quantity { get; }

    /// <summary>Fraction of notional kept after one leg's fee.</summary>
    internal double FeeKeep => 1 - (FeeBps / 10_000);
}
