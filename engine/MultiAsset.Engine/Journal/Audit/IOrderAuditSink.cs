using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Journal.Audit;

/// <summary>
/// Where the risk and router stages report order events for the audit trail, on the engine thread, as they happen.
/// Implementations copy the facts into a preallocated record: no allocation, no blocking (see <see cref="AuditRecorder"/>).
/// </summary>
public interface IOrderAuditSink
{
    /// <summary>A new parent order reached the risk gate (before its check).</summary>
    void OrderCreated(in OrderEvent order);

    /// <summary>The gate decided on <paramref name="order"/> (its <see cref="OrderEvent.RiskVerdict"/>), with what it compared.</summary>
    void OrderChecked(in OrderEvent order, in RiskComparison comparison, long now);

    /// <summary>The router sent a child order to <paramref name="venue"/>.</summary>
    void ChildRouted(long childOrderId, AccountId account, StrategyId strategy, InstrumentId instrument, OrderSide side, OrderType type, Quantity quantity, Price limit, VenueId venue, long now);

    /// <summary>A kill switch changed (<paramref name="account"/> none = global).</summary>
    void KillSwitch(AccountId account, bool on, long now);
}
