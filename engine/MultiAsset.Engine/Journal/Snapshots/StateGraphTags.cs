namespace MultiAsset.Engine.Journal.Snapshots;

/// <summary>The byte in front of every reference the state serializer writes.</summary>
internal static class StateGraphTags
{
    /// <summary>Null.</summary>
    public const byte Null = 0;

    /// <summary>An object written before (its id follows): shared references stay shared.</summary>
    public const byte Reference = 1;

    /// <summary>A new object: its type, then its content.</summary>
    public const byte New = 2;

    /// <summary>Configuration or infrastructure: the restored engine keeps its own.</summary>
    public const byte External = 3;

    /// <summary>A delegate: the restored engine keeps its own at the same place.</summary>
    public const byte Delegate = 4;

    /// <summary>Comparer kinds of a collection.</summary>
    public const byte DefaultComparer = 0;

    /// <summary><see cref="StringComparer.Ordinal"/>.</summary>
    public const byte OrdinalComparer = 1;

    /// <summary><see cref="StringComparer.OrdinalIgnoreCase"/>.</summary>
    public const byte OrdinalIgnoreCaseComparer = 2;

    /// <summary>A comparer object, written as a value.</summary>
    public const byte ObjectComparer = 3;
}
