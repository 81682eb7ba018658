using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Signals.StrategyTypes;

namespace MultiAsset.Engine.Signals.Stage;

/// <summary>
/// A strategy type's algorithm as the signal stage drives it: told of every accepted market-data event of its
/// instruments, it decides itself whether something it watches changed (a bar of its timeframe completed, a quote of
/// one of its legs moved) and writes signals into the stage's buffer. Allocation-free per event.
/// </summary>
public interface IStrategyAlgorithm
{
    /// <summary>The instruments whose events drive the algorithm.</summary>
    IReadOnlyList<InstrumentId> Instruments { get; }

    /// <summary>The most signals one event can produce.</summary>
    int MaxSignalsPerEvent { get; }

    /// <summary>Handles one accepted event of one of <see cref="Instruments"/>; returns the number of signals written.</summary>
    int OnEvent(ref readonly InputEvent evt, MarketAnalytics analytics, Span<StrategySignal> output);

    /// <summary>Adds the algorithm's state to the stage digest.</summary>
    void AppendDigest(StateDigestBuilder digest);

    /// <summary>
    /// A venue report (<see cref="InputEventKind.Execution"/>) attributed to the algorithm's strategy, on its way through
    /// the stage (fills, cancels, rejects of any instrument). Most algorithms decide on their own targets and ignore it.
    /// </summary>
    void OnExecution(ref readonly InputEvent evt)
    {
    }
}
