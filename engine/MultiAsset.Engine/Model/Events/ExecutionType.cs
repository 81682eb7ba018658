namespace MultiAsset.Engine.Model.Events;

/// <summary>What a venue reports about a child order. Journalled: never renumber.</summary>
public enum ExecutionType : byte
{
    /// <summary>Not set.</summary>
    None = 0,

    /// <summary>The venue accepted the order (it is working).</summary>
    Ack = 1,

    /// <summary>Part or all of the order traded (<see cref="ExecutionData.Quantity"/> at <see cref="ExecutionData.Price"/>).</summary>
    Fill = 2,

    /// <summary>The venue refused the order (<see cref="ExecutionData.RejectReason"/> says why).</summary>
    Reject = 3,

    /// <summary>The order was cancelled (on request, or the unfilled rest of an IOC); <see cref="ExecutionData.Quantity"/> = the quantity cancelled.</summary>
    Cancelled = 4,
}
