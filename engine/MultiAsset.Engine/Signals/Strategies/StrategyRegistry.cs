using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Signals.Strategies;

/// <summary>
/// The documents of every strategy ever created, by <see cref="StrategyId"/>: written once by the signal stage when
/// it creates a strategy, before it publishes the <see cref="Model.Events.IntentKind.StrategyRegistered"/> intent
/// that tells later stages; read by them after they see that intent (the ring's publication orders the write before
/// the read). Documents are immutable, so sharing them shares no mutable state.
/// </summary>
public sealed class StrategyRegistry
{
    /// <summary>Most strategies one engine run can create (ids are never reused).</summary>
    public const int Capacity = 4096;

    private readonly StrategyDocument?[] documents = new StrategyDocument?[Capacity];
    private readonly AccountId[] accounts = new AccountId[Capacity];

    /// <summary>Records the document of <paramref name="id"/> (once).</summary>
    /// <exception cref="InvalidOperationException">The id is out of range or already registered.</exception>
    public void Register(StrategyId id, StrategyDocument document, AccountId account)
    {
        ArgumentNullException.ThrowIfNull(document);
        if ((uint)id.Value >= Capacity || documents[id.Value] is not null)
        {
            throw new InvalidOperationException($"Strategy id {id.Value} is out of range or already registered.");
        }

        accounts[id.Value] = account;
        Volatile.Write(ref documents[id.Value], document);
    }

    /// <summary>The document of <paramref name="id"/>, or null when none is registered.</summary>
    public StrategyDocument? Document(StrategyId id) => (uint)id.Value < Capacity ? Volatile.Read(ref documents[id.Value]) : null;

    /// <summary>The account of <paramref name="id"/> (valid once <see cref="Document"/> is not null).</summary>
    public AccountId Account(StrategyId id) => accounts[id.Value];
}
