namespace MultiAsset.Cli.Journal;

/// <summary>A command-line value that cannot be used (reported with exit code 2, no stack trace).</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException()
    {
    }

    public UsageException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
