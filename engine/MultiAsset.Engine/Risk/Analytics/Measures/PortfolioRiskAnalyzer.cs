namespace MultiAsset.Engine.Risk.Analytics.Measures;

/// <summary>
/// Entry point of the portfolio risk measures: VaR, ES, their Euler decomposition by instrument, asset class and
/// currency, incremental and standalone VaR, correlation risk and concentration risk. Off the hot path; allocates.
/// Thread-safe (no shared state); a Monte Carlo run is single-threaded so that a seed reproduces it bit for bit.
/// </summary>
/// <example>
/// <code>
/// var input = new RiskMeasureInput
/// {
///     Positions = [new("AAPL", "STOCK", "USD", 1_000_000), new("BTC-USD", "CRYPTO", "USD", 500_000)],
///     Covariance = new RiskMatrix(2, 2, [0.0004, 0.0003, 0.0003, 0.0025]),
/// };
/// var result = PortfolioRiskAnalyzer.Analyze(input, new RiskMeasureOptions { Confidence = 0.99, Horizon = 10 });
/// double var99 = result.ValueAtRisk;
/// </code>
/// </example>
public static class PortfolioRiskAnalyzer
{
    /// <summary>Computes every measure for <paramref name="input"/> under <paramref name="options"/>.</summary>
    /// <exception cref="RiskMeasureInputException">The input is unusable; <c>Field</c> names it.</exception>
    public static RiskMeasureResult Analyze(RiskMeasureInput input, RiskMeasureOptions? options = null)
    {
        options ??= RiskMeasureOptions.Default;
        RiskInputValidator.Validate(input, options);
        var positions = input.Positions;
        int n = positions.Count;
        var w = new double[n];
        for (int i = 0; i < n; i++)
        {
            w[i] = positions[i].Exposure;
        }

        double[]? mean = input.MeanReturns?.ToArray();
        Grouping[] groupings = [Grouping.Build(positions, p => p.AssetClass), Grouping.Build(positions, p => p.Currency)];
        RiskModel model;
        CorrelationRisk correlation;
        switch (options.Method)
        {
            case VaRMethod.Parametric:
            case VaRMethod.MonteCarlo:
            {
                var (cov, field) = CovarianceOf(input, options.Method);
                double q = DistributionQuantiles.Quantile(options.Distribution, options.Confidence, options.DegreesOfFreedom);
                if (options.Method == VaRMethod.Parametric)
                {
                    var parametric = new ParametricModel(w, cov, mean, options, field, groupings);
                    model = parametric;
                    correlation = CorrelationStress.FromCovariance(w, cov, options, q, parametric.Variance);
                }
                else
                {
                    correlation = CorrelationStress.FromCovariance(w, cov, options, q);
                    var factor = CovarianceFactor.Create(cov, field);
                    model = new ScenarioModel(w, MonteCarloSimulator.Simulate(factor, mean, options), options.Paths, 1, null, options);
                }

                break;
            }

            case VaRMethod.Historical:
            {
                if (mean is not null)
                {
                    throw new RiskMeasureInputException("meanReturns", "meanReturns applies to parametric and monteCarlo; historical scenarios carry their own mean");
                }

                double[] u;
                int count;
                if (input.Returns is { } returns)
                {
                    u = returns.Values;
                    count = returns.Rows;
                }
                else if (input.Scenarios is { } scenarios)
                {
                    u = HistoricalScenarios.UnitReturnsFromPnl(scenarios, w, "scenarios");
                    count = scenarios.Rows;
                }
                else
                {
                    throw new RiskMeasureInputException("returns", "historical needs returns (T×n) or scenarios (S×n)");
                }

                var scenarioModel = new ScenarioModel(w, u, count, Math.Sqrt(options.Horizon), null, options);
                model = scenarioModel;
                double q = DistributionQuantiles.Quantile(ReturnDistribution.Normal, options.Confidence, options.DegreesOfFreedom);
                correlation = CorrelationStress.FromScenarios(scenarioModel, w, options, q);
                break;
            }

            default:
                throw new RiskMeasureInputException("method", $"unknown method {options.Method}");
        }

        return Assemble(positions, w, model, correlation, options, groupings);
    }

