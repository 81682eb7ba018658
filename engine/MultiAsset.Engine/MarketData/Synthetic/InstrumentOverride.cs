namespace MultiAsset.Engine.MarketData.Synthetic;

/// <summary>Per-symbol overrides of the class settings (<c>instruments.SYMBOL</c>); a null field keeps the class value.</summary>
public sealed class InstrumentOverride
{
    /// <summary>The symbol overridden.</summary>
    public required string Symbol { get; init; }

    /// <summary>JSON path of the override, for errors found once the catalogue is known (e.g. an unknown symbol).</summary>
    public required string Path { get; init; }

    /// <summary>Annualised volatility.</summary>
    public double? Volatility { get; init; }

    /// <summary>Spread in basis points.</summary>
    public double? SpreadBps { get; init; }

    /// <summary>Starting mid.</summary>
    public double? StartPrice { get; init; }

    /// <summary>Trade probability per round.</summary>
    public double? TradeProbability { get; init; }
}
