namespace MultiAsset.Engine.Model;

/// <summary>
/// Dense integer id of an instrument (index into the instrument table loaded from config/instruments.json).
/// </summary>
/// <remarks>
/// Ids are assigned 0..n-1 at load time so hot-path code indexes arrays instead of looking up strings.
/// <c>default</c> is id 0, a valid id: use <see cref="None"/> (-1) for "no instrument".
/// </remarks>
/// <param name="Value">The array index; negative means none.</param>
[System.Text.Json.Serialization.JsonConverter(typeof(InstrumentIdJsonConverter))]
public readonly record struct InstrumentId(int Value)
{
    /// <summary>The absent id (-1).</summary>
    public static readonly InstrumentId None = new(-1);

    /// <summary>Whether this refers to an instrument (<see cref="Value"/> ≥ 0).</summary>
    public bool IsValid => Value >= 0;
}
