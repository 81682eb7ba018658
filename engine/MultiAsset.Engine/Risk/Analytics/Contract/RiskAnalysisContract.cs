using System.Globalization;
using System.Text.Json;
using MultiAsset.Engine.Risk.Analytics.Measures;

namespace MultiAsset.Engine.Risk.Analytics.Contract;

/// <summary>
/// The strict JSON contract of <c>POST /api/multi-asset/risk/analysis</c>: parse (every problem with its JSON path),
/// run the measures, shape the response. Never throws on bad input: problems come back as a list (→ 400
/// problem+json); an empty list with a response means 200.
/// </summary>
/// <remarks>
/// Body (camelCase; every key optional except <c>method</c> and <c>positions</c>, plus exactly one of
/// <c>covariance</c> / <c>returns</c> / <c>scenarios</c>):
/// <code>
/// { "method": "parametric" | "historical" | "monteCarlo", "confidence": 0.99, "horizon": 1,
///   "quantile": "kthWorst" | "interpolated", "positions": [{ "symbol", "assetClass", "currency", "exposure" }],
///   "covariance": [[..]] (n×n) | "returns": [[..]] (T×n) | "scenarios": [[..]] (S×n P&amp;L),
///   "meanReturns": [..] (n), "paths": 10000, "seed": 42, "distribution": "normal" | "studentT",
///   "degreesOfFreedom": 5, "stressedCorrelation": 1.0, "stressedCorrelationMatrix": [[..]], "topN": 5 }
/// </code>
/// Rejected: unknown keys (anywhere), duplicate keys, numbers in strings, numbers beyond a double, confidence outside
/// (0, 1) (a value in [1, 100) is reported as a percent), horizon ≤ 0, matrices of the wrong shape, a covariance that is
/// not symmetric or has a negative variance (or, found by the library, is not positive semi-definite), unknown asset
/// classes, empty positions, duplicate symbols, inputs over <see cref="RiskAnalysisLimits"/>, and keys that do not
/// apply to the method (e.g. <c>paths</c> with <c>parametric</c>).
/// </remarks>
public static class RiskAnalysisContract
{
    /// <summary>Parses a body.</summary>
    public static (RiskAnalysisRequest? Request, IReadOnlyList<RiskAnalysisProblem> Problems) Parse(string? json)
    {
        if (json is null)
        {
            return (null, [new RiskAnalysisProblem("$", "the request body is empty")]);
        }

        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
            return Parse(document.RootElement);
        }
        catch (JsonException e)
        {
            return (null, [new RiskAnalysisProblem("$", $"the body is not valid JSON: {Shorten(e.Message)}")]);
        }
    }

    /// <summary>Parses a body already read as a <see cref="JsonElement"/>.</summary>
    public static (RiskAnalysisRequest? Request, IReadOnlyList<RiskAnalysisProblem> Problems) Parse(JsonElement body)
    {
        var reader = new RiskAnalysisBodyReader();
        var request = reader.Read(body);
        return reader.Problems.Count > 0 ? (null, reader.Problems) : (request, []);
    }

    /// <summary>Parses, validates and runs a body: the response, or the problems (never both).</summary>
    public static (RiskAnalysisResponse? Response, IReadOnlyList<RiskAnalysisProblem> Problems) Analyze(string? json)
    {
        var (request, problems) = Parse(json);
        return request is null ? (null, problems) : Analyze(request);
    }

    /// <summary>Runs a parsed request; a problem the library finds (e.g. a covariance that is not PSD) is returned as a problem.</summary>
    public static (RiskAnalysisResponse? Response, IReadOnlyList<RiskAnalysisProblem> Problems) Analyze(RiskAnalysisRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return (ToResponse(PortfolioRiskAnalyzer.Analyze(request.Input, request.Options), request.Options), []);
        }
        catch (RiskMeasureInputException e)
        {
            return (null, [new RiskAnalysisProblem(e.Field.Length > 0 ? e.Field : "$", e.Message)]);
        }
        catch (ArithmeticException e)
        {
            // A numerical library giving up on a pathological input (e.g. an eigen decomposition that does not
            // converge) is still a property of the input: reported, not a server error.
            return (null, [new RiskAnalysisProblem("$", $"the input could not be evaluated numerically: {e.Message}")]);
        }
    }

    /// <summary>Shapes a library result as the response.</summary>
    public static RiskAnalysisResponse ToResponse(RiskMeasureResult result, RiskMeasureOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        bool empirical = result.Method != VaRMethod.Parametric;
        bool distribution = result.Method != VaRMethod.Historical;
        bool studentT = distribution && result.Distribution == ReturnDistribution.StudentT;
        return new RiskAnalysisResponse
        {
            TotalVaR = result.ValueAtRisk,
            ComponentVaR = [.. result.ByAssetClass.Select(g => new AssetClassVaR(g.Name, g.ComponentVaR, g.Share))],
            CorrelationRisk = result.Correlation.Value,
            ConcentrationRisk = result.Concentration.ByInstrument.Hhi,
            ExpectedShortfall = result.ExpectedShortfall,
            Method = MethodName(result.Method),
            Confidence = result.Confidence,
            Horizon = result.Horizon,
            Quantile = empirical ? (result.Quantile == QuantileConvention.KthWorst ? "kthWorst" : "interpolated") : null,
            Distribution = distribution ? (studentT ? "studentT" : "normal") : null,
            DegreesOfFreedom = studentT ? options.DegreesOfFreedom : null,
            Paths = result.Method == VaRMethod.MonteCarlo ? options.Paths : null,
            Seed = result.Method == VaRMethod.MonteCarlo ? options.Seed : null,
            ScenarioCount = empirical ? result.ScenarioCount : null,
            TailCount = empirical ? result.TailCount : null,
            StandaloneVaRSum = result.StandaloneVaRSum,
            DiversificationBenefit = result.DiversificationBenefit,
            ByInstrument = result.ByInstrument,
            ByAssetClass = result.ByAssetClass,
            ByCurrency = result.ByCurrency,
            Correlation = result.Correlation,
            Concentration = result.Concentration,
        };
    }

    /// <summary>The response as camelCase JSON.</summary>
    public static string Serialize(RiskAnalysisResponse response) => JsonSerializer.Serialize(response, RiskAnalysisJsonContext.Default.RiskAnalysisResponse);

    /// <summary>The problems as a camelCase JSON array of {field, reason}.</summary>
    public static string Serialize(IReadOnlyList<RiskAnalysisProblem> problems) => JsonSerializer.Serialize(problems, RiskAnalysisJsonContext.Default.IReadOnlyListRiskAnalysisProblem);

    /// <summary>The method's JSON spelling.</summary>
    public static string MethodName(VaRMethod method) => method switch
    {
        VaRMethod.Parametric => "parametric",
        VaRMethod.Historical => "historical",
        _ => "monteCarlo",
    };

    internal static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
