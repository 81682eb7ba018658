namespace MultiAsset.Engine.Risk.Analytics.Hedging;

/// <summary>Shared conversions of the hedging results.</summary>
internal static class HedgeQuantity
{
    /// <summary>notional ÷ (price × rate), rounded half away from zero to a multiple of the lot (to 10⁻⁸ without one); null without a price.</summary>
    internal static decimal? From(double notional, decimal? price, decimal quoteToBaseRate, decimal? lotSize)
    {
        if (price is not { } p || p <= 0 || quoteToBaseRate <= 0 || !double.IsFinite(notional) || Math.Abs(notional) > 7.9e27)
        {
            return null;
        }

        decimal units = (decimal)notional / (p * quoteToBaseRate);
        if (lotSize is { } lot && lot > 0)
        {
            return Math.Round(units / lot, 0, MidpointRounding.AwayFromZero) * lot;
        }

        return Math.Round(units, 8, MidpointRounding.AwayFromZero);
    }

    /// <summary>1 − after ÷ before clamped to [0, 1]; 0 when before ≤ 0.</summary>
    internal static double Effectiveness(double before, double after)
        => before > 0 ? Math.Clamp(1 - (after / before), 0, 1) : 0;
}
