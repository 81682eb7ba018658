namespace MultiAsset.Engine.Model.Events;

/// <summary>
/// How the router works a parent order: the seed's <c>TWAP | VWAP | Implementation | Momentum | Liquidity</c>, plus
/// <see cref="Direct"/> (send as one child now). Journalled: never renumber.
/// </summary>
public enum ExecutionAlgorithm : byte
{
    /// <summary>One child order now, on the venue with the best effective price.</summary>
    Direct = 0,

    /// <summary>Equal slices over the interval.</summary>
    Twap = 1,

    /// <summary>Slices following an intraday volume profile.</summary>
    Vwap = 2,

    /// <summary>Implementation shortfall: the Almgren–Chriss optimal trajectory.</summary>
    Implementation = 3,

    /// <summary>Participation that adapts to short-term momentum, capped as a share of volume.</summary>
    Momentum = 4,

    /// <summary>Sweep displayed liquidity across venues up to a limit price.</summary>
    Liquidity = 5,
}
