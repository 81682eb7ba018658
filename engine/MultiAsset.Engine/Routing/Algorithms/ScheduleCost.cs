namespace MultiAsset.Engine.Routing.Algorithms;

/// <summary>The Almgren–Chriss expected cost and variance of one schedule (see <see cref="ScheduleCostModel"/>).</summary>
/// <param name="ExpectedCost">E, in quote currency (positive = cost), relative to the arrival price.</param>
/// <param name="Variance">V, in quote currency squared.</param>
public readonly record struct ScheduleCost(double ExpectedCost, double Variance)
{
    /// <summary>√V, the standard deviation of the cost, in quote currency.</summary>
    public double StandardDeviation => Math.Sqrt(Variance);
}
