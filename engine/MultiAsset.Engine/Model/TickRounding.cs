namespace MultiAsset.Engine.Model;

/// <summary>
/// How a fixed-point value is snapped to an increment (tick size, lot size).
/// The rule for results of fixed-point multiplication is always <see cref="Nearest"/>; see <see cref="FixedPoint"/>.
/// </summary>
public enum TickRounding
{
    /// <summary>To the nearest increment; an exact half goes away from zero (2.5 → 3, -2.5 → -3).</summary>
    Nearest = 0,

    /// <summary>Toward negative infinity (floor): 2.7 → 2, -2.3 → -3.</summary>
    Down = 1,

    /// <summary>Toward positive infinity (ceiling): 2.3 → 3, -2.7 → -2.</summary>
    Up = 2,

    /// <summary>Toward zero (truncate): 2.7 → 2, -2.7 → -2.</summary>
    TowardZero = 3,
}
