namespace MultiAsset.Engine.Risk;

/// <summary>Whether a budgeted account's VaR estimate is usable (see <see cref="VarBudget"/>).</summary>
public enum VarStatus : byte
{
    /// <summary>Not refreshed yet: risk-increasing orders are refused.</summary>
    NotEstimated = 0,

    /// <summary>Estimated: orders are checked against the budget.</summary>
    Estimated = 1,

    /// <summary>The covariance has fewer observations than the warm-up needs: risk-increasing orders are refused.</summary>
    WarmingUp = 2,

    /// <summary>The account holds a position the covariance does not cover: risk-increasing orders are refused.</summary>
    Uncovered = 3,

    /// <summary>A held position or working order cannot be valued (no mark or FX rate): risk-increasing orders are refused.</summary>
    NoPrice = 4,
}
