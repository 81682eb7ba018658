using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultiAsset.Engine.Portfolio.Optimization.Contract;

/// <summary>
/// Request of <c>POST /api/multi-asset/optimize</c> / <c>maectl optimize -f FILE</c> (camelCase JSON). Everything is
/// optional except <see cref="OptimizationMethod"/> and what that method needs. Returns and volatilities are annual
/// decimals; the covariance is annual.
/// </summary>
public sealed record OptimizeRequest
{
    /// <summary>MeanVariance | BlackLitterman | RiskParity | Momentum.</summary>
    public string? OptimizationMethod { get; init; }

    /// <summary>MinVariance | MaxSharpe | TargetReturn | TargetRisk (plus MaxUtility, the BlackLitterman default).</summary>
    public string? Objective { get; init; }

    /// <summary>
    /// An account id ("portfolio"): optimise on the engine's live estimates (EWMA covariance, momentum expected returns)
    /// of the account's universe (or of <see cref="Assets"/>); the request then brings no covariance or expected returns.
    /// Only the control API (which can ask the engine) accepts it.
    /// </summary>
    public string? PortfolioId { get; init; }

    /// <summary>Asset symbols; every array below is in this order.</summary>
    public IReadOnlyList<string>? Assets { get; init; }

    /// <summary>Expected annual returns μ.</summary>
    public IReadOnlyList<double>? ExpectedReturns { get; init; }

    /// <summary>Annual covariance Σ (n×n, symmetric PSD).</summary>
    public IReadOnlyList<IReadOnlyList<double>>? Covariance { get; init; }

    /// <summary>Risk-free rate for the Sharpe ratio (default 0).</summary>
    public double? RiskFreeRate { get; init; }

    /// <summary>Target return for TargetReturn.</summary>
    public double? TargetReturn { get; init; }

    /// <summary>Target volatility for TargetRisk.</summary>
    public double? TargetRisk { get; init; }

    /// <summary>Market-cap weights for BlackLitterman: fractions that sum to 1 (within 1e-9), each in [−1, 1].</summary>
    public IReadOnlyList<double>? MarketWeights { get; init; }

    /// <summary>BlackLitterman: divide marketWeights by their sum instead of refusing a sum other than 1 (default false).</summary>
    public bool? NormaliseMarketWeights { get; init; }

    /// <summary>Risk aversion δ (default 2.5).</summary>
    public double? RiskAversion { get; init; }

    /// <summary>BlackLitterman τ (default 0.05).</summary>
    public double? Tau { get; init; }

    /// <summary>BlackLitterman views.</summary>
    public IReadOnlyList<OptimizeView>? Views { get; init; }

    /// <summary>RiskParity budgets (default equal).</summary>
    public IReadOnlyList<double>? RiskBudgets { get; init; }

    /// <summary>Momentum scores (extension; default: expectedReturns).</summary>
    public IReadOnlyList<double>? MomentumScores { get; init; }

    /// <summary>Momentum: number of assets held (extension; default ⌈n/3⌉).</summary>
    public int? TopK { get; init; }

    /// <summary>Per-asset classification; assets missing here are looked up in the instrument catalogue.</summary>
    public IReadOnlyDictionary<string, OptimizeAssetInfo>? AssetInfo { get; init; }

    /// <summary>Constraints.</summary>
    public OptimizeConstraints? Constraints { get; init; }
}

/// <summary>A Black–Litterman view in the request.</summary>
public sealed record OptimizeView
{
    /// <summary>Asset → weight in the view portfolio.</summary>
    public IReadOnlyDictionary<string, double>? Weights { get; init; }

    /// <summary>Expected return of the view portfolio (Q).</summary>
    public double? ExpectedReturn { get; init; }

    /// <summary>Confidence in [0, 1] (Idzorek); absent = ω = τ·pΣpᵀ.</summary>
    public double? Confidence { get; init; }
}

/// <summary>Asset classification in the request.</summary>
public sealed record OptimizeAssetInfo
{
    /// <summary>STOCK | FOREX | CRYPTO.</summary>
    public string? AssetClass { get; init; }

