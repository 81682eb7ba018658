using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace MultiAsset.Engine.Portfolio.Optimization;

/// <summary>One Black–Litterman view: Σ weights[a]·r_a = expectedReturn (a relative view when the weights sum to 0).</summary>
/// <param name="Weights">Asset → view-portfolio weight (the row of P).</param>
/// <param name="ExpectedReturn">Q for this view (annual decimal).</param>
/// <param name="Confidence">Optional confidence in [0, 1] (Idzorek); null = He–Litterman ω = τ·pΣpᵀ.</param>
public sealed record BlackLittermanView(IReadOnlyDictionary<string, double> Weights, double ExpectedReturn, double? Confidence);

/// <summary>Black–Litterman outputs.</summary>
public sealed class BlackLittermanResult
{
    internal BlackLittermanResult(double[] equilibrium, double[] posterior, double[] posteriorCovariance, double[] omega, double[] unconstrained, double[] unconstrainedPrior, double[] lambda, int[] viewIndices)
    {
        EquilibriumReturns = equilibrium;
        PosteriorReturns = posterior;
        PosteriorCovariance = posteriorCovariance;
        OmegaDiagonal = omega;
        UnconstrainedWeights = unconstrained;
        UnconstrainedWeightsPriorCovariance = unconstrainedPrior;
        Lambda = lambda;
        ViewIndices = viewIndices;
    }

    /// <summary>Π = δΣw_mkt.</summary>
    public IReadOnlyList<double> EquilibriumReturns { get; }

    /// <summary>μ_BL = Π + τΣPᵀ(τPΣPᵀ + Ω)⁻¹(Q − PΠ).</summary>
    public IReadOnlyList<double> PosteriorReturns { get; }

    /// <summary>Σ_BL = Σ + τΣ − τΣPᵀ(τPΣPᵀ + Ω)⁻¹PτΣ (row-major n×n).</summary>
    internal double[] PosteriorCovariance { get; }

    /// <summary>Posterior covariance as a copy (row-major n×n).</summary>
    public IReadOnlyList<double> PosteriorCovarianceRowMajor => PosteriorCovariance;

    /// <summary>Diagonal of Ω actually used (one per view kept; a view with confidence 0 is dropped).</summary>
    public IReadOnlyList<double> OmegaDiagonal { get; }

    /// <summary>Unconstrained optimal weights (δΣ_BL)⁻¹μ_BL with Σ_BL = Σ + M (He &amp; Litterman's w*; they need not sum to 1).</summary>
    public IReadOnlyList<double> UnconstrainedWeights { get; }

    /// <summary>Unconstrained optimal weights (δΣ)⁻¹μ_BL with the prior covariance (the other common convention).</summary>
    public IReadOnlyList<double> UnconstrainedWeightsPriorCovariance { get; }

    /// <summary>
    /// He &amp; Litterman's Λ (one per view kept): w* = (w_mkt + PᵀΛ)/(1 + τ), so Λ_k is the weight of view portfolio k
    /// added to the market portfolio. Closed form (their eq.): Λ = τΩ⁻¹Q/δ − A⁻¹PΣw_mkt/(1+τ) − A⁻¹PΣPᵀτΩ⁻¹Q/(δ(1+τ)),
    /// A = Ω/τ + PΣPᵀ/(1+τ); when a view is held with 100 % confidence (ω = 0, Ω singular) the least-squares solution
    /// of PᵀΛ = (1+τ)w* − w_mkt is used instead (the same Λ in exact arithmetic).
    /// </summary>
    public IReadOnlyList<double> Lambda { get; }

    /// <summary>The request index of each view kept (views with confidence 0 carry no information and are dropped).</summary>
    public IReadOnlyList<int> ViewIndices { get; }
}

