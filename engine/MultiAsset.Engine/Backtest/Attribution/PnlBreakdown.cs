using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Backtest.Attribution;

/// <summary>
/// P&amp;L split into its components, with costs apart. Every figure is fixed-point money and adding breakdowns is
/// exact (checked integer addition), so a parent is the sum of its children to the unit.
/// </summary>
/// <param name="Realised">Realised before costs.</param>
/// <param name="Unrealised">Unrealised.</param>
/// <param name="FxTranslation">FX translation.</param>
/// <param name="Fees">Fees paid.</param>
/// <param name="Slippage">Slippage paid.</param>
public readonly record struct PnlBreakdown(Money Realised, Money Unrealised, Money FxTranslation, Money Fees, Money Slippage)
{
    /// <summary>All zero.</summary>
    public static PnlBreakdown Zero => default;

    /// <summary>Before costs: Realised + Unrealised + FxTranslation.</summary>
    public Money Gross => Realised + Unrealised + FxTranslation;

    /// <summary>Fees + Slippage.</summary>
    public Money Costs => Fees + Slippage;

    /// <summary>Gross − Costs.</summary>
    public Money Net => Gross - Costs;

    /// <summary>Component-wise checked sum.</summary>
    /// <exception cref="OverflowException">A component leaves the fixed-point range.</exception>
    public static PnlBreakdown operator +(PnlBreakdown left, PnlBreakdown right) => new(
        left.Realised + right.Realised,
        left.Unrealised + right.Unrealised,
        left.FxTranslation + right.FxTranslation,
        left.Fees + right.Fees,
        left.Slippage + right.Slippage);

    /// <summary>Component-wise checked sum (the named form of <c>+</c>).</summary>
    public static PnlBreakdown Add(PnlBreakdown left, PnlBreakdown right) => left + right;
}
