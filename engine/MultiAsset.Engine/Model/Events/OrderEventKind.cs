namespace MultiAsset.Engine.Model.Events;

/// <summary>What an <see cref="OrderEvent"/> carries. Journalled in reports: never renumber.</summary>
public enum OrderEventKind : byte
{
    /// <summary>A new parent order for the risk gate and the router (the default, so a zeroed slot is an order).</summary>
    NewOrder = 0,

    /// <summary>A venue's execution report flowing on (<see cref="OrderEvent.Execution"/>); not an order.</summary>
    Execution = 1,

    /// <summary>Engine time advanced (<see cref="OrderEvent.Timestamp"/>): time-driven work (child schedules, venue latency, marks) runs.</summary>
    Heartbeat = 2,

    /// <summary>Digest point for the host's <c>--digest-at</c> (<see cref="OrderEvent.SourceSequence"/> = the input sequence).</summary>
    DigestMarker = 3,

    /// <summary>Kill switch for <see cref="OrderEvent.Account"/> (none = global): on when <see cref="OrderEvent.Quantity"/> is non-zero.</summary>
    KillSwitch = 4,
}
