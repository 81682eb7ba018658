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

    public ParametricModel(double[] exposures, RiskMatrix covariance, double[]? mean, RiskMeasureOptions options, string covarianceField)
    {
        this.exposures = exposures;
        this.covariance = covariance.Values;
        this.mean = mean;
        n = exposures.Length;
        horizon = options.Horizon;
        rootHorizon = Math.Sqrt(options.Horizon);
        q = DistributionQuantiles.Quantile(options.Distribution, options.Confidence, options.DegreesOfFreedom);
        e = DistributionQuantiles.ShortfallFactor(options.Distribution, options.Confidence, options.DegreesOfFreedom);
        y = new double[n];
        DenseKernels.SymmetricProduct(this.covariance, n, exposures, y);
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

    public override void GroupDetail(ReadOnlySpan<int> groupOf, int groupCount, Span<double> incremental, Span<double> standalone)
    {
        // Q_g = w_gᵀ Σ_gg w_g from the lower triangle: Σ_{i∈g} w_i²Σ_ii + 2·Σ_{j<i, both in g} w_i Σ_ij w_j, and w_gᵀy
        // for the revaluation without the group: σ²_(−g) = σ² − 2·w_gᵀy + Q_g. Few groups: one masked dot product per
        // row (vectorised); many groups: a gather over the row's earlier group members.
        var quadratic = new double[groupCount];
        var cross = new double[groupCount];
        var groupMean = new double[groupCount];
        double[]? masked = groupCount <= 16 ? new double[groupCount * n] : null;
        int[]? members = null;
        int[] start = [];
        if (masked is null)
        {
            members = GroupMembers(groupOf, groupCount, out start);
        }

        for (int i = 0; i < n; i++)
        {
            int g = groupOf[i];
            double wi = exposures[i];
            var row = covariance.AsSpan(i * n, i);
            double acc = 0;
            if (masked is not null)
            {
                acc = DenseKernels.Dot(row, masked.AsSpan(g * n, i));
                masked[(g * n) + i] = wi;
            }
            else
            {
                for (int m = start[g]; m < start[g + 1]; m++)
                {
                    int j = members![m];
                    if (j >= i)
                    {
                        break;
                    }

                    acc += row[j] * exposures[j];
                }
            }

            quadratic[g] += (2 * wi * acc) + (wi * wi * covariance[(i * n) + i]);
            cross[g] += wi * y[i];
            groupMean[g] += mean is null ? 0 : horizon * mean[i] * wi;
        }

        double total = ValueAtRisk;
        for (int g = 0; g < groupCount; g++)
        {
            double alone = Math.Sqrt(Math.Max(quadratic[g], 0));
            standalone[g] = (q * rootHorizon * alone) - groupMean[g];
            double without = variance - (2 * cross[g]) + quadratic[g];
            incremental[g] = total - ((q * rootHorizon * Math.Sqrt(Math.Max(without, 0))) - (meanPnl - groupMean[g]));
        }
    }

    /// <summary>Positions listed group by group: members[start[g] .. start[g + 1]) belong to group g.</summary>
    internal static int[] GroupMembers(ReadOnlySpan<int> groupOf, int groupCount, out int[] start)
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
