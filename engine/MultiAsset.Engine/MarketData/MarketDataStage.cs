using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.MarketData.Feeds;
using MultiAsset.Engine.MarketData.Validation;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.MarketData;

/// <summary>
/// Stage 1 of the pipeline, on the input ring: validates each market-data event (the verdict is stamped on the event's
/// <see cref="InputEvent.Verdict"/> and rejections are counted by reason, so no later stage acts on them) and folds accepted ones into the rolling analytics that
/// strategies and the risk gate read. Allocation-free per event.
/// </summary>
public sealed class MarketDataStage : IValueEventHandler<InputEvent>, IDigestOnRequest
{
    private readonly MarketDataValidator validator;

    /// <summary>Creates the stage over a validator and the analytics it owns.</summary>
    public MarketDataStage(MarketDataValidator validator, MarketAnalytics analytics)
    {
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(analytics);
        this.validator = validator;
        Analytics = analytics;
    }

    /// <summary>Creates the stage for every instrument of <paramref name="catalog"/>, sessions from their calendars.</summary>
    public static MarketDataStage Create(InstrumentCatalog catalog, AnalyticsOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var calendars = catalog.Instruments.Select(i => i.Calendar).ToArray();
        var analytics = new MarketAnalytics(catalog.Count, options, (id, time) => calendars[id].SessionAt(time), calendars);
        return new MarketDataStage(new MarketDataValidator(InstrumentRules.FromCatalog(catalog)), analytics);
    }

    /// <summary>The analytics this stage writes (read them from stages that run after it).</summary>
    public MarketAnalytics Analytics { get; }

    /// <summary>Accepted and rejected counts by reason.</summary>
    public RejectCounters Counters { get; } = new();

    /// <inheritdoc />
    public string DigestName => "marketdata";

    /// <summary>Command and execution-report slots passed on without validation.</summary>
    public long PassedThrough => Volatile.Read(ref passedThrough);

    /// <summary>Every event the stage has seen: accepted, rejected and passed through.</summary>
    public long Processed => Counters.Accepted + Counters.Rejected + PassedThrough;

    /// <summary>Query wake-up slots seen (staged layout; not input, not in the digest).</summary>
    public long QuerySlots => Volatile.Read(ref querySlots);

    private long querySlots;

    private long passedThrough;

    /// <summary>
    /// Asks the stage to digest its state right after it processes <paramref name="sequence"/> (on its own thread, so
    /// the digest is of exactly that point even while the pipeline runs). Set before the pipeline starts.
    /// </summary>
    public void RequestDigestAt(long sequence) => digest.At(sequence);

    /// <summary>The digest requested with <see cref="RequestDigestAt"/>, once that sequence has been processed.</summary>
    public ulong? RequestedDigest => digest.Value;

    private readonly DigestRequest digest = new();

    /// <summary>
    /// Where the market stood after the last event this stage processed — the last accepted event time and every
    /// instrument's last update, mid and last price — for positioning the feeds after a journal recovery. Call it only
    /// while the stage is idle (after the recovery has drained, before the feeds start): it reads the stage's state.
    /// </summary>
    public FeedResumePoint ResumePoint()
    {
        var count = Analytics.InstrumentCount;
        var updates = new long[count];
        var mids = new long[count];
        var lasts = new long[count];
        const int kinds = (int)InputEventKind.Reference + 1;
        var accepted = new long[count * kinds];
        long lastEventTime = 0;
        for (var i = 0; i < count; i++)
        {
            var id = new InstrumentId(i);
            ref readonly var state = ref Analytics.Instrument(id);
            updates[i] = state.LastUpdate;
            mids[i] = Analytics.Mid(id).Raw;
            lasts[i] = state.Last;
            lastEventTime = Math.Max(lastEventTime, state.LastUpdate);
            for (var kind = 0; kind < kinds; kind++)
            {
                accepted[(i * kinds) + kind] = validator.LastAccepted(id, (InputEventKind)kind);
            }
        }

        return new FeedResumePoint(lastEventTime, updates, mids, lasts, accepted);
    }

    /// <inheritdoc />
    public void AppendDigest(StateDigestBuilder builder)
    {
        validator.AppendDigest(builder);
        Counters.AppendDigest(builder);
        Analytics.AppendDigest(builder);
    }

    /// <inheritdoc />
    public void OnEvent(ref InputEvent evt, long sequence, bool endOfBatch)
    {
        Process(ref evt);
        if (digest.IsDue(sequence))
        {
            digest.Take(this);
        }
    }

    private void Process(ref InputEvent evt)
    {
        if (evt.IsQuery)
        {
            // A query wake-up (staged layout only: chained, they never reach the stages) is not input: counted apart,
            // outside the digest.
            Volatile.Write(ref querySlots, querySlots + 1);
            return;
        }

        if (evt.IsCommand || evt.IsExecution)
        {
            // Commands and execution reports pass through untouched: they are for later stages, not market data to reject.
            evt.Verdict = MarketDataRejectReason.None;
            Volatile.Write(ref passedThrough, passedThrough + 1);
            return;
        }

        var reason = validator.Validate(in evt);
        evt.Verdict = reason;
        if (reason != MarketDataRejectReason.None)
        {
            Counters.CountRejected(reason);
            return;
        }

        Analytics.Update(in evt);
        Counters.CountAccepted();
    }
}
