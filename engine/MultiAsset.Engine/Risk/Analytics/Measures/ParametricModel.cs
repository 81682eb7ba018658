namespace MultiAsset.Engine.Risk.Analytics.Measures;

/// <summary>
/// Delta-normal (or variance-scaled Student-t) VaR. With y = Σw, σ² = wᵀy, the horizon factor √h, the mean
/// m = h·wᵀμ and q, e from <see cref="DistributionQuantiles"/>: VaR = q·√h·σ − m, ES = e·√h·σ − m;
/// marginal_i = q·√h·y_i/σ − h·μ_i; component_i = w_i·marginal_i (Σ component = VaR, Euler, since Σ w_i y_i = σ²);
/// component ES_i = w_i·(e·√h·y_i/σ − h·μ_i); incremental_i from σ²_(−i) = σ² − 2w_i y_i + w_i² Σ_ii (exact
/// revaluation); standalone_i = q·√h·|w_i|·√Σ_ii − h·w_i·μ_i. A zero-risk book (σ = 0) has marginal −h·μ_i.
/// Σ is read from its lower triangle only (half the memory traffic; symmetry is the JSON contract's check).
/// </summary>
internal sealed class ParametricModel : RiskModel
{
    private readonly double[] exposures;
    private readonly double[] covariance;
    private readonly double[]? mean;
    private readonly int n;
    private readonly double rootHorizon;
    private readonly double horizon;
    private readonly double q;
    private readonly double e;
    private readonly double[] y;
    private readonly double variance;
    private readonly double sigma;
    private readonly double meanPnl;

    private readonly IReadOnlyList<Grouping> groupings;
    private readonly double[][] quadratic; // per grouping: Q_g = w_gᵀ Σ_gg w_g

    public ParametricModel(double[] exposures, RiskMatrix covariance, double[]? mean, RiskMeasureOptions options, string covarianceField, IReadOnlyList<Grouping> groupings)
    {
        this.groupings = groupings;
        this.exposures = exposures;
        this.covariance = covariance.Values;
        this.mean = mean;
        n = exposures.Length;
        horizon = options.Horizon;
        rootHorizon = Math.Sqrt(options.Horizon);
        q = DistributionQuantiles.Quantile(options.Distribution, options.Confidence, options.DegreesOfFreedom);
        e = DistributionQuantiles.ShortfallFactor(options.Distribution, options.Confidence, options.DegreesOfFreedom);
        y = new double[n];
        quadratic = LowerTrianglePass(this.covariance, n, exposures, y, groupings);
        double v = 0;
        double scale = 0;
        for (int i = 0; i < n; i++)
        {
            v += exposures[i] * y[i];
            scale += exposures[i] * exposures[i] * this.covariance[(i * n) + i];
        }

        if (v < -1e-9 * Math.Max(scale, double.Epsilon))
        {
            throw new RiskMeasureInputException(covarianceField, $"{covarianceField} is not positive semi-definite: the portfolio variance wᵀΣw = {v:G6} is negative");
        }

        variance = Math.Max(v, 0);
        sigma = Math.Sqrt(variance);
        meanPnl = mean is null ? 0 : horizon * DenseKernels.Dot(exposures, mean);
    }

    /// <summary>wᵀΣw per period.</summary>
    public double Variance => variance;

    public override int ScenarioCount => 0;

    public override int TailCount => 0;

    public override double ValueAtRisk => (q * rootHorizon * sigma) - meanPnl;

    public override double ExpectedShortfall => (e * rootHorizon * sigma) - meanPnl;

    public override void Decompose(Span<double> marginal, Span<double> component, Span<double> componentShortfall)
    {
        for (int i = 0; i < n; i++)
        {
            double mu = mean is null ? 0 : horizon * mean[i];
            double gradient = sigma > 0 ? y[i] / sigma : 0;
            marginal[i] = (q * rootHorizon * gradient) - mu;
            component[i] = exposures[i] * marginal[i];
            componentShortfall[i] = exposures[i] * ((e * rootHorizon * gradient) - mu);
        }
    }

    public override void InstrumentDetail(Span<double> incremental, Span<double> standalone)
    {
        double total = ValueAtRisk;
        for (int i = 0; i < n; i++)
        {
            double w = exposures[i];
            double sii = covariance[(i * n) + i];
            double mu = mean is null ? 0 : horizon * mean[i] * w;
            double without = variance - (2 * w * y[i]) + (w * w * sii);
            double varWithout = (q * rootHorizon * Math.Sqrt(Math.Max(without, 0))) - (meanPnl - mu);
            incremental[i] = total - varWithout;
            standalone[i] = (q * rootHorizon * Math.Abs(w) * Math.Sqrt(sii)) - mu;
        }
    }

