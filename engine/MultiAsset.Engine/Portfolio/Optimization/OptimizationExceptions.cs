namespace MultiAsset.Engine.Portfolio.Optimization;

/// <summary>
/// The constraints of an optimisation cannot all hold. <see cref="Exception.Message"/> names the constraints in
/// conflict (e.g. <c>assetClassBounds.CRYPTO.min 0.5 + assetClassBounds.STOCK.min 0.6 exceed budget 1</c>);
/// <see cref="Constraints"/> lists their names.
/// </summary>
public sealed class OptimizationInfeasibleException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OptimizationInfeasibleException(string message, IReadOnlyList<string> constraints)
        : base(message)
    {
        Constraints = constraints ?? [];
    }

    /// <summary>Creates the exception.</summary>
    public OptimizationInfeasibleException()
        : this("constraints are infeasible", [])
    {
    }

    /// <summary>Creates the exception.</summary>
    public OptimizationInfeasibleException(string message)
        : this(message, [])
    {
    }

    /// <summary>Creates the exception.</summary>
    public OptimizationInfeasibleException(string message, Exception innerException)
        : base(message, innerException)
    {
        Constraints = [];
    }

    /// <summary>Names of the constraints in conflict.</summary>
    public IReadOnlyList<string> Constraints { get; } = [];
}

/// <summary>
/// An optimisation request or input is invalid (wrong sizes, non-symmetric or non-PSD covariance, unknown method,
/// missing asset info ...). <see cref="Field"/> names the offending JSON field (camelCase path) when there is one.
/// </summary>
public sealed class OptimizationInputException : ArgumentException
{
    /// <summary>Creates the exception for <paramref name="field"/>.</summary>
    public OptimizationInputException(string field, string message)
        : base(message)
    {
        Field = field;
    }

    /// <summary>Creates the exception.</summary>
    public OptimizationInputException()
        : this(string.Empty, "invalid optimisation input")
    {
    }

    /// <summary>Creates the exception.</summary>
    public OptimizationInputException(string message)
        : this(string.Empty, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public OptimizationInputException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = string.Empty;
    }

    /// <summary>Creates the exception for <paramref name="field"/> with a cause.</summary>
    public OptimizationInputException(string field, string message, Exception innerException)
        : base(message, innerException)
    {
        Field = field;
    }

    /// <summary>The JSON field (camelCase path, e.g. <c>covariance</c>, <c>views[1].weights</c>) the error is about.</summary>
    public string Field { get; }
}

/// <summary>The objective is unbounded under the constraints (e.g. shorts unbounded with a singular covariance).</summary>
public sealed class OptimizationUnboundedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OptimizationUnboundedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public OptimizationUnboundedException()
        : this("objective is unbounded")
    {
    }

    /// <summary>Creates the exception.</summary>
    public OptimizationUnboundedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
