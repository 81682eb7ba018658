using MultiAsset.Engine.Risk.Analytics.Measures;

namespace MultiAsset.Engine.Risk.Analytics.Contract;

/// <summary>A parsed and checked <c>POST /api/multi-asset/risk/analysis</c> body: the library's input and options.</summary>
public sealed record RiskAnalysisRequest
{
    /// <summary>Positions and market data.</summary>
    public required RiskMeasureInput Input { get; init; }

    /// <summary>Method and conventions.</summary>
    public required RiskMeasureOptions Options { get; init; }
}