    public override void GroupDetail(IReadOnlyList<Grouping> groupings)
    {
        // σ²_(−g) = σ² − 2·w_gᵀy + Q_g, with Q_g from the constructor's pass over Σ.
        double total = ValueAtRisk;
        for (int k = 0; k < groupings.Count; k++)
        {
            var grouping = groupings[k];
            int index = IndexOf(grouping);
            var groupOf = grouping.GroupOf;
            var cross = new double[grouping.Count];
            var groupMean = new double[grouping.Count];
            for (int i = 0; i < n; i++)
            {
                cross[groupOf[i]] += exposures[i] * y[i];
                groupMean[groupOf[i]] += mean is null ? 0 : horizon * mean[i] * exposures[i];
            }

            var q2 = quadratic[index];
            for (int g = 0; g < grouping.Count; g++)
            {
                grouping.Standalone[g] = (q * rootHorizon * Math.Sqrt(Math.Max(q2[g], 0))) - groupMean[g];
                double without = variance - (2 * cross[g]) + q2[g];
                grouping.Incremental[g] = total - ((q * rootHorizon * Math.Sqrt(Math.Max(without, 0))) - (meanPnl - groupMean[g]));
            }
        }
    }

    /// <summary>
    /// One pass over the lower triangle of Σ: y = Σw (each stored Σ_ij, j &lt; i, adds Σ_ij·w_j to y_i and Σ_ij·w_i to
    /// y_j) and, while row i is in cache, each grouping's Q_g = Σ_{i∈g} w_i²Σ_ii + 2·Σ_{j&lt;i, both in g} w_iΣ_ijw_j —
    /// a masked dot product per row for up to 16 groups (vectorised), a gather over earlier members otherwise.
    /// </summary>
    private static double[][] LowerTrianglePass(double[] cov, int n, double[] w, double[] y, IReadOnlyList<Grouping> groupings)
    {
        int count = groupings.Count;
        var result = new double[count][];
        var masked = new double[count][];
        var members = new int[count][];
        var starts = new int[count][];
        for (int k = 0; k < count; k++)
        {
            result[k] = new double[groupings[k].Count];
            if (groupings[k].Count <= 16)
            {
                masked[k] = new double[groupings[k].Count * n];
            }
            else
            {
                members[k] = GroupMembers(groupings[k].GroupOf, groupings[k].Count, out starts[k]);
            }
        }

        for (int i = 0; i < n; i++)
        {
            var row = cov.AsSpan(i * n, i);
            double wi = w[i];
            double sii = cov[(i * n) + i];
            y[i] += DenseKernels.Dot(row, w.AsSpan(0, i)) + (sii * wi);
            DenseKernels.AddScaled(y.AsSpan(0, i), wi, row);
            for (int k = 0; k < count; k++)
            {
                int g = groupings[k].GroupOf[i];
                double acc = 0;
                if (masked[k] is { } m)
                {
                    acc = DenseKernels.Dot(row, m.AsSpan(g * n, i));
                    m[(g * n) + i] = wi;
                }
                else
                {
                    var start = starts[k];
                    var list = members[k];
                    for (int p = start[g]; p < start[g + 1]; p++)
                    {
                        int j = list[p];
                        if (j >= i)
                        {
                            break;
                        }

                        acc += row[j] * w[j];
                    }
                }

                result[k][g] += (2 * wi * acc) + (wi * wi * sii);
            }
        }

        return result;
    }

    private int IndexOf(Grouping grouping)
    {
        for (int k = 0; k < groupings.Count; k++)
        {
            if (ReferenceEquals(groupings[k], grouping))
            {
                return k;
            }
        }

        throw new ArgumentException("the grouping was not given to the constructor", nameof(grouping));
    }

    /// <summary>Positions listed group by group: members[start[g] .. start[g + 1]) belong to group g.</summary>
    internal static int[] GroupMembers(int[] groupOf, int groupCount, out int[] start)
    {
        start = new int[groupCount + 1];
        foreach (int g in groupOf)
        {
            start[g + 1]++;
        }

        for (int g = 0; g < groupCount; g++)
        {
            start[g + 1] += start[g];
        }

        var members = new int[groupOf.Length];
        var fill = new int[groupCount];
        for (int i = 0; i < groupOf.Length; i++)
        {
            int g = groupOf[i];
            members[start[g] + fill[g]++] = i;
        }

        return members;
    }
}
