using System.Diagnostics;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.Pipeline;

/// <summary>
/// A built pipeline: its rings and the threads that run its stages. <see cref="Start"/> it, publish into its rings,
/// then <see cref="Stop"/> it: stop drains every published event through every stage before halting.
/// </summary>
public sealed class EnginePipeline : IDisposable
{
    private readonly List<StageThread> threads;
    private readonly List<RingRegistration> rings;
    private readonly TimeSpan drainTimeout;
    private int state; // 0 built, 1 running, 2 stopped

    internal EnginePipeline(List<StageThread> threads, List<RingRegistration> rings, TimeSpan drainTimeout, IEventExceptionHandler exceptionHandler)
    {
        this.threads = threads;
        this.rings = rings;
        this.drainTimeout = drainTimeout;
        ExceptionHandler = exceptionHandler;
    }

    /// <summary>Where handler failures are reported.</summary>
    public IEventExceptionHandler ExceptionHandler { get; }

    /// <summary>Names of the threads, in layout order.</summary>
    public IReadOnlyList<string> ThreadNames => threads.Select(t => t.Options.Name).ToList();

    /// <summary>The stages each thread runs, lead first.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> StagesByThread
        => threads.ToDictionary(t => t.Options.Name, t => (IReadOnlyList<string>)t.Members.Select(m => m.Name).ToList());

    /// <summary>Starts every thread and waits until each has called its stages' start hooks.</summary>
    public void Start()
    {
        if (Interlocked.CompareExchange(ref state, 1, 0) != 0)
        {
            throw new InvalidOperationException("The pipeline has already been started.");
        }

        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            if (!thread.WaitStarted(TimeSpan.FromSeconds(30)))
            {
                throw new InvalidOperationException($"Stage thread '{thread.Options.Name}' did not start within 30 s.");
            }
        }
    }

    /// <summary>
    /// Waits until every stage has processed everything published so far (stop the producers first), up to
    /// <paramref name="timeout"/>. Returns the stages still behind, or an empty list.
    /// </summary>
    public IReadOnlyList<string> Drain(TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        var backoff = IdleBackoff.Default;
        while (true)
        {
            // A stage catching up can publish into downstream rings, so re-check all of them until all are idle at once.
            var behind = Processors().Where(p => p.Sequence.Value < p.RingCursor).Select(p => p.Name).ToList();
            if (behind.Count == 0 || stopwatch.Elapsed >= timeout || threads.All(t => !t.IsAlive))
            {
                return behind;
            }

            backoff.Idle();
        }
    }

    /// <summary>Drains (up to the configured timeout), then halts every thread and waits for them to exit.</summary>
    public StopResult Stop()
    {
        var previous = Interlocked.Exchange(ref state, 2);
        if (previous != 1)
        {
            return new StopResult(true, [], []);
        }

        var undrained = Drain(drainTimeout);
        foreach (var thread in threads)
        {
            thread.Halt();
        }

        var stuck = threads.Where(t => !t.Join(TimeSpan.FromSeconds(10))).Select(t => t.Options.Name).ToList();
        return new StopResult(undrained.Count == 0, undrained, stuck);
    }

    /// <summary>Faults of threads that died outside any handler (bugs); empty when healthy.</summary>
    public IReadOnlyList<(string Thread, Exception Fault)> Faults
        => threads.Where(t => t.Fault is not null).Select(t => (t.Options.Name, t.Fault!)).ToList();

    /// <summary>Current counters of every stage and ring.</summary>
    public PipelineSnapshot Snapshot()
    {
        var stageSnapshots = threads
            .SelectMany(t => t.Members.Select(m => (Thread: t.Options.Name, Processor: m)))
            .Select(x =>
            {
                var sequence = x.Processor.Sequence.Value;
                return new StageSnapshot(
                    x.Processor.Name,
                    x.Thread,
                    sequence,
                    Math.Max(0, x.Processor.RingCursor - sequence),
                    x.Processor.EventsProcessed,
                    x.Processor.HandlerFailures,
                    x.Processor.InvalidEventsSkipped);
            })
            .ToList();
        var ringSnapshots = rings
            .Select(r => new RingSnapshot(
                r.Name,
                r.Options.Size,
                r.Sequencer.CursorValue,
                r.Options.Size - r.Sequencer.RemainingCapacity,
                r.Sequencer.FullRingWaits))
            .ToList();
        return new PipelineSnapshot(stageSnapshots, ringSnapshots);
    }

    private IEnumerable<IEventProcessor> Processors() => threads.SelectMany(t => t.Members);

    /// <summary>Stops the pipeline if it is running.</summary>
    public void Dispose() => Stop();
}
