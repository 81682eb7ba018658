using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Portfolio.Accounts;

/// <summary>
/// Sees every fill the accounts stage applies, on its thread, right after the book booked it (so the book's marks and
/// FX rates are those the fill was booked at). A backtest records its fill list this way; live trading has none.
/// </summary>
public interface IFillObserver
{
    /// <summary>The execution report <paramref name="report"/> (type Fill) was applied to <paramref name="book"/>.</summary>
    void OnFill(in InputEvent report, AccountBook book);
}
