using MultiAsset.Engine.Backtest.Metrics;
using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Backtest.Trades;

/// <summary>A closed round trip of one strategy in one account (see <see cref="RoundTripBuilder"/> for how fills pair up).</summary>
/// <param name="Account">The account.</param>
/// <param name="Strategy">The strategy the fills were booked for.</param>
/// <param name="Trade">Times, signed quantity, values, P&amp;L and costs in the account's base currency.</param>
/// <param name="EntryPrice">Average entry price of the matched quantity, quote currency.</param>
/// <param name="ExitPrice">Average exit price of the matched quantity, quote currency.</param>
public readonly record struct RoundTrip(AccountId Account, StrategyId Strategy, ClosedTrade Trade, decimal EntryPrice, decimal ExitPrice);
