namespace MultiAsset.Engine.Journal;

/// <summary>
/// The journal cannot do what was asked: an I/O failure (disk full, permission denied, directory in use by another
/// writer) or a broken precondition. The message names the directory or file and what to do about it.
/// </summary>
public class JournalException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public JournalException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying failure.</summary>
    public JournalException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates an exception with no detail (prefer the other constructors).</summary>
    public JournalException()
        : base("journal error")
    {
    }
}
