namespace MultiAsset.Engine.Model;

/// <summary>
/// Whether a strategy has capital to trade with (the coordination stage's <c>CapitalStatus</c> query).
/// </summary>
/// <param name="Share">Its share of the account's capital (fraction; see the capital allocator's rules).</param>
/// <param name="Capital">Account equity × share, in the account's base currency.</param>
/// <param name="CanTrade">False when the capital is zero: every target it asks for rounds to nothing.</param>
/// <param name="Reason">Why it has no capital (null when it has some).</param>
public sealed record StrategyCapitalStatus(double Share, double Capital, bool CanTrade, string? Reason);
