namespace MultiAsset.Engine.Routing.Tca;

/// <summary>
/// Implementation shortfall of a parent order split into its causes, in quote currency, positive = cost
/// (s = +1 buy, −1 sell; Q ordered, Q_f filled, P_d decision, P_0 arrival, P_end end price, p̄ average fill):
/// <code>
/// Delay       = s·Q_f·(P_0 − P_d)          the market moved between decision and arrival
/// Execution   = s·Q_f·(p̄ − P_0)            impact and spread paid while working the order
/// Fees        = Σ fees
/// Opportunity = s·(Q − Q_f)·(P_end − P_d)  the unfilled part, marked at the end price
/// Total       = the sum = s·(Σ q·p − Q_f·P_d) + Opportunity + Fees, the shortfall against the paper portfolio at P_d
/// </code>
/// </summary>
/// <param name="Delay">Delay cost.</param>
/// <param name="Execution">Execution (impact) cost.</param>
/// <param name="Fees">Fees.</param>
/// <param name="Opportunity">Opportunity cost of the unfilled part.</param>
public readonly record struct ShortfallDecomposition(double Delay, double Execution, double Fees, double Opportunity)
{
    /// <summary>Delay + Execution + Fees + Opportunity.</summary>
    public double Total => Delay + Execution + Fees + Opportunity;
}
