using System.Globalization;
using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Portfolio.Optimization.Qp;

namespace MultiAsset.Engine.Portfolio.Optimization.Contract;

/// <summary>
/// Library entry point of the optimiser contract: the same JSON in and out as
/// <c>POST /api/multi-asset/optimize</c> and <c>maectl optimize -f FILE</c>. Off the hot path; allocates freely.
/// </summary>
/// <remarks>
/// Errors: <see cref="OptimizationInputException"/> (bad request; <c>Field</c> names the JSON field),
/// <see cref="OptimizationInfeasibleException"/> (constraints in conflict, named),
/// <see cref="OptimizationUnboundedException"/>. Weights are never NaN.
/// </remarks>
public sealed class PortfolioOptimizationService
{
    private static readonly string[] Methods = ["MeanVariance", "BlackLitterman", "RiskParity", "Momentum"];
    private readonly IAssetInfoLookup? lookup;
    private readonly QpSettings settings;

    /// <summary>Creates the service; <paramref name="assetInfoLookup"/> resolves assets missing from <c>assetInfo</c>.</summary>
    public PortfolioOptimizationService(IAssetInfoLookup? assetInfoLookup = null, QpSettings? solverSettings = null)
    {
        lookup = assetInfoLookup;
        settings = solverSettings ?? QpSettings.Default;
    }

