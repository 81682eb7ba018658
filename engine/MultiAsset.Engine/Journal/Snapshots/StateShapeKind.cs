namespace MultiAsset.Engine.Journal.Snapshots;

/// <summary>How the state serializer copies values of one type.</summary>
internal enum StateShapeKind
{
    /// <summary>A struct without references (primitives, enums, fixed-point values): copied as raw bytes.</summary>
    Unmanaged,

    /// <summary><see cref="Nullable{T}"/>: a presence byte and the value.</summary>
    Nullable,

    /// <summary>A library value written as text (<see cref="TextConverters"/>).</summary>
    Text,

    /// <summary>A string, by value.</summary>
    String,

    /// <summary>A one-dimensional array of unmanaged structs: copied as one block of raw bytes.</summary>
    UnmanagedArray,

    /// <summary>Any other one-dimensional array: its elements one by one.</summary>
    Array,

    /// <summary>A struct holding references: its fields one by one.</summary>
    Struct,

    /// <summary>A class of the engine (or a plain <see cref="object"/>): its instance fields one by one.</summary>
    Object,

    /// <summary>A known BCL collection: its elements (and comparer), rebuilt by adding them.</summary>
    Collection,

    /// <summary>A delegate: not written; the restored engine keeps its own at the same place.</summary>
    Delegate,

    /// <summary>Configuration or infrastructure (rings, catalogs, reply hubs): not written; the restored engine keeps its own.</summary>
    External,

    /// <summary>A type that cannot be copied safely (pointers, threads, locks, collections with hidden state): snapshotting fails.</summary>
    Forbidden,
}
