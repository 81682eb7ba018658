namespace MultiAsset.Engine.Coordination;

/// <summary>
/// What the coordination stage detected between strategies (the seed's <c>ConflictResolutionRule.condition</c>).
/// Written into conflict records and digests: never renumber.
/// </summary>
public enum ConflictCondition : byte
{
    /// <summary>Not set.</summary>
    None = 0,

    /// <summary>Strategies of one account want to trade one instrument in opposite directions in the same batch.</summary>
    OpposingIntents = 1,

    /// <summary>The strategies of one account together would hold more of one instrument than the configured limit.</summary>
    ExposureOverlap = 2,

    /// <summary>A strategy asked for an asset-class weight outside its document's [minWeight, maxWeight] band.</summary>
    AllocationBand = 3,
}
