using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Coordination;

/// <summary>
/// One strategy's share of an order: orders are netted per account and instrument, so one order can carry several
/// strategies' changes (and opposing changes can cross inside the account with no order at all). The sum of a
/// strategy's allocations is its ordered position.
/// </summary>
/// <param name="OrderId">The order that carries the change; 0 when it was crossed internally (the net was zero).</param>
/// <param name="Strategy">The strategy.</param>
/// <param name="Account">Its account.</param>
/// <param name="Instrument">The instrument.</param>
/// <param name="Delta">The strategy's change (signed, whole lots).</param>
/// <param name="Timestamp">Engine time of the strategy's intent (ns since the Unix epoch).</param>
public readonly record struct OrderAllocation(long OrderId, StrategyId Strategy, AccountId Account, InstrumentId Instrument, Quantity Delta, long Timestamp);
