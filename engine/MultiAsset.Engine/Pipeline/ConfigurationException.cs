namespace MultiAsset.Engine.Pipeline;

/// <summary>
/// Invalid configuration or wiring. Carries every problem found, each naming the file and field at fault, so that
/// one run reports them all.
/// </summary>
public sealed class ConfigurationException : Exception
{
    /// <summary>Creates the exception from a list of problems.</summary>
    public ConfigurationException(IReadOnlyList<string> errors)
        : base(FormatMessage(errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception from one problem.</summary>
    public ConfigurationException(string error)
        : this([error])
    {
    }

    /// <summary>Creates the exception wrapping a parse failure.</summary>
    public ConfigurationException(string error, Exception inner)
        : base(error, inner)
    {
        Errors = [error];
    }

    /// <summary>Creates an exception with no detail (prefer the other constructors).</summary>
    public ConfigurationException()
        : this("invalid configuration")
    {
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<string> Errors { get; }

    private static string FormatMessage(IReadOnlyList<string> errors)
        => errors.Count == 1
            ? errors[0]
            : $"{errors.Count} configuration errors:{Environment.NewLine}  - {string.Join(Environment.NewLine + "  - ", errors)}";
}
