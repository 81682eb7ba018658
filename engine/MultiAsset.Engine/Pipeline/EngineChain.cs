using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.Pipeline;

/// <summary>
/// Runs the business stages as one input-ring stage, event by event: the input-ring stages in order, then whatever
/// they published into the downstream rings is drained through the downstream stages (<see cref="InlineRingConsumer{T, THandler}"/>),
/// then the events the engine produced itself (simulated venues' reports) go through the same stages, all before the
/// next input event. Every stage therefore sees the state of the stages before it exactly as of the event at hand,
/// so the output is a function of the input order alone — what crash recovery and backtests need.
/// </summary>
/// <typeparam name="THead">The input-ring stages for input events (market data first).</typeparam>
/// <typeparam name="TFeedbackHead">The input-ring stages for the engine's own reports (no market-data stage: they are not input).</typeparam>
public sealed class EngineChain<THead, TFeedbackHead>(THead head, TFeedbackHead feedbackHead, InputEventSource? feedback, params Action[] drains)
    : IValueEventHandler<InputEvent>, IInputSequenceBase
    where THead : IValueEventHandler<InputEvent>
    where TFeedbackHead : IValueEventHandler<InputEvent>
{
    /// <summary>Called after an input event and everything it caused went through every stage (digest points).</summary>
    public Action<long>? AfterEvent { get; init; }

    /// <inheritdoc />
    public long SequenceBase { get; set; }

    /// <summary>Engine-produced events run through the stages.</summary>
    public long FeedbackEvents { get; private set; }

    /// <inheritdoc />
    public void OnEvent(ref InputEvent evt, long sequence, bool endOfBatch)
    {
        sequence += SequenceBase;
        head.OnEvent(ref evt, sequence, endOfBatch);
        Drain();
        if (feedback is not null)
        {
            while (feedback(out var produced))
            {
                FeedbackEvents++;
                feedbackHead.OnEvent(ref produced, sequence, true);
                Drain();
            }
        }

        AfterEvent?.Invoke(sequence);
    }

    private void Drain()
    {
        foreach (var drain in drains)
        {
            drain();
        }
    }
}

/// <summary>Takes the next event the engine produced itself (e.g. a simulated venue's report), if any.</summary>
public delegate bool InputEventSource(out InputEvent evt);

/// <summary>
/// Where the input ring's sequence 0 lies in the journal. A fresh start or a full replay begins at 0; a recovery from a
/// snapshot of the first n records replays record n as ring sequence 0, so the stages must see n + ring sequence to
/// record the same input sequences (intents' and orders' source sequences) a full replay would.
/// </summary>
public interface IInputSequenceBase
{
    /// <summary>Added to every input-ring sequence before the stages see it; set before the pipeline starts.</summary>
    long SequenceBase { get; set; }
}
