using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Pipeline;

/// <summary>
/// Watches the chained engine from its own thread, around each input event: before it reaches the first stage, and
/// after it and everything it caused went through every stage. A backtest records equity here; it must only read.
/// </summary>
public interface IChainObserver
{
    /// <summary><paramref name="evt"/> is about to enter the stages (the state is still that of the events before it).</summary>
    void BeforeEvent(in InputEvent evt);

    /// <summary>
    /// An event the engine produced itself (a simulated venue's report: ack, fill, reject) went through the input-ring
    /// stages — for a fill, the accounts stage has booked it, at the FX rates of that moment.
    /// </summary>
    void AfterFeedback(in InputEvent evt);

    /// <summary>Input <paramref name="sequence"/> and everything it caused went through every stage.</summary>
    void AfterEvent(long sequence);
}
