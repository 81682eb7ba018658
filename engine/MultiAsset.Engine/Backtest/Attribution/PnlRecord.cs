using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Backtest.Attribution;

/// <summary>
/// One line of P&amp;L to attribute: what one strategy made on one instrument (per fill or per position), all in the
/// base currency of the account or portfolio being attributed (fixed-point, 10^-8).
/// </summary>
/// <remarks>
/// The components follow docs/pnl.md: realised is before costs; costs (fees, slippage) are positive amounts paid;
/// the net is Realised + Unrealised + FxTranslation − Fees − Slippage. Several records may share a key; they add up.
/// </remarks>
/// <param name="Strategy">Strategy name (document id); "(operator)" or similar for orders of no strategy.</param>
/// <param name="AssetClass">Asset class of the instrument.</param>
/// <param name="Instrument">Instrument symbol.</param>
/// <param name="Realised">Realised gain before costs.</param>
/// <param name="Unrealised">Unrealised P&amp;L of what is still open.</param>
/// <param name="Fees">Fees paid (a rebate is negative).</param>
/// <param name="Slippage">Slippage cost against the reference price (a price improvement is negative).</param>
/// <param name="FxTranslation">FX translation of amounts held in a non-base currency.</param>
public sealed record PnlRecord(
    string Strategy,
    AssetClass AssetClass,
    string Instrument,
    Money Realised,
    Money Unrealised,
    Money Fees,
    Money Slippage,
    Money FxTranslation)
{
    /// <summary>The components as a <see cref="PnlBreakdown"/>.</summary>
    public PnlBreakdown Breakdown => new(Realised, Unrealised, FxTranslation, Fees, Slippage);
}
