using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Routing.Tca;

/// <summary>
/// Running totals of an order's fills, exact and allocation-free: filled quantity, Σ price × quantity (in
/// <see cref="Int128"/> at scale 10^16, so the average price is exact), fees, count, first and last fill time.
/// </summary>
internal struct FillAccumulator
{
    /// <summary>Σ quantity, raw (10^8).</summary>
    public long FilledRaw;

    /// <summary>Σ price.Raw × quantity.Raw (10^16).</summary>
    public Int128 NotionalRaw;

    /// <summary>Σ fees, raw (10^8).</summary>
    public long FeesRaw;

    /// <summary>Number of fills applied.</summary>
    public int Count;

    /// <summary>Time of the first fill (ns), −1 before it.</summary>
    public long FirstTime;

    /// <summary>Time of the last fill (ns), −1 before it.</summary>
    public long LastTime;

    /// <summary>An empty accumulator (no fill times yet).</summary>
    public FillAccumulator()
    {
        FirstTime = -1;
        LastTime = -1;
    }

    /// <summary>Adds a fill; returns false (and changes nothing) for a non-positive quantity or price, or totals that would overflow.</summary>
    public bool Apply(Quantity quantity, Price price, Money fee, long timeNs)
    {
        if (quantity.Raw <= 0 || price.Raw <= 0)
        {
            return false;
        }

        long filled = FilledRaw + quantity.Raw;
        long fees = FeesRaw + fee.Raw;
        // Overflow means corrupt input (more than 92 billion units on one order); refuse it rather than throw on the hot path.
        if (filled < FilledRaw || ((fee.Raw > 0) && fees < FeesRaw) || ((fee.Raw < 0) && fees > FeesRaw))
        {
            return false;
        }

        FilledRaw = filled;
        FeesRaw = fees;
        NotionalRaw += (Int128)price.Raw * quantity.Raw;
        Count++;
        if (FirstTime < 0)
        {
            FirstTime = timeNs;
        }

        LastTime = timeNs;
        return true;
    }

    /// <summary>Filled quantity in units.</summary>
    public readonly double Filled => FixedPoint.ToDouble(FilledRaw);

    /// <summary>Average fill price, or null without fills.</summary>
    public readonly double? AveragePrice => FilledRaw > 0 ? (double)NotionalRaw / FilledRaw / FixedPoint.Scale : null;

    /// <summary>Fees in currency.</summary>
    public readonly double Fees => FixedPoint.ToDouble(FeesRaw);
}
