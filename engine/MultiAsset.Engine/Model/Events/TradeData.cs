using System.Runtime.InteropServices;

namespace MultiAsset.Engine.Model.Events;

/// <summary>A trade print. 24 bytes.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 8)]
public struct TradeData
{
    /// <summary>Trade price.</summary>
    public Price Price;

    /// <summary>Traded quantity.</summary>
    public Quantity Size;

    /// <summary>Which side took liquidity, if the feed knows.</summary>
    public AggressorSide Aggressor;
}

/// <summary>The side that crossed the spread in a trade. Journalled: never renumber.</summary>
public enum AggressorSide : byte
{
    /// <summary>Not reported.</summary>
    Unknown = 0,

    /// <summary>A buyer lifted the offer.</summary>
    Buyer = 1,

    /// <summary>A seller hit the bid.</summary>
    Seller = 2,
}
