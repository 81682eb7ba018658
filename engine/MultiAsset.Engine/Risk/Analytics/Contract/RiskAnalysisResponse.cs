using System.Text.Json.Serialization;
using MultiAsset.Engine.Risk.Analytics.Measures;

namespace MultiAsset.Engine.Risk.Analytics.Contract;

/// <summary>
/// Response of <c>POST /api/multi-asset/risk/analysis</c> (camelCase JSON, null members omitted). The seed's
/// <c>portfolioRisk</c> names come first (<c>totalVaR</c>, <c>componentVaR</c> by asset class, <c>correlationRisk</c>,
/// <c>concentrationRisk</c>); the rest is detail. Amounts are base currency over the horizon, losses positive.
/// </summary>
public sealed record RiskAnalysisResponse
{
    /// <summary>VaR at <see cref="Confidence"/> over <see cref="Horizon"/>.</summary>
    public double TotalVaR { get; init; }

    /// <summary>Euler component VaR by asset class (sums to totalVaR).</summary>
    public required IReadOnlyList<AssetClassVaR> ComponentVaR { get; init; }

    /// <summary>Delta-normal VaR at the stressed correlations minus at the current ones (see <c>correlation</c>).</summary>
    public double CorrelationRisk { get; init; }

    /// <summary>HHI of the gross-exposure shares by instrument (fraction in (0, 1]; 1 = a single position).</summary>
    public double ConcentrationRisk { get; init; }

    /// <summary>Expected shortfall (CVaR) at the same confidence and horizon.</summary>
    public double ExpectedShortfall { get; init; }

    /// <summary>parametric | historical | monteCarlo.</summary>
    public required string Method { get; init; }

    /// <summary>Confidence c.</summary>
    public double Confidence { get; init; }

    /// <summary>Horizon in periods of the inputs.</summary>
    public double Horizon { get; init; }

    /// <summary>kthWorst | interpolated (historical and monteCarlo only).</summary>
    public string? Quantile { get; init; }

    /// <summary>normal | studentT (parametric and monteCarlo only).</summary>
    public string? Distribution { get; init; }

    /// <summary>ν for studentT.</summary>
    public double? DegreesOfFreedom { get; init; }

    /// <summary>Monte Carlo paths.</summary>
    public int? Paths { get; init; }

    /// <summary>Monte Carlo seed.</summary>
    public ulong? Seed { get; init; }

    /// <summary>Scenarios or paths N (historical and monteCarlo).</summary>
    public int? ScenarioCount { get; init; }

    /// <summary>k (kthWorst) or the number of order statistics in the ES tail integral (interpolated).</summary>
    public int? TailCount { get; init; }

    /// <summary>Σ standalone VaR of the positions.</summary>
    public double StandaloneVaRSum { get; init; }

    /// <summary>standaloneVaRSum − totalVaR.</summary>
    public double DiversificationBenefit { get; init; }

    /// <summary>Per position, in request order.</summary>
    public required IReadOnlyList<InstrumentRisk> ByInstrument { get; init; }

    /// <summary>Per asset class.</summary>
    public required IReadOnlyList<GroupRisk> ByAssetClass { get; init; }

    /// <summary>Per currency.</summary>
    public required IReadOnlyList<GroupRisk> ByCurrency { get; init; }

    /// <summary>Correlation risk detail.</summary>
    public required CorrelationRisk Correlation { get; init; }

    /// <summary>Concentration detail (by instrument, asset class, currency).</summary>
    public required ConcentrationRisk Concentration { get; init; }
}

/// <summary>The seed's <c>AssetClassVaR</c>: one asset class's Euler component VaR.</summary>
/// <param name="AssetClass">STOCK | FOREX | CRYPTO.</param>
/// <param name="ComponentVaR">Σ of its positions' component VaR.</param>
/// <param name="Share">componentVaR / totalVaR.</param>
public sealed record AssetClassVaR(string AssetClass, double ComponentVaR, double Share);

/// <summary>Source-generated JSON metadata of the response (camelCase, nulls omitted).</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = false)]
[JsonSerializable(typeof(RiskAnalysisResponse))]
[JsonSerializable(typeof(IReadOnlyList<RiskAnalysisProblem>))]
internal sealed partial class RiskAnalysisJsonContext : JsonSerializerContext;
