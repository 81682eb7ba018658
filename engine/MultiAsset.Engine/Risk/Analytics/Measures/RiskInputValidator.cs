using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Risk.Analytics.Measures;

/// <summary>
/// The library's own checks of <see cref="RiskMeasureInput"/> and <see cref="RiskMeasureOptions"/> (the JSON contract
/// checks the same and more before it calls the library). Fields are named as in the JSON contract.
/// </summary>
internal static class RiskInputValidator
{
    /// <summary>Largest number of simulated values (paths × positions) a Monte Carlo run may hold in memory.</summary>
    public const long MaxSimulatedValues = 20_000_000;

    /// <summary>Relative tolerance of the contract's covariance symmetry check: |Σ_ij − Σ_ji| ≤ 1e-9·√(Σ_ii·Σ_jj).</summary>
    public const double SymmetryTolerance = 1e-9;

    public static void Validate(RiskMeasureInput input, RiskMeasureOptions options)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        var positions = input.Positions ?? throw new RiskMeasureInputException("positions", "positions are required");
        int n = positions.Count;
        if (n == 0)
        {
            throw new RiskMeasureInputException("positions", "positions must not be empty");
        }

        var symbols = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            var p = positions[i] ?? throw new RiskMeasureInputException($"positions[{i}]", $"positions[{i}] is null");
            if (string.IsNullOrWhiteSpace(p.Symbol))
            {
                throw new RiskMeasureInputException($"positions[{i}].symbol", $"positions[{i}].symbol is required");
            }

            if (!symbols.Add(p.Symbol))
            {
                throw new RiskMeasureInputException($"positions[{i}].symbol", $"positions[{i}].symbol '{p.Symbol}' appears twice");
            }

            if (p.AssetClass is not (AssetClassNames.Stock or AssetClassNames.Forex or AssetClassNames.Crypto))
            {
                throw new RiskMeasureInputException($"positions[{i}].assetClass", $"positions[{i}].assetClass must be one of {AssetClassNames.AllowedValues}");
            }

            if (string.IsNullOrWhiteSpace(p.Currency))
            {
                throw new RiskMeasureInputException($"positions[{i}].currency", $"positions[{i}].currency is required");
            }

            if (!double.IsFinite(p.Exposure))
            {
                throw new RiskMeasureInputException($"positions[{i}].exposure", $"positions[{i}].exposure must be a finite number");
            }
        }

        if (!(options.Confidence > 0 && options.Confidence < 1))
        {
            throw new RiskMeasureInputException("confidence", $"confidence must be a fraction in (0,1), got {options.Confidence}");
        }

        if (!(double.IsFinite(options.Horizon) && options.Horizon > 0))
        {
            throw new RiskMeasureInputException("horizon", $"horizon must be a positive number of periods, got {options.Horizon}");
        }

        if (options.Distribution == ReturnDistribution.StudentT && !(double.IsFinite(options.DegreesOfFreedom) && options.DegreesOfFreedom > 2))
        {
            throw new RiskMeasureInputException("degreesOfFreedom", $"degreesOfFreedom must be > 2 (the t must have a variance), got {options.DegreesOfFreedom}");
        }

        if (options.TopN < 1)
        {
            throw new RiskMeasureInputException("topN", "topN must be ≥ 1");
        }

        if (!(options.StressedCorrelation >= -1 && options.StressedCorrelation <= 1))
        {
            throw new RiskMeasureInputException("stressedCorrelation", "stressedCorrelation must be in [-1, 1]");
        }

        if (options.Method == VaRMethod.MonteCarlo && (options.Paths < 1 || (long)options.Paths * n > MaxSimulatedValues))
        {
            throw new RiskMeasureInputException("paths", $"paths must be in [1, {MaxSimulatedValues / n}] for {n} positions (paths × positions ≤ {MaxSimulatedValues})");
        }

        if (input.Covariance is { } cov)
        {
            Covariance(cov, n, "covariance");
        }

        if (input.Returns is { } returns)
        {
            Shape(returns, returns.Rows, n, "returns", minRows: 1);
        }

        if (input.Scenarios is { } scenarios)
        {
            Shape(scenarios, scenarios.Rows, n, "scenarios", minRows: 1);
        }

        if (input.MeanReturns is { } mean)
        {
            if (mean.Count != n)
            {
                throw new RiskMeasureInputException("meanReturns", $"meanReturns has {mean.Count} values, positions has {n}");
            }

            for (int i = 0; i < n; i++)
            {
                if (!double.IsFinite(mean[i]))
                {
                    throw new RiskMeasureInputException($"meanReturns[{i}]", $"meanReturns[{i}] must be a finite number");
                }
            }
        }

        if (options.StressedCorrelationMatrix is { } r)
        {
            Shape(r, n, n, "stressedCorrelationMatrix", minRows: n);
            for (int i = 0; i < n; i++)
            {
                if (r[i, i] != 1)
                {
                    throw new RiskMeasureInputException($"stressedCorrelationMatrix[{i}][{i}]", $"stressedCorrelationMatrix[{i}][{i}] must be 1");
                }

                for (int j = 0; j < n; j++)
                {
                    if (r[i, j] is < -1 or > 1 || Math.Abs(r[i, j] - r[j, i]) > SymmetryTolerance)
                    {
                        throw new RiskMeasureInputException($"stressedCorrelationMatrix[{i}][{j}]", $"stressedCorrelationMatrix[{i}][{j}] must be in [-1, 1] and equal [{j}][{i}]");
                    }
                }
            }
        }
    }

    private static void Covariance(RiskMatrix cov, int n, string field)
    {
        // Only the lower triangle is read (the JSON contract rejects an asymmetric matrix); its finiteness is checked
        // here, its positive semi-definiteness by the model that uses it.
        if (cov.Rows != n || cov.Columns != n)
        {
            throw new RiskMeasureInputException(field, $"{field} must be {n}×{n} (positions in order), got {cov.Rows}×{cov.Columns}");
        }

        for (int i = 0; i < n; i++)
        {
            var lower = cov.Values.AsSpan(i * n, i + 1);
            if (!DenseKernels.AllFinite(lower))
            {
                int j = 0;
                while (double.IsFinite(lower[j]))
                {
                    j++;
                }

                throw new RiskMeasureInputException($"{field}[{i}][{j}]", $"{field}[{i}][{j}] must be a finite number");
            }

            if (cov[i, i] < 0)
            {
                throw new RiskMeasureInputException($"{field}[{i}][{i}]", $"{field}[{i}][{i}] is a variance and must be ≥ 0, got {cov[i, i]:G6}");
            }
        }
    }

    private static void Shape(RiskMatrix matrix, int rows, int columns, string field, int minRows)
    {
        if (matrix.Rows != rows || matrix.Columns != columns || matrix.Rows < minRows)
        {
            throw new RiskMeasureInputException(field, $"{field} must be {rows}×{columns} (positions in order), got {matrix.Rows}×{matrix.Columns}");
        }

        var values = matrix.Values;
        if (DenseKernels.AllFinite(values))
        {
            return;
        }

        for (int k = 0; k < values.Length; k++)
        {
            if (!double.IsFinite(values[k]))
            {
                throw new RiskMeasureInputException($"{field}[{k / Math.Max(columns, 1)}][{k % Math.Max(columns, 1)}]", $"{field}[{k / Math.Max(columns, 1)}][{k % Math.Max(columns, 1)}] must be a finite number");
            }
        }
    }
}
