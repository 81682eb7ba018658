namespace MultiAsset.Host.Backtesting;

/// <summary>The state of a backtest job.</summary>
public enum BacktestJobStatus
{
    /// <summary>Waiting for the job before it to finish (jobs run one at a time beside the live desk).</summary>
    Queued,

    /// <summary>Replaying.</summary>
    Running,

    /// <summary>Finished; the result is in the job and its folder.</summary>
    Succeeded,

    /// <summary>Stopped by an error (the job's <c>error</c> says what).</summary>
    Failed,

    /// <summary>Cancelled by a DELETE before it finished.</summary>
    Cancelled,
}

/// <summary>One backtest run as a job of a running host (<c>POST /api/multi-asset/backtests</c>).</summary>
public sealed class BacktestJob : IDisposable
{
    private readonly CancellationTokenSource cancel = new();
    private double progress;

    internal BacktestJob(string id, BacktestSpec spec, DateTimeOffset created)
    {
        Id = id;
        Spec = spec;
        CreatedAt = created;
    }

    /// <summary>The job's id (<c>bt-</c> + a sequence number).</summary>
    public string Id { get; }

    /// <summary>The spec it runs.</summary>
    public BacktestSpec Spec { get; }

    /// <summary>Status (changes from the job's thread; read any time).</summary>
    public BacktestJobStatus Status { get; internal set; }

    /// <summary>Share of the data replayed, 0..1.</summary>
    public double Progress
    {
        get => Volatile.Read(ref progress);
        internal set => Volatile.Write(ref progress, value);
    }

    /// <summary>When it was accepted, started and finished (wall clock).</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>When it started running.</summary>
    public DateTimeOffset? StartedAt { get; internal set; }

    /// <summary>When it ended (any way).</summary>
    public DateTimeOffset? FinishedAt { get; internal set; }

    /// <summary>Why it failed.</summary>
    public string? Error { get; internal set; }

    /// <summary>The result once succeeded.</summary>
    public BacktestResult? Result { get; internal set; }

    internal CancellationToken Cancellation => cancel.Token;

    /// <inheritdoc />
    public void Dispose() => cancel.Dispose();

    internal bool Cancel()
    {
        if (Status is BacktestJobStatus.Succeeded or BacktestJobStatus.Failed or BacktestJobStatus.Cancelled)
        {
            return false;
        }

        cancel.Cancel();
        return true;
    }
}
