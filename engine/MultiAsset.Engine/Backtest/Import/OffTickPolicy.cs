namespace MultiAsset.Engine.Backtest.Import;

/// <summary>What the importer does with a price that is not a multiple of the instrument's tick size.</summary>
public enum OffTickPolicy
{
    /// <summary>To the nearest tick, an exact half away from zero (the default); the row is counted as rounded.</summary>
    Round,

    /// <summary>Down to the tick below; counted as rounded.</summary>
    Floor,

    /// <summary>Up to the tick above; counted as rounded.</summary>
    Ceil,

    /// <summary>The row is rejected (reason <c>off-tick</c>).</summary>
    Reject,
}
