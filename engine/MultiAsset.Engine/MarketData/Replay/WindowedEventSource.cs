using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.MarketData.Replay;

/// <summary>
/// The events of a time-ordered source within [start, end): those before <c>start</c> are read and dropped (counted
/// in <see cref="SkippedBefore"/>), and the source ends at the first event at or after <c>end</c>. A backtest's
/// <c>start</c>/<c>end</c>.
/// </summary>
public sealed class WindowedEventSource(IEventSource inner, long startNanoseconds, long endNanoseconds) : IEventSource
{
    private bool ended;

    /// <summary>Events dropped because they came before the start.</summary>
    public long SkippedBefore { get; private set; }

    /// <inheritdoc />
    public EventSourceStats Stats => inner.Stats;

    /// <inheritdoc />
    public bool TryRead(ref InputEvent evt)
    {
        while (!ended && inner.TryRead(ref evt))
        {
            if (evt.Timestamp >= endNanoseconds)
            {
                ended = true;
                return false;
            }

            if (evt.Timestamp >= startNanoseconds)
            {
                return true;
            }

            SkippedBefore++;
        }

        return false;
    }

    /// <inheritdoc />
    public void Dispose() => inner.Dispose();
}
