using System.Runtime.CompilerServices;

namespace MultiAsset.Engine.Ring;

/// <summary>
/// What a consumer waits on: the ring's cursor plus the sequences of the handlers it must run after. With no
/// upstream handlers, the cursor itself is the dependency.
/// </summary>
public sealed class DependentSequenceGroup
{
    private readonly Sequence cursor;
    private readonly Sequence[] dependencies;
    private readonly Sequence? single;

    /// <summary>Creates a group over <paramref name="cursor"/> and the upstream <paramref name="dependencies"/>.</summary>
    public DependentSequenceGroup(Sequence cursor, params Sequence[] dependencies)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        ArgumentNullException.ThrowIfNull(dependencies);
        this.cursor = cursor;
        this.dependencies = (Sequence[])dependencies.Clone();
        single = dependencies.Length switch
        {
            0 => cursor,
            1 => dependencies[0],
            _ => null,
        };
    }

    /// <summary>Number of upstream handler sequences (0 when waiting on the cursor only).</summary>
    public int DependencyCount => dependencies.Length;

    /// <summary>The ring's cursor (for multi-producer rings, the highest claimed, not published, sequence).</summary>
    public long CursorValue
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => cursor.Value;
    }

    /// <summary>The smallest sequence among the dependencies: everything up to it is done upstream.</summary>
    public long Value
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => single is not null ? single.Value : Sequence.GetMinimum(dependencies);
    }
}
