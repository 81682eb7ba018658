using MultiAsset.Engine.MarketData.Feeds;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.MarketData.Replay;

/// <summary>
/// A replay positioned after a recovered journal: skips the leading events the journal already holds
/// (<see cref="FeedResumePoint.Covers"/>) and passes everything from the first event past the point on, unchanged.
/// </summary>
/// <remarks>
/// Skipping stops at the first event past the point, so a row that is out of order later in the file still reaches
/// the validator and is rejected there, exactly as in an uninterrupted run. Skipped rows were parsed (and counted in
/// the inner source's <see cref="Stats"/>) but are never published.
/// </remarks>
public sealed class ResumingEventSource : IEventSource
{
    private readonly IEventSource inner;
    private readonly FeedResumePoint point;
    private readonly Action<long>? passed;
    private bool skipping;
    private long skipped;

    /// <summary>Wraps <paramref name="inner"/> (not owned: the caller disposes it).</summary>
    /// <param name="inner">The replay to position.</param>
    /// <param name="point">Where the recovered journal ends.</param>
    /// <param name="passed">Called once with the number of skipped events when the first new event is read (or the data ends).</param>
    public ResumingEventSource(IEventSource inner, FeedResumePoint point, Action<long>? passed = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(point);
        this.inner = inner;
        this.point = point;
        this.passed = passed;
        skipping = !point.IsEmpty;
    }

    /// <summary>Events skipped because the journal already held them.</summary>
    public long Skipped => Volatile.Read(ref skipped);

    /// <inheritdoc />
    public EventSourceStats Stats => inner.Stats;

    /// <inheritdoc />
    public bool TryRead(ref InputEvent evt)
    {
        while (inner.TryRead(ref evt))
        {
            if (!skipping)
            {
                return true;
            }

            if (!point.Covers(in evt))
            {
                skipping = false;
                passed?.Invoke(skipped);
                return true;
            }

            Volatile.Write(ref skipped, skipped + 1);
        }

        if (skipping)
        {
            skipping = false;
            passed?.Invoke(skipped);
        }

        return false;
    }

    /// <summary>Does nothing: the inner source belongs to the caller.</summary>
    public void Dispose()
    {
    }
}
