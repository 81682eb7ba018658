namespace MultiAsset.Engine.Backtest.Attribution;

/// <summary>
/// Links single-period Brinson–Fachler effects over several periods: arithmetic sum (residual reported) and
/// Carino (1999) logarithmic linking.
/// </summary>
/// <remarks>
/// Carino: with k_t = [ln(1 + R_p,t) − ln(1 + R_b,t)] / (R_p,t − R_b,t) (or 1 / (1 + R_p,t) when the two are equal)
/// and K the same expression over the compounded returns, each effect is linked as Σ_t effect_t × k_t / K. Since
/// Σ (effects of period t) = R_p,t − R_b,t, the linked effects sum to ln((1 + R_p)/(1 + R_b)) / K = R_p − R_b exactly
/// (up to floating-point rounding).
/// </remarks>
public static class BrinsonLinking
{
    /// <summary>Attributes each period (see <see cref="BrinsonFachler.Attribute"/>) and links them.</summary>
    /// <exception cref="ArgumentException">No period, or a period that <see cref="BrinsonFachler.Attribute"/> refuses.</exception>
    public static BrinsonLinkedResult Link(IReadOnlyList<IReadOnlyList<BrinsonSegment>> periods)
    {
        ArgumentNullException.ThrowIfNull(periods);
        if (periods.Count == 0)
        {
            throw new ArgumentException("Linking needs at least one period.", nameof(periods));
        }

        var results = new BrinsonFachlerResult[periods.Count];
        double growthP = 1, growthB = 1;
        var linkable = true;
        for (var t = 0; t < periods.Count; t++)
        {
            results[t] = BrinsonFachler.Attribute(periods[t]);
            growthP *= 1 + results[t].PortfolioReturn;
            growthB *= 1 + results[t].BenchmarkReturn;
            linkable &= results[t].PortfolioReturn > -1 && results[t].BenchmarkReturn > -1;
        }

        var portfolioReturn = growthP - 1;
        var benchmarkReturn = growthB - 1;
        var arithmetic = Accumulate(results, _ => 1.0);
        IReadOnlyList<BrinsonEffects>? carinoSegments = null;
        BrinsonEffects? carino = null;
        if (linkable)
        {
            var total = CarinoFactor(portfolioReturn, benchmarkReturn);
            var linked = Accumulate(results, r => CarinoFactor(r.PortfolioReturn, r.BenchmarkReturn) / total);
            carinoSegments = linked.Segments;
            carino = linked.Total;
        }

        return new BrinsonLinkedResult
        {
            Periods = results,
            PortfolioReturn = portfolioReturn,
            BenchmarkReturn = benchmarkReturn,
            ActiveReturn = portfolioReturn - benchmarkReturn,
            ArithmeticSegments = arithmetic.Segments,
            Arithmetic = arithmetic.Total,
            CarinoSegments = carinoSegments,
            Carino = carino,
        };
    }

    /// <summary>Carino's k: [ln(1 + p) − ln(1 + b)] / (p − b), or its limit 1 / (1 + p) when p = b.</summary>
    /// <remarks>
    /// Computed as ln(u) / (u − 1) / (1 + b) with u = 1 + (p − b)/(1 + b), which is the same quantity without the
    /// cancellation of two nearly equal logarithms (Kahan's log1p trick): accurate to rounding even when p and b
    /// differ by 1e-12, where the textbook form loses most of its digits.
    /// </remarks>
    public static double CarinoFactor(double portfolioReturn, double benchmarkReturn)
    {
        var onePlusBenchmark = 1 + benchmarkReturn;
        var u = 1 + ((portfolioReturn - benchmarkReturn) / onePlusBenchmark);
        var logRatioPerUnit = u == 1 ? 1 : Math.Log(u) / (u - 1);
        return logRatioPerUnit / onePlusBenchmark;
    }

    // Σ_t weight(t) × effects of period t, per segment (in order of first appearance) and in total.
    private static (IReadOnlyList<BrinsonEffects> Segments, BrinsonEffects Total) Accumulate(BrinsonFachlerResult[] results, Func<BrinsonFachlerResult, double> weightOf)
    {
        var order = new List<string>();
        var sums = new Dictionary<string, (double A, double S, double I)>(StringComparer.Ordinal);
        double a = 0, s = 0, i = 0;
        foreach (var result in results)
        {
            var w = weightOf(result);
            foreach (var e in result.Segments)
            {
                if (!sums.TryGetValue(e.Segment, out var sum))
                {
                    order.Add(e.Segment);
                }

                sums[e.Segment] = (sum.A + (w * e.Allocation), sum.S + (w * e.Selection), sum.I + (w * e.Interaction));
            }

            a += w * result.Effects.Allocation;
            s += w * result.Effects.Selection;
            i += w * result.Effects.Interaction;
        }

        var segments = order.Select(name => new BrinsonEffects(name, sums[name].A, sums[name].S, sums[name].I)).ToList();
        return (segments, new BrinsonEffects(PnlAttributionNode.TotalKey, a, s, i));
    }
}
