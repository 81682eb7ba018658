namespace MultiAsset.Engine.Risk.Analytics.Measures;

/// <summary>
/// Input the risk measures cannot use (shape mismatch, non-finite number, covariance not positive semi-definite, a
/// method without the data it needs). <see cref="Field"/> names the input (the JSON path when it came from the contract).
/// </summary>
public sealed class RiskMeasureInputException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public RiskMeasureInputException()
    {
        Field = string.Empty;
    }

    /// <summary>Creates the exception.</summary>
    public RiskMeasureInputException(string message)
        : base(message)
    {
        Field = string.Empty;
    }

    /// <summary>Creates the exception.</summary>
    public RiskMeasureInputException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = string.Empty;
    }

    /// <summary>Creates the exception for <paramref name="field"/>.</summary>
    public RiskMeasureInputException(string field, string message)
        : base(message)
    {
        Field = field;
    }

    /// <summary>The offending input, e.g. <c>covariance</c> or <c>positions[2].exposure</c>.</summary>
    public string Field { get; }
}