    /// <summary>Sector.</summary>
    public string? Sector { get; init; }

    /// <summary>Country.</summary>
    public string? Country { get; init; }
}

/// <summary>Constraints in the request.</summary>
public sealed record OptimizeConstraints
{
    /// <summary>w ≥ 0. Default true for every method (RiskParity and Momentum support only true); the effective value is
    /// echoed in the response's <c>settings</c>.</summary>
    public bool? LongOnly { get; init; }

    /// <summary>Σw = 1. Default true. False (BlackLitterman, or MeanVariance with MaxUtility) drops the budget row: with
    /// longOnly false and no other constraint BlackLitterman's weights are then He–Litterman's w* = (δ(Σ+M))⁻¹μ_BL.</summary>
    public bool? Budget { get; init; }

    /// <summary>Cap per asset.</summary>
    public double? MaxAssetWeight { get; init; }

    /// <summary>Extension: when longOnly is false, w ≥ −maxShortWeight (absent = unbounded shorts).</summary>
    public double? MaxShortWeight { get; init; }

    /// <summary>Cap per sector.</summary>
    public double? MaxSectorWeight { get; init; }

    /// <summary>Cap per country.</summary>
    public double? MaxCountryWeight { get; init; }

    /// <summary>Minimum effective number of assets 1/Σw².</summary>
    public double? MinDiversification { get; init; }

    /// <summary>Asset class → {min, max}.</summary>
    public IReadOnlyDictionary<string, OptimizeBand>? AssetClassBounds { get; init; }

    /// <summary>Σ|w − currentWeights| limit.</summary>
    public double? MaxTurnover { get; init; }

    /// <summary>Current weights (for maxTurnover).</summary>
    public IReadOnlyList<double>? CurrentWeights { get; init; }
}

/// <summary>A {min, max} band.</summary>
public sealed record OptimizeBand
{
    /// <summary>Minimum.</summary>
    public double? Min { get; init; }

    /// <summary>Maximum.</summary>
    public double? Max { get; init; }
}

/// <summary>Response of the optimiser (camelCase JSON; null members are omitted).</summary>
public sealed record OptimizeResponse
{
    /// <summary>Asset → weight (Σ = 1), in request order.</summary>
    public required IReadOnlyDictionary<string, double> Weights { get; init; }

    /// <summary>μᵀw (posterior μ for BlackLitterman); omitted when no returns were given.</summary>
    public double? ExpectedReturn { get; init; }

    /// <summary>√(wᵀΣw) (posterior Σ for BlackLitterman).</summary>
    public double Volatility { get; init; }

    /// <summary>(expectedReturn − riskFreeRate)/volatility; omitted when no returns were given.</summary>
    public double? Sharpe { get; init; }

    /// <summary>Asset → share of the portfolio variance, w_i(Σw)_i / wᵀΣw (sums to 1). Kept for existing clients; the
    /// same numbers as <see cref="RiskContributionShares"/>.</summary>
    public required IReadOnlyDictionary<string, double> RiskContributions { get; init; }

    /// <summary>Asset → absolute risk contribution w_i(Σw)_i / σ_p in volatility units (sums to <see cref="Volatility"/>; 0 when σ_p = 0).</summary>
    public required IReadOnlyDictionary<string, double> RiskContributionsAbsolute { get; init; }

    /// <summary>Asset → share of the portfolio variance w_i(Σw)_i / wᵀΣw (sums to 1; 0 when σ_p = 0).</summary>
    public required IReadOnlyDictionary<string, double> RiskContributionShares { get; init; }

    /// <summary>The settings in effect after defaults (method, objective, longOnly, budget, riskFreeRate, riskAversion, tau).</summary>
    public required OptimizeSettings Settings { get; init; }

    /// <summary>BlackLitterman only: Π.</summary>
    public IReadOnlyDictionary<string, double>? EquilibriumReturns { get; init; }

    /// <summary>BlackLitterman only: posterior μ.</summary>
    public IReadOnlyDictionary<string, double>? PosteriorReturns { get; init; }

    /// <summary>BlackLitterman only: the model's intermediate and unconstrained results.</summary>
    public OptimizeBlackLitterman? BlackLitterman { get; init; }

