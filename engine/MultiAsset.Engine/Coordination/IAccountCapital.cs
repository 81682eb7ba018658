using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Coordination;

/// <summary>
/// The capital of an account that its strategies size against. Called on the coordination stage's thread, per sizing
/// intent: implementations must not allocate or block, and must be deterministic functions of the events the
/// pipeline has processed (replays and backtests compare digests).
/// </summary>
public interface IAccountCapital
{
    /// <summary>The account's equity in its reporting currency; zero or less means nothing to trade with.</summary>
    Money Equity(AccountId account);
}