/// <summary>
/// Black–Litterman (1992) in the He &amp; Litterman (1999) formulation.
/// </summary>
/// <remarks>
/// Ω is diagonal. Without a confidence, ω_k = τ·p_kΣp_kᵀ (He–Litterman). With a confidence c_k ∈ (0, 1], Idzorek's
/// (2005) method: ω_k is chosen so that the view, on its own, moves the unconstrained weights (δΣ)⁻¹μ from the market
/// weights by exactly c_k of the move a 100%-certain view would cause. For one view the tilt is proportional to
/// τp_kΣp_kᵀ/(τp_kΣp_kᵀ + ω_k), so the calibration has the closed form ω_k = τ·p_kΣp_kᵀ·(1 − c_k)/c_k (c = 1 → ω = 0,
/// c = 0 → the view is dropped). The test suite verifies the implied tilt numerically.
/// </remarks>
public static class BlackLittermanModel
{
    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>Computes equilibrium and posterior. <paramref name="covariance"/> is n×n row-major.</summary>
    public static BlackLittermanResult Compute(IReadOnlyList<string> assets, double[] covariance, IReadOnlyList<double> marketWeights, double riskAversion, double tau, IReadOnlyList<BlackLittermanView> views)
    {
        ArgumentNullException.ThrowIfNull(assets);
        ArgumentNullException.ThrowIfNull(covariance);
        ArgumentNullException.ThrowIfNull(marketWeights);
        ArgumentNullException.ThrowIfNull(views);
        int n = assets.Count;
        if (marketWeights.Count != n)
        {
            throw new OptimizationInputException("marketWeights", $"marketWeights must have {n} entries (assets has {n}) but has {marketWeights.Count}");
        }

        if (!(riskAversion > 0) || double.IsInfinity(riskAversion))
        {
            throw new OptimizationInputException("riskAversion", $"riskAversion must be a finite number > 0 (got {F(riskAversion)})");
        }

        if (!(tau > 0) || double.IsInfinity(tau))
        {
            throw new OptimizationInputException("tau", $"tau must be a finite number > 0 (got {F(tau)})");
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            index[assets[i]] = i;
        }

        var sigma = Matrix<double>.Build.Dense(n, n, (i, j) => covariance[(i * n) + j]);
        var wMkt = Vector<double>.Build.Dense(n, i => marketWeights[i]);
        var pi = riskAversion * (sigma * wMkt);

        // views → P, Q, Ω
        var pRows = new List<Vector<double>>();
        var qList = new List<double>();
        var conf = new List<double?>();
        var kept = new List<int>();
        for (int k = 0; k < views.Count; k++)
        {
            var v = views[k] ?? throw new OptimizationInputException($"views[{k}]", $"views[{k}] is null");
            if (v.Weights is null || v.Weights.Count == 0)
            {
                throw new OptimizationInputException($"views[{k}].weights", $"views[{k}].weights must name at least one asset");
            }

            var row = Vector<double>.Build.Dense(n);
            foreach (var (asset, weight) in v.Weights)
            {
                if (!index.TryGetValue(asset, out int i))
                {
                    throw new OptimizationInputException($"views[{k}].weights", $"views[{k}].weights names '{asset}', which is not in assets");
                }

                if (double.IsNaN(weight) || double.IsInfinity(weight))
                {
                    throw new OptimizationInputException($"views[{k}].weights", $"views[{k}].weights.{asset} is not a finite number");
                }

                row[i] += weight;
            }

            if (row.AbsoluteMaximum() == 0)
            {
                throw new OptimizationInputException($"views[{k}].weights", $"views[{k}].weights are all zero");
            }

            if (double.IsNaN(v.ExpectedReturn) || double.IsInfinity(v.ExpectedReturn))
            {
                throw new OptimizationInputException($"views[{k}].expectedReturn", $"views[{k}].expectedReturn is not a finite number");
            }

            if (v.Confidence is double c && (double.IsNaN(c) || c < 0 || c > 1))
            {
                throw new OptimizationInputException($"views[{k}].confidence", $"views[{k}].confidence must be in [0, 1] (got {F(c)})");
            }

            if (v.Confidence is 0)
            {
                continue; // no confidence: the view carries no information
            }

            pRows.Add(row);
            kept.Add(k);
            qList.Add(v.ExpectedReturn);
            conf.Add(v.Confidence);
        }

        var tauSigma = tau * sigma;
        Vector<double> posterior;
        Matrix<double> postCov;
        var omega = new double[pRows.Count];
        if (pRows.Count == 0)
        {
            posterior = pi.Clone();
            postCov = sigma + tauSigma;
        }
        else
        {
            int kv = pRows.Count;
            var p = Matrix<double>.Build.DenseOfRowVectors(pRows);
            var q = Vector<double>.Build.DenseOfEnumerable(qList);
            var pts = p * tauSigma;            // k×n
            var a = pts * p.Transpose();        // τPΣPᵀ
            for (int k = 0; k < kv; k++)
            {
                double baseVar = a[k, k];
                omega[k] = conf[k] is double c ? baseVar * (1 - c) / c : baseVar;
                a[k, k] += omega[k];
            }

            var lu = a.LU();
            if (Math.Abs(lu.Determinant) < 1e-300 || double.IsNaN(lu.Determinant))
            {
                throw new OptimizationInputException("views", "views are linearly dependent and held with 100% confidence: τPΣPᵀ + Ω is singular");
            }

            var gain = lu.Solve(q - (p * pi));                 // (τPΣPᵀ+Ω)⁻¹(Q − PΠ)
            posterior = pi + (pts.Transpose() * gain);
            var m = tauSigma - (pts.Transpose() * lu.Solve(pts));
            postCov = sigma + ((m + m.Transpose()) * 0.5);
        }

        var unconstrained = (riskAversion * postCov).Solve(posterior);
        var unconstrainedPrior = (riskAversion * sigma).Solve(posterior);
        var lambda = pRows.Count == 0 ? [] : HeLittermanLambda(sigma, wMkt, pRows, qList, omega, riskAversion, tau, unconstrained);
        var pc = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                pc[(i * n) + j] = postCov[i, j];
            }
        }

        return new BlackLittermanResult(pi.ToArray(), posterior.ToArray(), pc, omega, unconstrained.ToArray(), unconstrainedPrior.ToArray(), lambda, [.. kept]);
    }

    private static double[] HeLittermanLambda(Matrix<double> sigma, Vector<double> wMkt, List<Vector<double>> pRows, List<double> qList, double[] omega, double delta, double tau, Vector<double> wStar)
    {
        var p = Matrix<double>.Build.DenseOfRowVectors(pRows);
        var q = Vector<double>.Build.DenseOfEnumerable(qList);
        if (omega.All(o => o > 0))
        {
            int k = omega.Length;
            var omegaInvQ = Vector<double>.Build.Dense(k, i => q[i] / omega[i]);
            var psigma = p * sigma;
            var a = psigma * p.Transpose() / (1 + tau);
            for (int i = 0; i < k; i++)
            {
                a[i, i] += omega[i] / tau;
            }

            var lu = a.LU();
            var first = omegaInvQ * (tau / delta);
            var second = lu.Solve(psigma * wMkt) / (1 + tau);
            var third = lu.Solve(psigma * p.Transpose() * omegaInvQ) * (tau / (delta * (1 + tau)));
            return (first - second - third).ToArray();
        }

        // Ω singular (a view held with 100 % confidence): least squares on w* = (w_mkt + PᵀΛ)/(1+τ).
        var rhs = (wStar * (1 + tau)) - wMkt;
        return (p * p.Transpose()).Solve(p * rhs).ToArray();
    }
}
