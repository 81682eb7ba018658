namespace MultiAsset.Engine.Journal;

/// <summary>
/// The journal holds data that cannot be trusted and cannot be repaired without possibly losing acknowledged
/// records: corruption followed by valid records, a gap between segments, a truncated closed segment, an
/// incompatible format version. The engine refuses to start on it (rather than drop data or crash-loop); the message
/// names the file, the offset and the problem, and tells the operator what to do.
/// </summary>
public sealed class JournalCorruptException : JournalException
{
    /// <summary>Creates the exception for <paramref name="filePath"/> at <paramref name="offset"/>.</summary>
    public JournalCorruptException(string filePath, long offset, string problem)
        : base(FormatMessage(filePath, offset, problem))
    {
        FilePath = filePath;
        Offset = offset;
        Problem = problem;
    }

    /// <summary>Creates the exception for <paramref name="filePath"/> with advice specific to the problem (what the operator should do).</summary>
    public JournalCorruptException(string filePath, long offset, string problem, string advice)
        : base($"Journal corrupt: {filePath}{(offset > 0 ? $" at offset {offset}" : string.Empty)}: {problem}. The engine will not start on a journal that "
            + $"lost or does not own acknowledged records. {advice}")
    {
        FilePath = filePath;
        Offset = offset;
        Problem = problem;
        Advice = advice;
    }

    /// <summary>Creates an exception with only a message (prefer the other constructor).</summary>
    public JournalCorruptException(string message)
        : base(message)
    {
        FilePath = string.Empty;
        Problem = message;
    }

    /// <summary>Creates an exception with a message and the underlying failure (prefer the other constructor).</summary>
    public JournalCorruptException(string message, Exception inner)
        : base(message, inner)
    {
        FilePath = string.Empty;
        Problem = message;
    }

    /// <summary>Creates an exception with no detail (prefer the other constructors).</summary>
    public JournalCorruptException()
        : this("journal is corrupt")
    {
    }

    /// <summary>The segment file at fault (or the directory, for a problem between files).</summary>
    public string FilePath { get; }

    /// <summary>Byte offset of the problem in <see cref="FilePath"/> (in the decompressed content for a .lz4 file).</summary>
    public long Offset { get; }

    /// <summary>What is wrong, without the advice.</summary>
    public string Problem { get; }

    /// <summary>What the operator should do, when specific to the problem (null: the general advice in the message).</summary>
    public string? Advice { get; }

    private static string FormatMessage(string filePath, long offset, string problem)
    {
        var directory = Path.GetDirectoryName(filePath) ?? filePath;
        return $"Journal corrupt: {filePath} at offset {offset}: {problem}. The engine will not start on a journal it "
            + $"cannot trust, because repairing it could drop acknowledged records. Run 'maectl journal inspect {directory}' "
            + "to see what is there; to start anyway, move the directory aside (keep it: it holds the acknowledged "
            + "records) or restore the missing/damaged segment from a backup.";
    }
}
