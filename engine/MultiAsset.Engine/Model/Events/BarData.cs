using System.Runtime.InteropServices;

namespace MultiAsset.Engine.Model.Events;

/// <summary>An OHLCV bar covering [timestamp − interval, timestamp). 44 bytes.</summary>
/// <remarks>Packed to 4 so it has no trailing padding: copying a whole bar into an event must not touch the verdict byte.</remarks>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public struct BarData
{
    /// <summary>First price of the interval.</summary>
    public Price Open;

    /// <summary>Highest price.</summary>
    public Price High;

    /// <summary>Lowest price.</summary>
    public Price Low;

    /// <summary>Last price.</summary>
    public Price Close;

    /// <summary>Traded volume.</summary>
    public Quantity Volume;

    /// <summary>Bar length in seconds (86 400 for daily bars).</summary>
    public int IntervalSeconds;
}
