namespace MultiAsset.Engine.Risk.Analytics.Measures;

/// <summary>
/// Where VaR and ES sit among N equally likely losses sorted worst first (L₀ ≥ L₁ ≥ … ≥ L_{N−1}):
/// VaR = (1 − w)·L[RankA] + w·L[RankB] and ES = Σ_r EsWeights[r]·L[r] over the first EsWeights.Length ranks.
/// </summary>
/// <remarks>
/// KthWorst: k = ⌈N·(1 − c)⌉ computed in decimal (c is first converted to decimal, which keeps its shortest round-trip
/// digits, so 0.99 is exactly 0.99 and 500·(1 − 0.99) is exactly 5), clamped to [1, N]; VaR = L[k − 1]; ES weights
/// are 1/k on the k worst. Interpolated (Hyndman–Fan type 7 on the ascending losses x₀ ≤ … ≤ x_{N−1}):
/// h = (N − 1)·c (decimal), j = ⌊h⌋, f = h − j, VaR = x_j + f·(x_{j+1} − x_j); ES = (1/(1 − c))·∫_c^1 Q(u) du with
/// Q the linear interpolant through (i/(N − 1), x_i), integrated exactly (each segment's integral is its length
/// times the value at its midpoint), so the ES weights sum to 1. N = 1: VaR = ES = the only loss.
/// </remarks>
public sealed class TailRule
{
    private TailRule(int scenarioCount, int rankA, int rankB, double weightB, double[] esWeights, int tailCount)
    {
        ScenarioCount = scenarioCount;
        RankA = rankA;
        RankB = rankB;
        WeightB = weightB;
        EsWeights = esWeights;
        TailCount = tailCount;
    }

    /// <summary>N.</summary>
    public int ScenarioCount { get; }

    /// <summary>Worst-first rank (0-based) of the first VaR order statistic.</summary>
    public int RankA { get; }

    /// <summary>Worst-first rank of the second VaR order statistic (= RankA when no interpolation is needed).</summary>
    public int RankB { get; }

    /// <summary>Interpolation weight w of <see cref="RankB"/>.</summary>
    public double WeightB { get; }

    /// <summary>ES weights of the worst ranks 0 … length − 1 (they sum to 1).</summary>
    public IReadOnlyList<double> EsWeights { get; }

    /// <summary>KthWorst: k; Interpolated: the number of order statistics in the tail integral.</summary>
    public int TailCount { get; }

    /// <summary>k = ⌈N·(1 − c)⌉ in exact decimal arithmetic, clamped to [1, N].</summary>
    public static int KthWorstCount(int scenarioCount, double confidence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scenarioCount, 1);
        Validate(confidence);
        decimal tail = scenarioCount * (1m - (decimal)confidence);
        decimal k = decimal.Ceiling(tail);
        return (int)Math.Clamp(k, 1m, scenarioCount);
    }

    /// <summary>The rule for N losses at confidence c.</summary>
    public static TailRule For(int scenarioCount, double confidence, QuantileConvention convention)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scenarioCount, 1);
        Validate(confidence);
        if (convention == QuantileConvention.KthWorst)
        {
            int k = KthWorstCount(scenarioCount, confidence);
            var weights = new double[k];
            Array.Fill(weights, 1.0 / k);
            return new TailRule(scenarioCount, k - 1, k - 1, 0, weights, k);
        }

        int n = scenarioCount;
        if (n == 1)
        {
            return new TailRule(1, 0, 0, 0, [1.0], 1);
        }

        decimal h = (n - 1) * (decimal)confidence;
        int j = (int)decimal.Floor(h);
        if (j >= n - 1)
        {
            // c so close to 1 that its decimal form is 1 (15 significant digits): the worst loss is both VaR and ES.
            return new TailRule(n, 0, 0, 0, [1.0], 1);
        }

        double f = (double)(h - j);
        int rankA = n - 1 - j;
        int rankB = j + 1 <= n - 1 ? rankA - 1 : rankA;
        var es = new double[rankA + 1];
        double c = confidence;
        double step = 1.0 / (n - 1);
        for (int segment = j; segment <= n - 2; segment++)
        {
            // Segment [segment/(n−1), (segment+1)/(n−1)] carries x_segment → x_{segment+1}; only its part above c counts.
            double lo = segment == j ? c : segment * step;
            double hi = (segment + 1) * step;
            double length = Math.Max(0, hi - lo);
            double tMid = (((lo * (n - 1)) - segment) + ((hi * (n - 1)) - segment)) / 2;
            es[n - 1 - segment] += length * (1 - tMid);
            es[n - 2 - segment] += length * tMid;
        }

        double tail = 1 - c;
        double sum = 0;
        for (int r = 0; r < es.Length; r++)
        {
            es[r] /= tail;
            sum += es[r];
        }

        // The segment lengths sum to 1 − c up to rounding; renormalise so that the weights sum to 1 exactly enough
        // for the component ES to add up to the total.
        for (int r = 0; r < es.Length; r++)
        {
            es[r] /= sum;
        }

        return new TailRule(n, rankA, rankB, f, es, es.Length);
    }

    /// <summary>VaR of <paramref name="losses"/> (reordered in place by a selection; not sorted).</summary>
    public double ValueAtRisk(Span<double> losses)
    {
        if (losses.Length != ScenarioCount)
        {
            throw new ArgumentException($"expected {ScenarioCount} losses, got {losses.Length}", nameof(losses));
        }

        double a = Selection.SelectDescending(losses, RankA);
        if (RankB == RankA || WeightB == 0)
        {
            return a;
        }

        // After the selection every element before RankA is ≥ L[RankA]; RankB = RankA − 1 is their minimum.
        double b = double.PositiveInfinity;
        foreach (double value in losses[..RankA])
        {
            b = Math.Min(b, value);
        }

        return ((1 - WeightB) * a) + (WeightB * b);
    }

    /// <summary>VaR from losses already sorted worst first.</summary>
    public double ValueAtRiskSorted(ReadOnlySpan<double> sortedWorstFirst) =>
        ((1 - WeightB) * sortedWorstFirst[RankA]) + (WeightB * sortedWorstFirst[RankB]);

    /// <summary>ES from losses already sorted worst first.</summary>
    public double ExpectedShortfallSorted(ReadOnlySpan<double> sortedWorstFirst)
    {
        double es = 0;
        for (int r = 0; r < EsWeights.Count; r++)
        {
            es += EsWeights[r] * sortedWorstFirst[r];
        }

        return es;
    }

    private static void Validate(double confidence)
    {
        if (!(confidence > 0 && confidence < 1))
        {
            throw new RiskMeasureInputException("confidence", $"confidence must be a fraction in (0,1), got {confidence}");
        }
    }
}
