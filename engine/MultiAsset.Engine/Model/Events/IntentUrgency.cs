namespace MultiAsset.Engine.Model.Events;

/// <summary>How soon an intent wants to be executed; the router picks an execution algorithm from it. Journalled: never renumber.</summary>
public enum IntentUrgency : byte
{
    /// <summary>Work the order patiently (passive / scheduled algorithm).</summary>
    Low = 0,

    /// <summary>The default: a normal schedule.</summary>
    Normal = 1,

    /// <summary>Execute now (arbitrage legs, stops): cross the spread.</summary>
    Immediate = 2,
}
