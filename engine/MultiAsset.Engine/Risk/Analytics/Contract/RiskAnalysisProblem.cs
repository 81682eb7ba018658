namespace MultiAsset.Engine.Risk.Analytics.Contract;

/// <summary>One reason a risk-analysis request is rejected (an RFC 7807 problem's detail, 400).</summary>
/// <param name="Field">JSON path of the offending value, e.g. <c>positions[2].exposure</c>; <c>$</c> for the whole body.</param>
/// <param name="Reason">What is wrong, in words.</param>
public sealed record RiskAnalysisProblem(string Field, string Reason);
