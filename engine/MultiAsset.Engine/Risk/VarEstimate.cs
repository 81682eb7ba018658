namespace MultiAsset.Engine.Risk;

/// <summary>A budgeted account's VaR figures at the last refresh, in its base currency.</summary>
/// <param name="Status">Whether the estimate is usable.</param>
/// <param name="Budget">The budget.</param>
/// <param name="ValueAtRisk">VaR of the filled positions: a × σ_p.</param>
/// <param name="Working">VaR the working orders may add (first order, worst side), plus accepted orders since the refresh.</param>
/// <param name="PortfolioDeviation">σ_p = √(eᵀΣe), the standard deviation of one covariance interval's P&amp;L.</param>
/// <param name="Scale">a = z × √(horizon ÷ interval).</param>
public readonly record struct VarEstimate(VarStatus Status, double Budget, double ValueAtRisk, double Working, double PortfolioDeviation, double Scale);
