namespace MultiAsset.Engine.Risk.Analytics.Measures;

/// <summary>Computes <see cref="CorrelationRisk"/> (definition there).</summary>
internal static class CorrelationStress
{
    /// <summary>From the covariance of per-period returns: a_i = w_i·√Σ_ii·√h, current variance wᵀΣw·h.</summary>
    public static CorrelationRisk FromCovariance(double[] exposures, RiskMatrix covariance, RiskMeasureOptions options, double q, double? knownVariance = null)
    {
        int n = exposures.Length;
        double root = Math.Sqrt(options.Horizon);
        var a = new double[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = exposures[i] * Math.Sqrt(covariance.Values[(i * n) + i]) * root;
        }

        double variance = knownVariance ?? PortfolioVariance(exposures, covariance);

        return Build(a, Math.Sqrt(Math.Max(variance * options.Horizon, 0)), options, q);
    }

    /// <summary>From scenarios: a_i = w_i·sd(U_i), current = sd(T) (sample standard deviations, divisor N − 1).</summary>
    public static CorrelationRisk FromScenarios(ScenarioModel model, double[] exposures, RiskMeasureOptions options, double q)
    {
        _ = exposures;
        return Build(model.PositionPnlLoadings(), StandardDeviation(model.TotalPnl), options, q);
    }

    private static double PortfolioVariance(double[] exposures, RiskMatrix covariance)
    {
        var y = new double[exposures.Length];
        DenseKernels.SymmetricProduct(covariance.Values, exposures.Length, exposures, y);
        return DenseKernels.Dot(exposures, y);
    }

    private static CorrelationRisk Build(double[] a, double currentSigma, RiskMeasureOptions options, double q)
    {
        int n = a.Length;
        double stressedVariance;
        double scale = 0;
        foreach (double v in a)
        {
            scale += v * v;
        }

        if (options.StressedCorrelationMatrix is { } r)
        {
            stressedVariance = 0;
            for (int i = 0; i < n; i++)
            {
                stressedVariance += a[i] * DenseKernels.Dot(r.Row(i), a);
            }

            if (stressedVariance < -1e-9 * Math.Max(scale, double.Epsilon))
            {
                throw new RiskMeasureInputException("stressedCorrelationMatrix", $"stressedCorrelationMatrix is not positive semi-definite: aᵀRa = {stressedVariance:G6} < 0 for this book");
            }
        }
        else
        {
            double rho = options.StressedCorrelation;
            double sum = 0;
            foreach (double v in a)
            {
                sum += v;
            }

            stressedVariance = scale + (rho * ((sum * sum) - scale));
            if (stressedVariance < -1e-9 * Math.Max(scale, double.Epsilon))
            {
                throw new RiskMeasureInputException("stressedCorrelation", $"stressedCorrelation {rho} is not a valid constant correlation for {n} positions (needs ρ ≥ −1/(n − 1) = {-1.0 / Math.Max(n - 1, 1):G6})");
            }
        }

        double current = q * currentSigma;
        double stressed = q * Math.Sqrt(Math.Max(stressedVariance, 0));
        return new CorrelationRisk
        {
            StressedCorrelation = options.StressedCorrelationMatrix is null ? options.StressedCorrelation : null,
            CurrentVaR = current,
            StressedVaR = stressed,
            Value = stressed - current,
        };
    }

    private static double StandardDeviation(ReadOnlySpan<double> values)
    {
        if (values.Length < 2)
        {
            return 0;
        }

        double mean = 0;
        foreach (double v in values)
        {
            mean += v;
        }

        mean /= values.Length;
        double ss = 0;
        foreach (double v in values)
        {
            double d = v - mean;
            ss += d * d;
        }

        return Math.Sqrt(ss / (values.Length - 1));
    }
}
