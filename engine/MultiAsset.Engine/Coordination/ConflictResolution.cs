namespace MultiAsset.Engine.Coordination;

/// <summary>
/// How a conflict is resolved (the seed's <c>"Prioritize" | "Average" | "Cancel" | "Defer"</c>). Written into conflict
/// records and digests: never renumber.
/// </summary>
public enum ConflictResolution : byte
{
    /// <summary>Not set.</summary>
    None = 0,

    /// <summary>The higher-priority change wins; the others' changes are dropped (for a band: the band wins, the request is clamped).</summary>
    Prioritize = 1,

    /// <summary>Every change stands and they are netted into one order (for exposure: scaled down pro rata to the limit).</summary>
    Average = 2,

    /// <summary>Every change involved is dropped (for a band: the request is ignored).</summary>
    Cancel = 3,

    /// <summary>The later change is held and retried with the next batch, up to a number of times, then cancelled.</summary>
    Defer = 4,
}
