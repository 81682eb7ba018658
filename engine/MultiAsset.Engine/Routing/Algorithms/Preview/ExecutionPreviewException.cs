namespace MultiAsset.Engine.Routing.Algorithms.Preview;

/// <summary>
/// A schedule-preview request is invalid. <see cref="Field"/> names the JSON field at fault (camelCase path, e.g.
/// <c>quantity</c>, <c>volumeProfile[3]</c>; <c>$</c> for the body as a whole).
/// </summary>
public sealed class ExecutionPreviewException : ArgumentException
{
    /// <summary>Creates the exception for <paramref name="field"/>.</summary>
    public ExecutionPreviewException(string field, string message)
        : base(message)
    {
        Field = field;
    }

    /// <summary>Creates the exception for <paramref name="field"/> with a cause.</summary>
    public ExecutionPreviewException(string field, string message, Exception innerException)
        : base(message, innerException)
    {
        Field = field;
    }

    /// <summary>Creates the exception.</summary>
    public ExecutionPreviewException()
        : this("$", "invalid execution preview request")
    {
    }

    /// <summary>Creates the exception.</summary>
    public ExecutionPreviewException(string message)
        : this("$", message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ExecutionPreviewException(string message, Exception innerException)
        : this("$", message, innerException)
    {
    }

    /// <summary>The JSON field the error is about.</summary>
    public string Field { get; }
}
