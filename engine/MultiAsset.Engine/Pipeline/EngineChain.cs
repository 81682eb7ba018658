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
/// <remarks>
/// Read-only queries are answered on this thread between two input events by <see cref="Queries"/>: it looks after
/// every input event (one field read) and when a <see cref="InputEventKind.Query"/> wake-up slot arrives; wake-up slots
/// never reach a business stage. The stages are given the <em>input</em> sequence — the count of non-query events,
/// which is exactly the journal's sequence — and not the ring's, so a replay (which has no wake-ups) hands every stage
/// the same numbers as the live run did, with or without the control API.
/// </remarks>
/// <typeparam name="THead">The input-ring stages for input events (market data first).</typeparam>
/// <typeparam name="TFeedbackHead">The input-ring stages for the engine's own reports (no market-data stage: they are not input).</typeparam>
public sealed class EngineChain<THead, TFeedbackHead>(THead head, TFeedbackHead feedbackHead, InputEventSource? feedback, params Action[] drains)
    : IValueEventHandler<InputEvent>, IEngineChain
    where THead : IValueEventHandler<InputEvent>
    where TFeedbackHead : IValueEventHandler<InputEvent>
{
    /// <summary>Called after an input event and everything it caused went through every stage (digest points).</summary>
    public Action<long>? AfterEvent { get; init; }

    /// <summary>Watches each input event from the engine thread (a backtest's recorder); null in live trading.</summary>
    public IChainObserver? Observer { get; init; }

    /// <summary>Answers the read-only queries between two input events; without it wake-up slots are passed over.</summary>
    public IQueryServer? Queries
    {
        get => queries;
        init
        {
            queries = value;
            inbox = value?.Inbox;
        }
    }

    private readonly IQueryServer? queries;
    private readonly Commands.QueryInbox? inbox;

    /// <summary>Query wake-up slots taken off the input ring.</summary>
    public long QuerySlots { get; private set; }

    /// <summary>Engine-produced events run through the stages.</summary>
    public long FeedbackEvents { get; private set; }

    /// <summary>
    /// The input sequence the next input event gets (0 on a fresh engine; a recovery that starts from a snapshot sets it
    /// to the snapshot's sequence + 1 before any event flows).
    /// </summary>
    public long NextInputSequence { get; set; }

    /// <inheritdoc />
    public void OnEvent(ref InputEvent evt, long sequence, bool endOfBatch)
    {
        // sequence is the ring's: queries take ring slots but no input sequence.
        if (evt.IsQuery)
        {
            QuerySlots++;
            queries?.Serve();
            return;
        }

        var input = NextInputSequence++;
        RunInput(ref evt, input, endOfBatch);
        if (inbox is { HasPending: true })
        {
            queries!.Serve();
        }
    }

    private void RunInput(ref InputEvent evt, long sequence, bool endOfBatch)
    {
        Observer?.BeforeEvent(in evt);
        head.OnEvent(ref evt, sequence, endOfBatch);
        Drain();
        if (feedback is not null)
        {
            while (feedback(out var produced))
            {
                FeedbackEvents++;
                feedbackHead.OnEvent(ref produced, sequence, true);
                Observer?.AfterFeedback(in produced);
                Drain();
            }
        }

        AfterEvent?.Invoke(sequence);
        Observer?.AfterEvent(sequence);
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
