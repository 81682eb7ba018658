namespace MultiAsset.Engine.Journal.Snapshots;

/// <summary>
/// Which types the state serializer leaves out as configuration or infrastructure (<see cref="StateShapeKind.External"/>:
/// the restored engine, built from the same configuration, keeps its own), and which library types it may walk field
/// by field. Every other library type (namespace <c>System.*</c> or <c>Microsoft.*</c>) that is not a known collection
/// is refused, because its fields are someone else's implementation detail (hidden caches, handles, randomised hashes).
/// </summary>
public sealed class StateGraphPolicy
{
    private readonly HashSet<Type> external;
    private readonly HashSet<Type> walkable;

    /// <summary>Creates a policy; <paramref name="external"/> may hold open generic definitions and interfaces.</summary>
    /// <param name="external">Types (and their subclasses / implementations / generic instances) not written.</param>
    /// <param name="walkableLibraryTypes">Library types whose fields may be copied as they are.</param>
    public StateGraphPolicy(IEnumerable<Type> external, IEnumerable<Type>? walkableLibraryTypes = null)
    {
        ArgumentNullException.ThrowIfNull(external);
        this.external = [.. external];
        walkable = [typeof(object), .. walkableLibraryTypes ?? []];
    }

    /// <summary>A policy with nothing external (tests of the serializer itself).</summary>
    public static StateGraphPolicy Plain { get; } = new([]);

    /// <summary>True when values of <paramref name="type"/> are configuration or infrastructure, not state.</summary>
    public bool IsExternal(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        foreach (var e in external)
        {
            if (e == type || (e.IsGenericTypeDefinition && type.IsGenericType && type.GetGenericTypeDefinition() == e) || (!e.IsGenericTypeDefinition && e.IsAssignableFrom(type)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Why <paramref name="type"/> may not be walked field by field, or null when it may.</summary>
    internal string? ForbiddenReason(Type type)
    {
        if (walkable.Contains(type) || (type.IsGenericType && walkable.Contains(type.GetGenericTypeDefinition())))
        {
            return null;
        }

        var ns = type.Namespace ?? string.Empty;
        if (typeof(Thread).IsAssignableFrom(type) || typeof(WaitHandle).IsAssignableFrom(type) || type == typeof(Lock)
            || typeof(Task).IsAssignableFrom(type) || typeof(Stream).IsAssignableFrom(type) || typeof(System.Runtime.InteropServices.SafeHandle).IsAssignableFrom(type))
        {
            return "threads, locks, tasks, streams and handles belong to one process";
        }

        if (ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal) || ns.StartsWith("Microsoft.", StringComparison.Ordinal))
        {
            return "a library type the serializer does not know (its fields are hidden implementation state); mark it external in the policy or teach the serializer";
        }

        return null;
    }
}
