using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.Pipeline;

/// <summary>
/// Runs the business stages as one input-ring stage, event by event: the input-ring stages in order, then whatever
/// they published into the downstream rings is drained through the downstream stages (<see cref="InlineRingConsumer{T, THandler}"/>)
/// before the next input event. Every stage therefore sees the state of the stages before it exactly as of the
/// event at hand, so the output is a function of the input order alone — what crash recovery and backtests need.
/// </summary>
/// <typeparam name="TInput">The input event.</typeparam>
/// <typeparam name="THead">The input-ring stages (e.g. a <see cref="SequentialHandler{T, TFirst, TSecond}"/>).</typeparam>
public sealed class EngineChain<TInput, THead>(THead head, params Action[] drains) : IValueEventHandler<TInput>
    where TInput : struct
    where THead : IValueEventHandler<TInput>
{
    /// <inheritdoc />
    public void OnEvent(ref TInput evt, long sequence, bool endOfBatch)
    {
        head.OnEvent(ref evt, sequence, endOfBatch);
        foreach (var drain in drains)
        {
            drain();
        }
    }
}
