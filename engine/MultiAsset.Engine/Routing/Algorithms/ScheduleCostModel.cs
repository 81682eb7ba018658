namespace MultiAsset.Engine.Routing.Algorithms;

/// <summary>
/// Prices any schedule with the Almgren–Chriss cost model, so schedules of different algorithms are comparable.
/// Pure and allocation-free.
/// </summary>
/// <remarks>
/// For trades n_1..n_N in units (n_j = child lots × units per lot), X = Σ n_j and holdings after each trade
/// x_k = X − Σ_{i≤k} n_i:
/// <code>
/// E = ½γX² + ε·Σ|n_j| + (η̃/τ)·Σ n_j²          (currency)
/// V = σ²τ·Σ_{k=1..N} x_k²                       (currency²; x_N = 0)
/// </code>
/// The model is symmetric in side: a buy and a sell of the same schedule cost the same.
/// </remarks>
public static class ScheduleCostModel
{
    /// <summary>E and V of <paramref name="childLots"/> (one entry per slice) for lots of <paramref name="unitsPerLot"/> units.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Parameters invalid, or <paramref name="unitsPerLot"/> not positive and finite.</exception>
    public static ScheduleCost Evaluate(ReadOnlySpan<long> childLots, double unitsPerLot, in AlmgrenChrissParameters parameters)
    {
        parameters.Validate();
        if (!(unitsPerLot > 0) || !double.IsFinite(unitsPerLot))
        {
            throw new ArgumentOutOfRangeException(nameof(unitsPerLot), unitsPerLot, "units per lot must be positive and finite.");
        }

        // Exact integer totals in lots first, so the holdings below are exact before the single conversion to units.
        long totalLots = 0;
        for (int j = 0; j < childLots.Length; j++)
        {
            totalLots = checked(totalLots + childLots[j]);
        }

        double absTraded = 0, squaredTrades = 0, squaredHoldings = 0;
        long holding = totalLots;
        for (int j = 0; j < childLots.Length; j++)
        {
            double n = childLots[j] * unitsPerLot;
            absTraded += Math.Abs(n);
            squaredTrades += n * n;
            holding -= childLots[j];
            double x = holding * unitsPerLot;
            squaredHoldings += x * x;
        }

        double bigX = totalLots * unitsPerLot;
        double tau = parameters.SliceSeconds, sigma = parameters.Volatility;
        double expected = (0.5 * parameters.PermanentImpact * bigX * bigX)
            + (parameters.FixedCostPerUnit * absTraded)
            + (parameters.AdjustedTemporaryImpact / tau * squaredTrades);
        double variance = sigma * sigma * tau * squaredHoldings;
        return new ScheduleCost(expected, variance);
    }

    /// <summary>
    /// E and V of an exact (real-valued) schedule: <paramref name="trades"/> n_1..n_N in units and
    /// <paramref name="holdings"/> x_0..x_N (x_0 = X = Σn, x_N = 0), as the paper writes them.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Parameters invalid.</exception>
    /// <exception cref="ArgumentException"><paramref name="holdings"/> is not one longer than <paramref name="trades"/>.</exception>
    public static ScheduleCost EvaluateExact(ReadOnlySpan<double> trades, ReadOnlySpan<double> holdings, in AlmgrenChrissParameters parameters)
    {
        parameters.Validate();
        if (holdings.Length != trades.Length + 1)
        {
            throw new ArgumentException("holdings must have one entry more than trades (x_0..x_N).", nameof(holdings));
        }

        double absTraded = 0, squaredTrades = 0, squaredHoldings = 0;
        for (int j = 0; j < trades.Length; j++)
        {
            absTraded += Math.Abs(trades[j]);
            squaredTrades += trades[j] * trades[j];
            squaredHoldings += holdings[j + 1] * holdings[j + 1];
        }

        double bigX = holdings[0];
        double expected = (0.5 * parameters.PermanentImpact * bigX * bigX)
            + (parameters.FixedCostPerUnit * absTraded)
            + (parameters.AdjustedTemporaryImpact / parameters.SliceSeconds * squaredTrades);
        return new ScheduleCost(expected, parameters.Volatility * parameters.Volatility * parameters.SliceSeconds * squaredHoldings);
    }
}
