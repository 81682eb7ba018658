using Microsoft.Extensions.Logging.Abstractions;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Host.ReplayDiff;

/// <summary>
/// One side of a replay diff: the host's engine (<see cref="EngineRuntime"/>, chained, with the simulated venues) built
/// from the side's configuration and driven on the caller's thread, event by event, as the backtest's direct replay
/// drives it — never started, no feeds, no journal, nothing leaves the process. Its own simulated venues produce the
/// reports of its own orders (as in recovery: the chained engine journals no venue report).
/// </summary>
internal sealed class ReplaySide : IDisposable
{
    private readonly EngineRuntime engine;
    private readonly IValueEventHandler<InputEvent> chain;
    private readonly CountingExceptionHandler errors = new();
    private ReplayRecorder? recorder;

    public ReplaySide(HostConfig config, IReadOnlyList<string> replaced)
    {
        Config = config.Source;
        Replaced = replaced;
        engine = EngineRuntime.Build(ReplayConfigLoader.ForReplay(config), new SimulatedClock(0), errors, NullLogger.Instance, observe: stages => recorder = new ReplayRecorder(stages));
        chain = engine.Chain as IValueEventHandler<InputEvent> ?? throw new InvalidOperationException("the chained engine is not an input-event handler");
    }

    /// <summary>Where the configuration came from.</summary>
    public string Config { get; }

    /// <summary>The files and strategies swapped in (for the report).</summary>
    public IReadOnlyList<string> Replaced { get; }

    /// <summary>What this side produced.</summary>
    public ReplayRecorder Recorder => recorder!;

    /// <summary>Exceptions the stages threw (reported, the replay goes on as on the ring).</summary>
    public long StageExceptions => errors.Count;

    /// <summary>Runs one input event (a copy: the stages may change the slot) through every stage.</summary>
    public void Run(InputEvent evt, long sequence)
    {
        try
        {
            chain.OnEvent(ref evt, sequence, endOfBatch: true);
        }
#pragma warning disable CA1031 // As the ring's batch processor: a stage's exception is counted and the replay goes on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            errors.OnEventException(ex, sequence, EngineRuntime.ChainStageName);
        }
    }

    /// <summary>Every stage's digest now, in pipeline order.</summary>
    public IReadOnlyDictionary<string, string> Digests()
    {
        var digests = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (stage, _) in engine.Stages.Digests)
        {
            digests[stage.DigestName] = StateDigest.Format(StateDigest.Of(stage));
        }

        return digests;
    }

    public void Dispose() => engine.Dispose();

    /// <summary>Counts the stages' exceptions (a replay has no log to write them to; the count is reported).</summary>
    private sealed class CountingExceptionHandler : IEventExceptionHandler
    {
        public long Count { get; private set; }

        public void OnEventException(Exception exception, long sequence, string stageName) => Count++;

        public void OnLifecycleException(Exception exception, string stageName, string phase) => Count++;
    }
}
