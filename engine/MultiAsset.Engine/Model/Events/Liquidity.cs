namespace MultiAsset.Engine.Model.Events;

/// <summary>Whether a fill added or took liquidity (fees differ). Journalled: never renumber.</summary>
public enum Liquidity : byte
{
    /// <summary>Not a fill.</summary>
    None = 0,

    /// <summary>A resting order was hit: maker fee.</summary>
    Maker = 1,

    /// <summary>The order crossed the spread: taker fee.</summary>
    Taker = 2,
}