    /// <summary>Largest magnitude of any number in a request (returns, covariances, weights, rates are far smaller).</summary>
    public const double MaxMagnitude = 1e6;

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>Parses a request (errors name the JSON path).</summary>
    public static OptimizeRequest ParseRequest(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using (var document = JsonDocument.Parse(json))
            {
                // Keys written twice, numbers beyond a double, and magnitudes the numeric libraries cannot take
                // (a covariance of 1e308 overflows the eigen decomposition) are rejected with their path.
                if ((StrictJson.FindProblem(document.RootElement) ?? StrictJson.FindLargeNumber(document.RootElement, MaxMagnitude)) is { } problem)
                {
                    throw new OptimizationInputException(problem.Path, $"{problem.Path}: {problem.Message}");
                }
            }

            return JsonSerializer.Deserialize(json, OptimizeJsonContext.Default.OptimizeRequest)
                ?? throw new OptimizationInputException("$", "request body is null");
        }
        catch (JsonException e)
        {
            string path = StrictJson.ErrorPath(e);
            throw new OptimizationInputException(path, $"invalid JSON{(path.Length > 0 ? " at " + path : string.Empty)}: {e.Message}", e);
        }
    }


    /// <summary>Serialises a response (camelCase, nulls omitted).</summary>
    public static string Serialize(OptimizeResponse response) => JsonSerializer.Serialize(response, OptimizeJsonContext.Default.OptimizeResponse);

    /// <summary>Serialises a request (camelCase, nulls omitted).</summary>
    public static string Serialize(OptimizeRequest request) => JsonSerializer.Serialize(request, OptimizeJsonContext.Default.OptimizeRequest);

    /// <summary>JSON in, JSON out.</summary>
    public string OptimizeJson(string json) => Serialize(Optimize(ParseRequest(json)));

    /// <summary>Runs the requested optimisation.</summary>
    public OptimizeResponse Optimize(OptimizeRequest request) => Optimize(request, liveEstimates: false);

    /// <summary>
    /// Runs the requested optimisation. <paramref name="liveEstimates"/>: the covariance and expected returns come from
    /// the engine's estimators (<see cref="Live.LiveOptimization.WithEstimates"/>), not from a caller, so they are not
    /// checked for percent-looking values (a short momentum look-back annualises to large returns legitimately).
    /// </summary>
    public OptimizeResponse Optimize(OptimizeRequest request, bool liveEstimates)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.PortfolioId is not null)
        {
            throw new OptimizationInputException("portfolioId", "portfolioId: live estimates need a running engine (POST /api/multi-asset/optimize); this library call needs a covariance");
        }

        string method = request.OptimizationMethod
            ?? throw new OptimizationInputException("optimizationMethod", $"optimizationMethod is required (one of {string.Join(", ", Methods)})");
        method = Methods.FirstOrDefault(m => string.Equals(m, method, StringComparison.OrdinalIgnoreCase))
            ?? throw new OptimizationInputException("optimizationMethod", $"optimizationMethod '{method}' is not one of {string.Join(", ", Methods)}");

        var assets = ValidateAssets(request.Assets);
        int n = assets.Count;
        var cov = ValidateCovariance(request.Covariance, n);
        var mu = request.ExpectedReturns is null ? null : Vector(request.ExpectedReturns, n, "expectedReturns");
        double rf = Finite(request.RiskFreeRate ?? 0, "riskFreeRate");
        CheckUnits(request, cov, n, liveEstimates);
        var constraints = MapConstraints(request.Constraints, n);
        var info = ResolveInfo(assets, request.AssetInfo);
        var objective = ParseObjective(request.Objective);
        if (!constraints.Budget)
        {
            var effective = objective ?? (method == "BlackLitterman" ? MeanVarianceObjective.MaxUtility : MeanVarianceObjective.MinVariance);
            if (method is not ("BlackLitterman" or "MeanVariance") || effective != MeanVarianceObjective.MaxUtility)
            {
                throw new OptimizationInputException("constraints.budget", $"constraints.budget false needs objective MaxUtility (BlackLitterman's default, or MeanVariance with objective MaxUtility); {method} {(method is "BlackLitterman" or "MeanVariance" ? effective.ToString() : string.Empty)} has no optimum without the budget".Replace("  ", " ", StringComparison.Ordinal));
            }
        }

        var set = ConstraintBuilder.Build(assets, constraints, info);
        var settings0 = new OptimizeSettings
        {
            OptimizationMethod = method,
            LongOnly = constraints.LongOnly,
            Budget = constraints.Budget,
            RiskFreeRate = rf,
        };

        switch (method)
        {
            case "MeanVariance":
            {
                var sol = MeanVarianceOptimizer.Optimize(mu, cov, set, constraints.MinDiversification, new MeanVarianceParameters
                {
                    Objective = objective ?? MeanVarianceObjective.MinVariance,
                    RiskFreeRate = rf,
                    TargetReturn = request.TargetReturn,
                    TargetRisk = request.TargetRisk,
                    RiskAversion = request.RiskAversion ?? 2.5,
                    Solver = settings,
                });
                var mvObjective = objective ?? MeanVarianceObjective.MinVariance;
                return Respond(assets, sol.Weights, mu, cov, rf, sol.Iterations, sol.Converged, null, settings0 with
                {
                    Objective = mvObjective.ToString(),
                    RiskAversion = mvObjective == MeanVarianceObjective.MaxUtility ? request.RiskAversion ?? 2.5 : null,
                });
            }

            case "BlackLitterman":
            {
                var mw = Vector(request.MarketWeights ?? throw new OptimizationInputException("marketWeights", "marketWeights is required for BlackLitterman"), n, "marketWeights");
                bool normalise = request.NormaliseMarketWeights ?? false;
                mw = CheckMarketWeights(mw, normalise);
                double delta = request.RiskAversion ?? 2.5;
                double tau = request.Tau ?? 0.05;
                var views = new List<BlackLittermanView>();
                for (int k = 0; k < (request.Views?.Count ?? 0); k++)
                {
                    var v = request.Views![k] ?? throw new OptimizationInputException($"views[{k}]", $"views[{k}] is null");
                    views.Add(new BlackLittermanView(
                        v.Weights ?? throw new OptimizationInputException($"views[{k}].weights", $"views[{k}].weights is required"),
                        v.ExpectedReturn ?? throw new OptimizationInputException($"views[{k}].expectedReturn", $"views[{k}].expectedReturn is required"),
                        v.Confidence));
                }

                var bl = BlackLittermanModel.Compute(assets, cov, mw, delta, tau, views);
                var post = bl.PosteriorReturns.ToArray();
                var sol = MeanVarianceOptimizer.Optimize(post, bl.PosteriorCovariance, set, constraints.MinDiversification, new MeanVarianceParameters
                {
                    Objective = objective ?? MeanVarianceObjective.MaxUtility,
                    RiskFreeRate = rf,
                    TargetReturn = request.TargetReturn,
                    TargetRisk = request.TargetRisk,
                    RiskAversion = delta,
                    Solver = settings,
                });
                return Respond(assets, sol.Weights, post, bl.PosteriorCovariance, rf, sol.Iterations, sol.Converged, bl, settings0 with
                {
                    Objective = (objective ?? MeanVarianceObjective.MaxUtility).ToString(),
                    RiskAversion = delta,
                    Tau = tau,
                    MarketWeightsNormalised = normalise,
                }, mw, delta);
            }

            case "RiskParity":
            {
                if (!constraints.LongOnly)
                {
                    throw new OptimizationInputException("constraints.longOnly", "RiskParity is long-only: constraints.longOnly false is not supported");
                }

                var rp = RiskParityOptimizer.Optimize(cov, n, request.RiskBudgets);
                CheckSatisfies(rp.Weights, set, constraints, "RiskParity");
                return Respond(assets, rp.Weights, mu, cov, rf, rp.Sweeps, rp.Converged, null, settings0);
            }

            default: // Momentum
            {
                var scores = request.MomentumScores is not null ? Vector(request.MomentumScores, n, "momentumScores")
                    : mu ?? throw new OptimizationInputException("momentumScores", "Momentum needs momentumScores (or expectedReturns as the signal)");
                int topK = request.TopK ?? Math.Max(1, (n + 2) / 3);
                var vols = Enumerable.Range(0, n).Select(i => Math.Sqrt(cov[(i * n) + i])).ToArray();
                var target = MomentumOptimizer.TargetWeights(scores, vols, topK);
                var sol = MomentumOptimizer.Project(target, set, constraints.MinDiversification, settings);
                return Respond(assets, sol.Weights, mu, cov, rf, sol.Iterations, sol.Converged, null, settings0);
            }
        }
    }

    /// <summary>Largest weight or bound magnitude accepted: weights are fractions, so 1 (100 %); above it looks like a percent.</summary>
    public const double MaxWeightFraction = 1;

    /// <summary>Largest annual volatility (and targetRisk) accepted: 3 = 300 %; above it looks like a percent.</summary>
    public const double MaxAnnualVolatility = 3;

    /// <summary>Largest annual return magnitude accepted (expectedReturns, targetReturn, view returns): 3 = 300 %.</summary>
    public const double MaxAnnualReturn = 3;

    /// <summary>riskFreeRate must be below 1 (100 % a year).</summary>
    public const double MaxRiskFreeRate = 1;

    private static OptimizationInputException Percent(string field, double value, string what) =>
        new(field, $"{field} = {F(value)} looks like a percent: {what}");

    /// <summary>Refuses values that only make sense in percent (thresholds in docs/risk-and-optimisation.md).</summary>
    private static void CheckUnits(OptimizeRequest r, double[] cov, int n, bool liveEstimates)
    {
        for (int i = 0; i < (liveEstimates ? 0 : n); i++)
        {
            double v = cov[(i * n) + i];
            if (v > MaxAnnualVolatility * MaxAnnualVolatility)
            {
                throw Percent($"covariance[{i}][{i}]", v, $"an annual variance above {F(MaxAnnualVolatility * MaxAnnualVolatility)} is a volatility above {F(MaxAnnualVolatility * 100)} % (send decimals: 20 % vol → variance 0.04)");
            }
        }

        for (int i = 0; i < (liveEstimates ? 0 : r.ExpectedReturns?.Count ?? 0); i++)
        {
            if (Math.Abs(r.ExpectedReturns![i]) > MaxAnnualReturn)
            {
                throw Percent($"expectedReturns[{i}]", r.ExpectedReturns[i], $"annual returns are decimals, at most {F(MaxAnnualReturn)} (300 %) in magnitude (8 % → 0.08)");
            }
        }

        if (r.RiskFreeRate is double rf && Math.Abs(rf) >= MaxRiskFreeRate)
        {
            throw Percent("riskFreeRate", rf, "the rate is an annual decimal below 1 (4 % → 0.04)");
        }

        if (r.TargetReturn is double tr && Math.Abs(tr) > MaxAnnualReturn)
        {
            throw Percent("targetReturn", tr, $"an annual decimal at most {F(MaxAnnualReturn)} in magnitude (8 % → 0.08)");
        }

        if (r.TargetRisk is double tk && tk > MaxAnnualVolatility)
        {
            throw Percent("targetRisk", tk, $"an annual volatility as a decimal, at most {F(MaxAnnualVolatility)} (15 % → 0.15)");
        }

        for (int i = 0; i < (r.MarketWeights?.Count ?? 0); i++)
        {
            if (Math.Abs(r.MarketWeights![i]) > MaxWeightFraction)
            {
                throw Percent($"marketWeights[{i}]", r.MarketWeights[i], "weights are fractions in [−1, 1] (5 % → 0.05)");
            }
        }

        for (int k = 0; k < (r.Views?.Count ?? 0); k++)
        {
            if (r.Views![k]?.ExpectedReturn is double q && Math.Abs(q) > MaxAnnualReturn)
            {
                throw Percent($"views[{k}].expectedReturn", q, $"a view's return is an annual decimal, at most {F(MaxAnnualReturn)} in magnitude (5 % → 0.05)");
            }
        }

        if (r.Constraints is not { } c)
        {
            return;
        }

        void Fraction(double? value, string field, double max = MaxWeightFraction)
        {
            if (value is double v && Math.Abs(v) > max)
            {
                throw Percent(field, v, $"weights and weight bounds are fractions, at most {F(max)} (20 % → 0.2)");
            }
        }

        Fraction(c.MaxAssetWeight, "constraints.maxAssetWeight");
        Fraction(c.MaxShortWeight, "constraints.maxShortWeight");
        Fraction(c.MaxSectorWeight, "constraints.maxSectorWeight");
        Fraction(c.MaxCountryWeight, "constraints.maxCountryWeight");
        Fraction(c.MaxTurnover, "constraints.maxTurnover", 2); // Σ|w − w0| of two long-only portfolios is at most 2
        for (int i = 0; i < (c.CurrentWeights?.Count ?? 0); i++)
        {
            Fraction(c.CurrentWeights![i], $"constraints.currentWeights[{i}]");
        }

        foreach (var (cls, band) in c.AssetClassBounds ?? new Dictionary<string, OptimizeBand>())
        {
            Fraction(band?.Min, $"constraints.assetClassBounds.{cls}.min");
            Fraction(band?.Max, $"constraints.assetClassBounds.{cls}.max");
        }
    }

    /// <summary>Market weights must sum to 1 within 1e-9, or be normalised when asked.</summary>
    private static double[] CheckMarketWeights(double[] mw, bool normalise)
    {
        double sum = 0;
        foreach (double w in mw)
        {
            sum += w;
        }

        if (Math.Abs(sum - 1) <= 1e-9)
        {
            return mw;
        }

        if (!normalise)
        {
            throw new OptimizationInputException("marketWeights", $"marketWeights sum to {sum.ToString("R", CultureInfo.InvariantCulture)}, not 1 (tolerance 1e-9); send weights that sum to 1 or set \"normaliseMarketWeights\": true to divide them by their sum");
        }

        if (!(sum > 0))
        {
            throw new OptimizationInputException("marketWeights", $"marketWeights sum to {F(sum)}: they cannot be normalised (the sum must be positive)");
        }

        return [.. mw.Select(w => w / sum)];
    }

    private static MeanVarianceObjective? ParseObjective(string? objective)
    {
        if (objective is null)
        {
            return null;
        }

        foreach (var o in Enum.GetValues<MeanVarianceObjective>())
        {
            if (string.Equals(o.ToString(), objective, StringComparison.OrdinalIgnoreCase))
            {
                return o;
            }
        }

        throw new OptimizationInputException("objective", $"objective '{objective}' is not one of MinVariance, MaxSharpe, TargetReturn, TargetRisk, MaxUtility");
    }

    private static void CheckSatisfies(IReadOnlyList<double> w, LinearConstraintSet set, PortfolioConstraints c, string method)
    {
        const double tol = 1e-9;
        foreach (var row in set.Rows)
        {
            double v = row.Evaluate(w.ToArray());
            if (v < row.Lower - tol || v > row.Upper + tol)
            {
                double bound = v < row.Lower ? row.Lower : row.Upper;
                throw new OptimizationInfeasibleException(
                    $"{method} weights violate {row.Name} ({F(v)} {(v < row.Lower ? "<" : ">")} {F(bound)}); risk budgeting does not trade risk equality for constraints — relax {row.Name} or use MeanVariance",
                    [row.Name]);
            }
        }

        if (c.MaxTurnover is double t)
        {
            double turnover = 0;
            for (int i = 0; i < w.Count; i++)
            {
                turnover += Math.Abs(w[i] - c.CurrentWeights![i]);
            }

            if (turnover > t + tol)
            {
                throw new OptimizationInfeasibleException($"{method} weights violate maxTurnover ({F(turnover)} > {F(t)}); relax maxTurnover or use MeanVariance", ["maxTurnover"]);
            }
        }

        if (c.MinDiversification is double nd)
        {
            double s = w.Sum(x => x * x);
            if (1 / s < nd - 1e-9)
            {
                throw new OptimizationInfeasibleException($"{method} weights violate minDiversification ({F(1 / s)} < {F(nd)})", ["minDiversification"]);
            }
        }
    }

    private static OptimizeResponse Respond(List<string> assets, IReadOnlyList<double> w, double[]? mu, double[] cov, double rf, int iterations, bool converged, BlackLittermanResult? bl, OptimizeSettings settings, double[]? marketWeights = null, double delta = 0)
    {
        int n = assets.Count;
        var wArr = w.ToArray();
        var sw = new double[n];
        DenseMath.MatVec(cov, n, wArr, sw);
        double variance = Math.Max(0, DenseMath.Dot(wArr, sw));
        double vol = Math.Sqrt(variance);
        double? ret = mu is null ? null : DenseMath.Dot(mu, wArr);
        double? sharpe = ret is double r && vol > 0 ? (r - rf) / vol : null;
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        var rc = new Dictionary<string, double>(StringComparer.Ordinal);
        var rcAbs = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            weights[assets[i]] = wArr[i];
            rc[assets[i]] = variance > 0 ? wArr[i] * sw[i] / variance : 0;
            rcAbs[assets[i]] = vol > 0 ? wArr[i] * sw[i] / vol : 0;
        }

        return new OptimizeResponse
        {
            Weights = weights,
            ExpectedReturn = ret,
            Volatility = vol,
            Sharpe = sharpe,
            RiskContributions = rc,
            RiskContributionsAbsolute = rcAbs,
            RiskContributionShares = new Dictionary<string, double>(rc, StringComparer.Ordinal),
            Settings = settings,
            EquilibriumReturns = bl is null ? null : ToMap(assets, bl.EquilibriumReturns),
            PosteriorReturns = bl is null ? null : ToMap(assets, bl.PosteriorReturns),
            BlackLitterman = bl is null ? null : new OptimizeBlackLitterman
            {
                MarketWeights = ToMap(assets, marketWeights!),
                EquilibriumReturns = ToMap(assets, bl.EquilibriumReturns),
                PosteriorReturns = ToMap(assets, bl.PosteriorReturns),
                PosteriorCovariance = Rows(bl.PosteriorCovarianceRowMajor, n),
                Omega = Diagonal(bl.OmegaDiagonal),
                Lambda = bl.Lambda,
                ViewIndices = bl.ViewIndices,
                UnconstrainedWeights = ToMap(assets, bl.UnconstrainedWeights),
                UnconstrainedWeightsPriorCovariance = ToMap(assets, bl.UnconstrainedWeightsPriorCovariance),
            },
            Iterations = iterations,
            Converged = converged,
        };
    }

    private static double[][] Rows(IReadOnlyList<double> rowMajor, int n)
    {
        var rows = new double[n][];
        for (int i = 0; i < n; i++)
        {
            rows[i] = new double[n];
            for (int j = 0; j < n; j++)
            {
                rows[i][j] = rowMajor[(i * n) + j];
            }
        }

        return rows;
    }

    private static double[][] Diagonal(IReadOnlyList<double> d)
    {
        var rows = new double[d.Count][];
        for (int i = 0; i < d.Count; i++)
        {
            rows[i] = new double[d.Count];
            rows[i][i] = d[i];
        }

        return rows;
    }

    private static Dictionary<string, double> ToMap(List<string> assets, IReadOnlyList<double> v)
    {
        var d = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int i = 0; i < assets.Count; i++)
        {
            d[assets[i]] = v[i];
        }

        return d;
    }

    private static List<string> ValidateAssets(IReadOnlyList<string>? assets)
    {
        if (assets is null || assets.Count == 0)
        {
            throw new OptimizationInputException("assets", "assets is required and must name at least one asset");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < assets.Count; i++)
        {
            if (!IdentifierRules.IsValid(assets[i], out var reason))
            {
                throw new OptimizationInputException($"assets[{i}]", $"assets[{i}] {IdentifierRules.Quote(assets[i])} is not a symbol: it {reason}");
            }

            if (!seen.Add(assets[i]))
            {
                throw new OptimizationInputException("assets", $"assets[{i}] '{assets[i]}' is listed twice");
            }
        }

        return [.. assets];
    }

    private static double Finite(double v, string field)
    {
        if (double.IsNaN(v) || double.IsInfinity(v))
        {
            throw new OptimizationInputException(field, $"{field} is not a finite number");
        }

        return v;
    }

    private static double[] Vector(IReadOnlyList<double> v, int n, string field)
    {
        if (v.Count != n)
        {
            throw new OptimizationInputException(field, $"{field} must have {n} entries (assets has {n}) but has {v.Count}");
        }

        var r = new double[n];
        for (int i = 0; i < n; i++)
        {
            r[i] = Finite(v[i], $"{field}[{i}]");
        }

        return r;
    }

    /// <summary>Validates shape, finiteness, symmetry and positive semidefiniteness; returns row-major n×n.</summary>
    internal static double[] ValidateCovariance(IReadOnlyList<IReadOnlyList<double>>? covariance, int n)
    {
        if (covariance is null)
        {
            throw new OptimizationInputException("covariance", $"covariance is required ({n}x{n}, annual)");
        }

        if (covariance.Count != n)
        {
            throw new OptimizationInputException("covariance", $"covariance must be {n}x{n} (assets has {n} entries) but has {covariance.Count} rows");
        }

        var c = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            var row = covariance[i] ?? throw new OptimizationInputException("covariance", $"covariance must be {n}x{n} (assets has {n} entries) but row {i} is null");
            if (row.Count != n)
            {
                throw new OptimizationInputException("covariance", $"covariance must be {n}x{n} (assets has {n} entries) but row {i} has {row.Count} values");
            }

            for (int j = 0; j < n; j++)
            {
                double v = row[j];
                if (double.IsNaN(v) || double.IsInfinity(v))
                {
                    throw new OptimizationInputException("covariance", $"covariance[{i}][{j}] is not a finite number");
                }

                c[(i * n) + j] = v;
            }
        }

        return ValidateCovariance(c, n, "covariance");
    }

    /// <summary>Checks a row-major covariance for symmetry (1e-10 absolute + 1e-8 relative) and PSD
    /// (smallest eigenvalue ≥ −1e-10·max(1, largest)); returns it symmetrised.</summary>
    public static double[] ValidateCovariance(double[] c, int n, string field)
    {
        ArgumentNullException.ThrowIfNull(c);
        for (int i = 0; i < n; i++)
        {
            if (c[(i * n) + i] < 0)
            {
                throw new OptimizationInputException(field, $"{field}[{i}][{i}] is a negative variance ({F(c[(i * n) + i])})");
            }

            for (int j = i + 1; j < n; j++)
            {
                double a = c[(i * n) + j], b = c[(j * n) + i];
                if (Math.Abs(a - b) > 1e-10 + (1e-8 * Math.Max(Math.Abs(a), Math.Abs(b))))
                {
                    throw new OptimizationInputException(field, $"{field} is not symmetric: {field}[{i}][{j}] = {F(a)} but {field}[{j}][{i}] = {F(b)}");
                }

                double m = 0.5 * (a + b);
                c[(i * n) + j] = m;
                c[(j * n) + i] = m;
            }
        }

        // Fast path: a Cholesky factorisation of Σ + δI (δ = 1e-10·max(1, trace) ≥ 1e-10·λmax) succeeds exactly when
        // λmin > −δ, which is the PSD test below up to the trace/λmax slack. A full eigen-decomposition costs ~10× more
        // (it dominated a 500-asset solve), so it only runs to confirm and report a failure.
        double trace = 0;
        for (int i = 0; i < n; i++)
        {
            trace += c[(i * n) + i];
        }

        var jittered = (double[])c.Clone();
        var delta = 1e-10 * Math.Max(1, trace);
        for (int i = 0; i < n; i++)
        {
            jittered[(i * n) + i] += delta;
        }

        if (DenseMath.CholeskyInPlace(jittered, n))
        {
            return c;
        }

        var mat = Matrix<double>.Build.Dense(n, n, (i, j) => c[(i * n) + j]);
        var evd = mat.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        double min = double.PositiveInfinity, max = 0;
        foreach (var e in evd.EigenValues)
        {
            min = Math.Min(min, e.Real);
            max = Math.Max(max, e.Real);
        }

        if (min < -1e-10 * Math.Max(1, max))
        {
            throw new OptimizationInputException(field, $"{field} is not positive semidefinite: smallest eigenvalue {F(min)}");
        }

        return c;
    }

    private static PortfolioConstraints MapConstraints(OptimizeConstraints? c, int n)
    {
        if (c is null)
        {
            return PortfolioConstraints.Default;
        }

        Dictionary<string, WeightBand>? bands = null;
        if (c.AssetClassBounds is not null)
        {
            bands = new Dictionary<string, WeightBand>(StringComparer.OrdinalIgnoreCase);
            foreach (var (cls, band) in c.AssetClassBounds)
            {
                if (!AssetClassNames.TryParse(cls, out _) || !string.Equals(cls.Trim(), cls, StringComparison.Ordinal))
                {
                    throw new OptimizationInputException($"constraints.assetClassBounds.{cls}", $"constraints.assetClassBounds has the key '{cls}', which is not an asset class (valid: STOCK, FOREX, CRYPTO)");
                }

                if (band is null)
                {
                    throw new OptimizationInputException($"constraints.assetClassBounds.{cls}", $"constraints.assetClassBounds.{cls} is null");
                }

                bands[cls] = new WeightBand(band.Min, band.Max);
            }
        }

        if (c.CurrentWeights is { } cw && cw.Count != n)
        {
            throw new OptimizationInputException("constraints.currentWeights", $"constraints.currentWeights must have {n} entries (assets has {n}) but has {cw.Count}");
        }

        return new PortfolioConstraints
        {
            LongOnly = c.LongOnly ?? true,
            Budget = c.Budget ?? true,
            MaxAssetWeight = c.MaxAssetWeight,
            MaxShortWeight = c.MaxShortWeight,
            MaxSectorWeight = c.MaxSectorWeight,
            MaxCountryWeight = c.MaxCountryWeight,
            MinDiversification = c.MinDiversification,
            AssetClassBounds = bands,
            MaxTurnover = c.MaxTurnover,
            CurrentWeights = c.CurrentWeights,
        };
    }

    private List<AssetInfo?> ResolveInfo(List<string> assets, IReadOnlyDictionary<string, OptimizeAssetInfo>? given)
    {
        var result = new List<AssetInfo?>(assets.Count);
        foreach (string a in assets)
        {
            AssetInfo? fromRequest = given is not null && given.TryGetValue(a, out var i) && i is not null ? new AssetInfo(i.AssetClass, i.Sector, i.Country) : null;
            if (fromRequest?.AssetClass is { } cls && !AssetClassNames.TryParse(cls, out _))
            {
                throw new OptimizationInputException($"assetInfo.{a}.assetClass", $"assetInfo.{a}.assetClass '{cls}' is not an asset class (valid: STOCK, FOREX, CRYPTO)");
            }

            AssetInfo? fromCatalogue = null;
            if (lookup is not null && (fromRequest is null || fromRequest.AssetClass is null || fromRequest.Sector is null || fromRequest.Country is null))
            {
                lookup.TryGet(a, out fromCatalogue);
            }

            result.Add(fromRequest is null ? fromCatalogue : new AssetInfo(
                fromRequest.AssetClass ?? fromCatalogue?.AssetClass,
                fromRequest.Sector ?? fromCatalogue?.Sector,
                fromRequest.Country ?? fromCatalogue?.Country));
        }

        if (given is not null)
        {
            foreach (string key in given.Keys)
            {
                if (!assets.Contains(key, StringComparer.Ordinal))
                {
                    throw new OptimizationInputException($"assetInfo.{key}", $"assetInfo names '{key}', which is not in assets");
                }
            }
        }

        return result;
    }
}
