namespace MultiAsset.Engine.Journal.Audit;

/// <summary>
/// What a risk rule compared when it refused an order: the order's value (quantity, notional, position after, loss,
/// exposure) and the limit it exceeded, in <paramref name="Unit"/>. <see cref="AuditValueUnit.None"/> when the rule
/// compares no single number (kill switch, market closed, throttle, duplicate, drawdown, VaR, strategy limits).
/// </summary>
/// <param name="Value">The order's side of the comparison (raw fixed point).</param>
/// <param name="Limit">The limit (raw fixed point; ratio limits converted to an amount at the current equity).</param>
/// <param name="Unit">What both are.</param>
public readonly record struct RiskComparison(long Value, long Limit, AuditValueUnit Unit);
