namespace MultiAsset.Engine.Model.Events;

/// <summary>How long a parent order works. Journalled (operator orders carry it): never renumber.</summary>
public enum TimeInForce : byte
{
    /// <summary>Good till cancelled: works until filled, or until a kill switch stops it (the default, 0).</summary>
    Gtc = 0,

    /// <summary>Day: what has not filled by the close of the instrument's current session (event time) expires.</summary>
    Day = 1,

    /// <summary>Immediate or cancel: one pass across the venues now; whatever does not fill at once is cancelled.</summary>
    ImmediateOrCancel = 2,
}
