namespace MultiAsset.Engine.Model.Events;

/// <summary>Which way an intent or order trades. Journalled: never renumber.</summary>
public enum OrderSide : byte
{
    /// <summary>Not set (an intent that states a target rather than a trade).</summary>
    None = 0,

    /// <summary>Buy: the position grows (or a short shrinks).</summary>
    Buy = 1,

    /// <summary>Sell: the position shrinks (or a short grows).</summary>
    Sell = 2,
}