    /// <summary>Solver iterations (ADMM iterations, or coordinate-descent sweeps for RiskParity).</summary>
    public int Iterations { get; init; }

    /// <summary>Whether every solve met its tolerance.</summary>
    public bool Converged { get; init; }
}

/// <summary>The settings an optimisation ran with, defaults applied.</summary>
public sealed record OptimizeSettings
{
    /// <summary>MeanVariance | BlackLitterman | RiskParity | Momentum.</summary>
    public required string OptimizationMethod { get; init; }

    /// <summary>The objective solved (MeanVariance and BlackLitterman; null otherwise).</summary>
    public string? Objective { get; init; }

    /// <summary>Whether w ≥ 0 was enforced.</summary>
    public bool LongOnly { get; init; }

    /// <summary>Whether Σw = 1 was enforced.</summary>
    public bool Budget { get; init; }

    /// <summary>Risk-free rate used (annual decimal).</summary>
    public double RiskFreeRate { get; init; }

    /// <summary>Risk aversion δ (MeanVariance MaxUtility and BlackLitterman).</summary>
    public double? RiskAversion { get; init; }

    /// <summary>τ (BlackLitterman).</summary>
    public double? Tau { get; init; }

    /// <summary>BlackLitterman: whether marketWeights were divided by their sum.</summary>
    public bool? MarketWeightsNormalised { get; init; }
}

/// <summary>
/// Black–Litterman details (He &amp; Litterman 1999 notation; annual decimals; matrices are row-major arrays of rows in
/// asset order, views in request order with views of confidence 0 left out).
/// </summary>
public sealed record OptimizeBlackLitterman
{
    /// <summary>The market weights used (after normalisation, if asked).</summary>
    public required IReadOnlyDictionary<string, double> MarketWeights { get; init; }

    /// <summary>Π = δΣw_mkt.</summary>
    public required IReadOnlyDictionary<string, double> EquilibriumReturns { get; init; }

    /// <summary>μ_BL = Π + τΣPᵀ(τPΣPᵀ + Ω)⁻¹(Q − PΠ).</summary>
    public required IReadOnlyDictionary<string, double> PosteriorReturns { get; init; }

    /// <summary>Σ + M with M = τΣ − τΣPᵀ(τPΣPᵀ + Ω)⁻¹PτΣ, the posterior covariance of returns (n×n).</summary>
    public required IReadOnlyList<IReadOnlyList<double>> PosteriorCovariance { get; init; }

    /// <summary>Ω (k×k, diagonal): ω_k = τ·p_kΣp_kᵀ without a confidence, τ·p_kΣp_kᵀ·(1 − c)/c with Idzorek confidence c.</summary>
    public required IReadOnlyList<IReadOnlyList<double>> Omega { get; init; }

    /// <summary>He–Litterman Λ (one per view kept): w* = (w_mkt + PᵀΛ)/(1 + τ).</summary>
    public required IReadOnlyList<double> Lambda { get; init; }

    /// <summary>The request index of each view kept, i.e. of each row of Ω and entry of Λ.</summary>
    public required IReadOnlyList<int> ViewIndices { get; init; }

    /// <summary>w* = (δ(Σ + M))⁻¹μ_BL: He &amp; Litterman's unconstrained weights (no budget, shorts allowed).</summary>
    public required IReadOnlyDictionary<string, double> UnconstrainedWeights { get; init; }

    /// <summary>(δΣ)⁻¹μ_BL: the unconstrained weights with the prior covariance (the other common convention).</summary>
    public required IReadOnlyDictionary<string, double> UnconstrainedWeightsPriorCovariance { get; init; }
}

/// <summary>Source-generated JSON metadata for the contract (camelCase, nulls omitted; unknown fields, duplicate keys and numbers in strings rejected).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, AllowDuplicateProperties = false, NumberHandling = JsonNumberHandling.Strict, WriteIndented = false)]
[JsonSerializable(typeof(OptimizeRequest))]
[JsonSerializable(typeof(OptimizeResponse))]
internal sealed partial class OptimizeJsonContext : JsonSerializerContext;
