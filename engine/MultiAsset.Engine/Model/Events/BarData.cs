using System.Runtime.InteropServices;

namespace MultiAsset.Engine.Model.Events;

/// <summary>An OHLCV bar covering [timestamp − interval, timestamp). 48 bytes.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 8)]
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
