namespace MultiAsset.Engine.Risk.Analytics.Measures;

/// <summary>
/// Empirical VaR over N equally likely scenarios (historical rows or Monte Carlo paths) of per-unit-exposure returns
/// U (already horizon-scaled, mean included): position P&amp;L = w_i·U_i,s, total P&amp;L T_s = Σ_i w_i·U_i,s, loss −T_s.
/// VaR and ES follow the <see cref="TailRule"/>.
/// </summary>
/// <remarks>
/// Euler components use a tail-window estimator: the scenarios are ranked worst first; the window is the ranks
/// [r* − m, r* + m] ∩ [0, N − 1] around the VaR rank r* (RankA, or RankB when the interpolation weight is ≥ ½) with
/// half-width m = max(1, ⌊TailCount/2⌋). The raw marginal is −mean_window(U_i); it is rescaled by
/// κ = VaR / Σ_i w_i·raw_i so that the components w_i·marginal_i sum to the VaR (κ = 1 when that sum is 0).
/// Component ES is exact: Σ_r esWeight_r·(−w_i·U_i,s(r)) over the tail ranks, which sums to the ES. Incremental and
/// standalone VaR revalue the scenario P&amp;L without / with only the position (or group).
/// </remarks>
internal sealed class ScenarioModel : RiskModel
{
    private readonly double[] exposures;
    private readonly double[] unitReturns; // column-major: U[i * N + s]
    private readonly int n;
    private readonly int count;
    private readonly TailRule rule;
    private readonly double[] total;
    private readonly int[] order; // scenario indices, worst first
    private readonly double valueAtRisk;
    private readonly double expectedShortfall;

    public ScenarioModel(double[] exposures, double[] unitReturns, int scenarioCount, RiskMeasureOptions options)
    {
        this.exposures = exposures;
        this.unitReturns = unitReturns;
        n = exposures.Length;
        count = scenarioCount;
        rule = TailRule.For(scenarioCount, options.Confidence, options.Quantile);
        total = new double[count];
        for (int i = 0; i < n; i++)
        {
            if (exposures[i] != 0)
            {
                DenseKernels.AddScaled(total, exposures[i], Column(i));
            }
        }

        // Sorting the P&L ascending lists the losses worst first. The sort is not stable, but it is deterministic: the
        // same scenarios give the same order, which is all the tail window needs.
        order = new int[count];
        var keys = (double[])total.Clone();
        for (int s = 0; s < count; s++)
        {
            order[s] = s;
        }

        Array.Sort(keys, order);
        var losses = new double[count];
        for (int r = 0; r < count; r++)
        {
            losses[r] = -keys[r];
        }

        valueAtRisk = rule.ValueAtRiskSorted(losses);
        expectedShortfall = rule.ExpectedShortfallSorted(losses);
    }

    public override int ScenarioCount => count;

    public override int TailCount => rule.TailCount;

    public override double ValueAtRisk => valueAtRisk;

    public override double ExpectedShortfall => expectedShortfall;

    /// <summary>The total P&amp;L per scenario (horizon-scaled).</summary>
    internal ReadOnlySpan<double> TotalPnl => total;

    /// <summary>U_i as a span over the scenarios.</summary>
    internal ReadOnlySpan<double> Column(int i) => unitReturns.AsSpan(i * count, count);

    public override void Decompose(Span<double> marginal, Span<double> component, Span<double> componentShortfall)
    {
        int center = rule.WeightB >= 0.5 ? rule.RankB : rule.RankA;
        int half = Math.Max(1, rule.TailCount / 2);
        int from = Math.Max(0, center - half);
        int to = Math.Min(count - 1, center + half);
        int width = to - from + 1;
        double raw = 0;
        for (int i = 0; i < n; i++)
        {
            var u = Column(i);
            double sum = 0;
            for (int r = from; r <= to; r++)
            {
                sum += u[order[r]];
            }

            marginal[i] = -sum / width;
            raw += exposures[i] * marginal[i];

            double es = 0;
            var weights = rule.EsWeights;
            for (int r = 0; r < weights.Count; r++)
            {
                es += weights[r] * u[order[r]];
            }

            componentShortfall[i] = -exposures[i] * es;
        }

        double kappa = raw != 0 && double.IsFinite(valueAtRisk / raw) ? valueAtRisk / raw : 1;
        for (int i = 0; i < n; i++)
        {
            marginal[i] *= kappa;
            component[i] = exposures[i] * marginal[i];
        }
    }

    public override void InstrumentDetail(Span<double> incremental, Span<double> standalone)
    {
        var buffer = new double[count];
        for (int i = 0; i < n; i++)
        {
            double w = exposures[i];
            var u = Column(i);
            if (w == 0)
            {
                incremental[i] = 0;
                standalone[i] = 0;
                continue;
            }

            // Loss without the position: −(T − w·U_i) = −T + w·U_i.
            DenseKernels.NegateAddScaled(buffer, total, w, u);
            incremental[i] = valueAtRisk - rule.ValueAtRisk(buffer);
            DenseKernels.Scale(buffer, -w, u);
            standalone[i] = rule.ValueAtRisk(buffer);
        }
    }

    public override void GroupDetail(ReadOnlySpan<int> groupOf, int groupCount, Span<double> incremental, Span<double> standalone)
    {
        var groupPnl = new double[groupCount * count];
        for (int i = 0; i < n; i++)
        {
            if (exposures[i] != 0)
            {
                DenseKernels.AddScaled(groupPnl.AsSpan(groupOf[i] * count, count), exposures[i], Column(i));
            }
        }

        var buffer = new double[count];
        for (int g = 0; g < groupCount; g++)
        {
            var pnl = groupPnl.AsSpan(g * count, count);
            DenseKernels.NegateAddScaled(buffer, total, 1, pnl);
            incremental[g] = valueAtRisk - rule.ValueAtRisk(buffer);
            DenseKernels.Scale(buffer, -1, pnl);
            standalone[g] = rule.ValueAtRisk(buffer);
        }
    }
}
