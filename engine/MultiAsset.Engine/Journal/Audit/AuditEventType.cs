namespace MultiAsset.Engine.Journal.Audit;

/// <summary>What an <see cref="AuditRecord"/> records. Written to disk: never renumber (append new types at the end).</summary>
public enum AuditEventType : byte
{
    /// <summary>Not set (never written).</summary>
    None = 0,

    /// <summary>A parent order reached the risk gate: who created it (strategy; the caller when a command caused it), what it asks for.</summary>
    OrderCreated = 1,

    /// <summary>The risk gate accepted the order.</summary>
    RiskAccepted = 2,

    /// <summary>The risk gate refused the order: <see cref="AuditRecord.Reason"/> is the rule, value and limit what it compared.</summary>
    RiskRefused = 3,

    /// <summary>The market is closed and the order is held until it opens (it is checked again then).</summary>
    RiskHeld = 4,

    /// <summary>The router sent a child order to a venue (the routing decision: venue, quantity, limit).</summary>
    ChildRouted = 5,

    /// <summary>A venue acknowledged a child order.</summary>
    VenueAck = 6,

    /// <summary>A child order (partly) filled: quantity, price, fee, liquidity.</summary>
    Fill = 7,

    /// <summary>A venue rejected a child order (<see cref="AuditRecord.Reason"/> = the venue's reject reason).</summary>
    VenueReject = 8,

    /// <summary>Quantity cancelled (a venue cancel, an IOC rest, a kill-switch cancel, or a router hand-back).</summary>
    Cancelled = 9,

    /// <summary>A kill switch was turned on (account, or none = global).</summary>
    KillSwitchOn = 10,

    /// <summary>A kill switch was turned off.</summary>
    KillSwitchOff = 11,

    /// <summary>A control command entered the engine (<see cref="AuditRecord.Reason"/> = its kind, with its caller).</summary>
    Command = 12,
}
