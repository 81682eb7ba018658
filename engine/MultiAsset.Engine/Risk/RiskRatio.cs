using System.Runtime.CompilerServices;
using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Risk;

/// <summary>
/// A ratio limit (an allocation, a leverage multiple, a drawdown or loss fraction, a price collar) held exactly as
/// parts per million, so limit checks on fixed-point money are integer comparisons with no rounding at the boundary.
/// </summary>
/// <remarks>
/// 40 % is 400,000 ppm, a 2× leverage 2,000,000 ppm. <see cref="Unlimited"/> (<see cref="long.MaxValue"/>) allows
/// everything. Comparisons multiply in 128 bits, so no amount or basis in the <see cref="Money"/> range overflows.
/// </remarks>
/// <param name="PartsPerMillion">The ratio × 10^6; <see cref="long.MaxValue"/> means no limit.</param>
public readonly record struct RiskRatio(long PartsPerMillion)
{
    /// <summary>Parts per million in 1.0.</summary>
    public const long One = 1_000_000;

    /// <summary>No limit.</summary>
    public static RiskRatio Unlimited => new(long.MaxValue);

    /// <summary>Whether this is <see cref="Unlimited"/>.</summary>
    public bool IsUnlimited => PartsPerMillion == long.MaxValue;

    /// <summary>The ratio as a fraction (1.0 = 100 %); +∞ when unlimited.</summary>
    public double Fraction => IsUnlimited ? double.PositiveInfinity : PartsPerMillion / (double)One;

    /// <summary>A ratio from a percentage (40 → 40 %), rounded to the nearest ppm.</summary>
    public static RiskRatio FromPercent(decimal percent) => new((long)Math.Round(percent * (One / 100), MidpointRounding.AwayFromZero));

    /// <summary>A ratio from a fraction or multiple (0.05 → 5 %, 2 → 2×), rounded to the nearest ppm.</summary>
    public static RiskRatio FromFraction(decimal fraction) => new((long)Math.Round(fraction * One, MidpointRounding.AwayFromZero));

    /// <summary>Whether <paramref name="amount"/> ≤ this ratio × <paramref name="basis"/> (always true when unlimited; false for any positive amount when the basis is ≤ 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Allows(Money amount, Money basis) => Allows(amount.Raw, basis.Raw);

    /// <summary>Whether <paramref name="amountRaw"/> ≤ this ratio × <paramref name="basisRaw"/>, on raw fixed-point values of one scale.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Allows(long amountRaw, long basisRaw)
        => IsUnlimited || (Int128)amountRaw * One <= (Int128)basisRaw * PartsPerMillion;

    /// <summary>Whether <paramref name="amountRaw"/> ≥ this ratio × <paramref name="basisRaw"/> (a loss that has reached a threshold); never when unlimited.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsReachedBy(long amountRaw, long basisRaw)
        => !IsUnlimited && (Int128)amountRaw * One >= (Int128)basisRaw * PartsPerMillion;

    /// <summary>Whether <paramref name="fraction"/> (e.g. a drawdown from the view) has reached this ratio; never for unlimited or NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsReachedBy(double fraction) => !IsUnlimited && fraction * One >= PartsPerMillion;

    /// <inheritdoc/>
    public override string ToString() => IsUnlimited ? "unlimited" : $"{PartsPerMillion / (decimal)One}";
}
