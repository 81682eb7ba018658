using System.Runtime.InteropServices;

namespace MultiAsset.Engine.Model.Events;

/// <summary>
/// A reference value: an index level, a volatility index, a policy rate (as a decimal fraction: 5.25 % is 0.0525)
/// or a sentiment score. What the number means is given by the instrument's kind in the catalogue. 8 bytes.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 8)]
public struct ReferenceData
{
    /// <summary>The value, fixed point with 8 decimals (may be negative: rates and sentiment can be).</summary>
    public Price Value;
}
