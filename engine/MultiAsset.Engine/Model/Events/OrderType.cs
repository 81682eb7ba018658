namespace MultiAsset.Engine.Model.Events;

/// <summary>How an order meets the book. Journalled: never renumber.</summary>
public enum OrderType : byte
{
    /// <summary>Not set.</summary>
    None = 0,

    /// <summary>Fill at the best available prices now.</summary>
    Market = 1,

    /// <summary>Rest at <see cref="OrderEvent.LimitPrice"/> or better until filled or cancelled.</summary>
    Limit = 2,

    /// <summary>Immediate-or-cancel at <see cref="OrderEvent.LimitPrice"/> or better: what does not fill at once is cancelled.</summary>
    ImmediateOrCancel = 3,
}
