namespace MultiAsset.Engine.Backtest.Attribution;

/// <summary>
/// Brinson–Fachler (1985) attribution of one period's active return to allocation, selection and interaction by
/// segment. Unlike Brinson–Hood–Beebower, allocation is measured against the total benchmark return R_b, so
/// over-weighting a segment that merely rose less than the benchmark as a whole counts against the portfolio.
/// </summary>
public static class BrinsonFachler
{
    /// <summary>Largest tolerated |Σ weights − 1| for either side.</summary>
    public const double WeightTolerance = 1e-9;

    /// <summary>Attributes one period.</summary>
    /// <exception cref="ArgumentException">No segment, a duplicate segment name, a value that is not finite, or a side whose weights do not sum to 1 (± <see cref="WeightTolerance"/>).</exception>
    public static BrinsonFachlerResult Attribute(IReadOnlyList<BrinsonSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        if (segments.Count == 0)
        {
            throw new ArgumentException("A Brinson–Fachler attribution needs at least one segment.", nameof(segments));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        double portfolioWeights = 0, benchmarkWeights = 0, portfolioReturn = 0, benchmarkReturn = 0;
        foreach (var s in segments)
        {
            ArgumentNullException.ThrowIfNull(s);
            if (!names.Add(s.Segment))
            {
                throw new ArgumentException($"Segment '{s.Segment}' appears twice.", nameof(segments));
            }

            if (!double.IsFinite(s.PortfolioWeight) || !double.IsFinite(s.BenchmarkWeight) || !double.IsFinite(s.PortfolioReturn) || !double.IsFinite(s.BenchmarkReturn))
            {
                throw new ArgumentException($"Segment '{s.Segment}' has a weight or return that is not finite.", nameof(segments));
            }

            portfolioWeights += s.PortfolioWeight;
            benchmarkWeights += s.BenchmarkWeight;
            portfolioReturn += s.PortfolioWeight * s.PortfolioReturn;
            benchmarkReturn += s.BenchmarkWeight * s.BenchmarkReturn;
        }

        RequireUnitSum(portfolioWeights, "portfolio");
        RequireUnitSum(benchmarkWeights, "benchmark");

        var effects = new BrinsonEffects[segments.Count];
        double allocation = 0, selection = 0, interaction = 0;
        for (var i = 0; i < segments.Count; i++)
        {
            var s = segments[i];
            var activeWeight = s.PortfolioWeight - s.BenchmarkWeight;
            var e = new BrinsonEffects(
                s.Segment,
                activeWeight * (s.BenchmarkReturn - benchmarkReturn),
                s.BenchmarkWeight * (s.PortfolioReturn - s.BenchmarkReturn),
                activeWeight * (s.PortfolioReturn - s.BenchmarkReturn));
            effects[i] = e;
            allocation += e.Allocation;
            selection += e.Selection;
            interaction += e.Interaction;
        }

        return new BrinsonFachlerResult
        {
            PortfolioReturn = portfolioReturn,
            BenchmarkReturn = benchmarkReturn,
            ActiveReturn = portfolioReturn - benchmarkReturn,
            Segments = effects,
            Effects = new BrinsonEffects(PnlAttributionNode.TotalKey, allocation, selection, interaction),
        };
    }

    private static void RequireUnitSum(double sum, string side)
    {
        if (!(Math.Abs(sum - 1) <= WeightTolerance))
        {
            throw new ArgumentException($"The {side} weights sum to {sum}, not 1; give uninvested cash its own segment.", nameof(side));
        }
    }
}
