using System.Runtime.InteropServices;

namespace MultiAsset.Engine.Model.Events;

/// <summary>Top of book. 32 bytes.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 8)]
public struct QuoteData
{
    /// <summary>Best bid price.</summary>
    public Price Bid;

    /// <summary>Best ask price.</summary>
    public Price Ask;

    /// <summary>Size at the bid.</summary>
    public Quantity BidSize;

    /// <summary>Size at the ask.</summary>
    public Quantity AskSize;
}