    private static (RiskMatrix Covariance, string Field) CovarianceOf(RiskMeasureInput input, VaRMethod method)
    {
        if (input.Scenarios is not null)
        {
            throw new RiskMeasureInputException("scenarios", $"scenarios serve the historical method only; {(method == VaRMethod.Parametric ? "parametric" : "monteCarlo")} needs covariance or returns");
        }

        if (input.Covariance is { } cov)
        {
            return (cov, "covariance");
        }

        if (input.Returns is { } returns)
        {
            if (returns.Rows < 2)
            {
                throw new RiskMeasureInputException("returns", "estimating a covariance needs at least 2 rows of returns");
            }

            return (SampleCovariance.Estimate(returns), "returns");
        }

        throw new RiskMeasureInputException("covariance", $"{(method == VaRMethod.Parametric ? "parametric" : "monteCarlo")} needs covariance (n×n) or returns (T×n)");
    }

    private static RiskMeasureResult Assemble(IReadOnlyList<RiskPosition> positions, double[] w, RiskModel model, CorrelationRisk correlation, RiskMeasureOptions options, Grouping[] groupings)
    {
        int n = w.Length;
        var marginal = new double[n];
        var component = new double[n];
        var componentEs = new double[n];
        var incremental = new double[n];
        var standalone = new double[n];
        model.Decompose(marginal, component, componentEs);
        model.GroupDetail(groupings);
        if (options.InstrumentDetail)
        {
            model.InstrumentDetail(incremental, standalone);
        }

        double total = model.ValueAtRisk;
        var byInstrument = new InstrumentRisk[n];
        double standaloneSum = 0;
        for (int i = 0; i < n; i++)
        {
            var p = positions[i];
            standaloneSum += standalone[i];
            byInstrument[i] = new InstrumentRisk
            {
                Symbol = p.Symbol,
                AssetClass = p.AssetClass,
                Currency = p.Currency,
                Exposure = p.Exposure,
                MarginalVaR = marginal[i],
                ComponentVaR = component[i],
                Share = total != 0 ? component[i] / total : 0,
                ComponentExpectedShortfall = componentEs[i],
                IncrementalVaR = incremental[i],
                StandaloneVaR = standalone[i],
            };
        }

        return new RiskMeasureResult
        {
            Method = options.Method,
            Confidence = options.Confidence,
            Horizon = options.Horizon,
            Quantile = options.Quantile,
            Distribution = options.Distribution,
            ScenarioCount = model.ScenarioCount,
            TailCount = model.TailCount,
            ValueAtRisk = total,
            ExpectedShortfall = model.ExpectedShortfall,
            ByInstrument = byInstrument,
            ByAssetClass = Groups(groupings[0], byInstrument, total),
            ByCurrency = Groups(groupings[1], byInstrument, total),
            StandaloneVaRSum = options.InstrumentDetail ? standaloneSum : 0,
            DiversificationBenefit = options.InstrumentDetail ? standaloneSum - total : 0,
            Correlation = correlation,
            Concentration = ConcentrationMeasures.Compute(positions, options.TopN),
        };
    }

    private static GroupRisk[] Groups(Grouping grouping, InstrumentRisk[] byInstrument, double total)
    {
        int n = byInstrument.Length;
        int count = grouping.Count;
        var groupOf = grouping.GroupOf;
        var names = grouping.Names;
        var incremental = grouping.Incremental;
        var standalone = grouping.Standalone;
        var members = new int[count];
        var net = new double[count];
        var gross = new double[count];
        var component = new double[count];
        var componentEs = new double[count];
        for (int i = 0; i < n; i++)
        {
            int g = groupOf[i];
            members[g]++;
            net[g] += byInstrument[i].Exposure;
            gross[g] += Math.Abs(byInstrument[i].Exposure);
            component[g] += byInstrument[i].ComponentVaR;
            componentEs[g] += byInstrument[i].ComponentExpectedShortfall;
        }

        var groups = new GroupRisk[count];
        for (int g = 0; g < count; g++)
        {
            groups[g] = new GroupRisk
            {
                Name = names[g],
                Positions = members[g],
                NetExposure = net[g],
                GrossExposure = gross[g],
                ComponentVaR = component[g],
                Share = total != 0 ? component[g] / total : 0,
                ComponentExpectedShortfall = componentEs[g],
                IncrementalVaR = incremental[g],
                StandaloneVaR = standalone[g],
            };
        }

        return groups;
    }
}
