namespace MultiAsset.Engine.Model;

/// <summary>
/// Dense integer id of an execution venue or market-data source (index into the venue table).
/// </summary>
/// <remarks>
/// Ids are assigned 0..n-1 at load time so hot-path code indexes arrays instead of looking up strings.
/// <c>default</c> is id 0, a valid id: use <see cref="None"/> (-1) for "no venue".
/// </remarks>
/// <param name="Value">The array index; negative means none.</param>
public readonly record struct VenueId(int Value)
{
    /// <summary>The absent id (-1).</summary>
    public static readonly VenueId None = new(-1);

    /// <summary>Whether this refers to a venue (<see cref="Value"/> ≥ 0).</summary>
    public bool IsValid => Value >= 0;
}
