using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Backtest.Metrics;

/// <summary>
/// One round trip (a position opened and closed again), as the trade list of a backtest reports it.
/// All money is in the account's base currency.
/// </summary>
/// <param name="Instrument">The instrument traded (for reports; the metrics do not use it).</param>
/// <param name="EntryTimeNs">Time of the opening fill, ns since the Unix epoch UTC.</param>
/// <param name="ExitTimeNs">Time of the closing fill, ns since the Unix epoch UTC (≥ entry).</param>
/// <param name="Quantity">Signed quantity: positive for a long round trip, negative for a short one.</param>
/// <param name="EntryValue">Absolute value traded at entry (|quantity| × entry price, converted to base).</param>
/// <param name="ExitValue">Absolute value traded at exit (|quantity| × exit price, converted to base).</param>
/// <param name="Pnl">Gross P&amp;L of the round trip before costs.</param>
/// <param name="Costs">Fees plus slippage of both legs (≥ 0 for a cost, negative for a net rebate).</param>
public readonly record struct ClosedTrade(
    InstrumentId Instrument,
    long EntryTimeNs,
    long ExitTimeNs,
    Quantity Quantity,
    Money EntryValue,
    Money ExitValue,
    Money Pnl,
    Money Costs)
{
    /// <summary>P&amp;L after costs: <see cref="Pnl"/> − <see cref="Costs"/>. A trade wins when this is &gt; 0.</summary>
    public Money NetPnl => Pnl - Costs;
}
