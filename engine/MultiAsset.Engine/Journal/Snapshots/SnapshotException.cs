namespace MultiAsset.Engine.Journal.Snapshots;

/// <summary>
/// A snapshot could not be taken or restored: a type the state serializer cannot copy safely (named by its field
/// path, so a stage change that would produce a bad snapshot fails loudly instead), a damaged or foreign snapshot
/// file, or a snapshot written by a build whose stage types differ.
/// </summary>
public sealed class SnapshotException : Exception
{
    public SnapshotException()
    {
    }

    public SnapshotException(string message)
        : base(message)
    {
    }

    public SnapshotException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The message without its field path, when the path is carried separately.</summary>
    internal string Reason { get; private init; } = string.Empty;

    /// <summary>The field path (from the stage) to the value that failed.</summary>
    internal string FieldPath { get; private init; } = string.Empty;

    /// <summary>A failure at <paramref name="path"/> for <paramref name="reason"/>.</summary>
    internal static SnapshotException At(string path, string reason)
        => new($"{path}: {reason}") { Reason = reason, FieldPath = path };

    /// <summary>The same failure with <paramref name="segment"/> prefixed to its path (built while unwinding, so a
    /// successful walk pays nothing for paths).</summary>
    internal SnapshotException Under(string segment)
    {
        if (Reason.Length == 0)
        {
            return this;
        }

        // Compiler-generated names read as what the source says: <Name>k__BackingField and <name>P are Name and name.
        if (segment.StartsWith('<') && segment.IndexOf('>', StringComparison.Ordinal) is > 1 and var end)
        {
            segment = segment[1..end];
        }

        var path = FieldPath.Length == 0 ? segment : FieldPath.StartsWith('[') ? segment + FieldPath : segment + "." + FieldPath;
        return InnerException is null
            ? new SnapshotException($"{path}: {Reason}") { Reason = Reason, FieldPath = path }
            : new SnapshotException($"{path}: {Reason}", InnerException) { Reason = Reason, FieldPath = path };
    }
}
