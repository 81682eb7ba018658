using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.Pipeline;

/// <summary>
/// A thread running one stage, or several stages fused: the lead stage waits on its ring; after each of its
/// batches, the followers (fed only from inside the thread) drain what the batch produced, in dependency order.
/// </summary>
/// <remarks>
/// Fusing is how a 2-core machine runs a 5-stage pipeline without oversubscription: one thread, no hand-off
/// between cores, and each downstream handler called inline per batch.
/// </remarks>
internal sealed class StageThread
{
    private readonly IEventProcessor[] members;
    private readonly IEventExceptionHandler exceptionHandler;
    private readonly Thread thread;
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool haltRequested;
    private volatile Exception? fault;

    public StageThread(StageThreadOptions options, IEventProcessor[] members, IEventExceptionHandler exceptionHandler)
    {
        Options = options;
        this.members = members;
        this.exceptionHandler = exceptionHandler;
        thread = new Thread(Run) { Name = $"mae-{options.Name}", IsBackground = true };
    }

    public StageThreadOptions Options { get; }

    public IReadOnlyList<IEventProcessor> Members => members;

    /// <summary>An unexpected failure outside any handler that ended the thread (a bug), if any.</summary>
    public Exception? Fault => fault;

    public bool IsAlive => thread.IsAlive;

    public void Start() => thread.Start();

    public bool WaitStarted(TimeSpan timeout) => started.Task.Wait(timeout);

    /// <summary>Asks the thread to stop after its current batch and wakes it if it is waiting.</summary>
    public void Halt()
    {
        haltRequested = true;
        foreach (var member in members)
        {
            member.Barrier.Alert();
        }
    }

    public bool Join(TimeSpan timeout) => !thread.IsAlive || thread.Join(timeout);

    private void Run()
    {
        foreach (var member in members)
        {
            member.NotifyStart();
        }

        started.TrySetResult();
        try
        {
            RunLoop();
        }
        catch (Exception ex)
        {
            fault = ex;
            exceptionHandler.OnLifecycleException(ex, Options.Name, "run");
        }
        finally
        {
            foreach (var member in members)
            {
                member.NotifyShutdown();
            }
        }
    }

    private void RunLoop()
    {
        var lead = members[0];
        while (true)
        {
            var processed = lead.ProcessNextBatch();
            if (processed < 0)
            {
                if (haltRequested)
                {
                    return;
                }

                lead.Barrier.ClearAlert();
                continue;
            }

            DrainFollowers();
        }
    }

    private void DrainFollowers()
    {
        for (var i = 1; i < members.Length; i++)
        {
            while (members[i].Poll() > 0)
            {
            }
        }
    }
}
