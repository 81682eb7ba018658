using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultiAsset.Engine.MarketData.Replay;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Host.Backtesting;

/// <summary>
/// The backtests a running host runs for the control API: each is its own engine (<see cref="BacktestRunner"/>),
/// sharing nothing with the live desk but the machine; they run one at a time, in order, so a queue of backtests
/// takes one core from the desk at most. Results go to <c>RESULTS/ID/</c>; relative paths in a spec are relative to
/// the host's working folder. Jobs live as long as the process (the folders stay).
/// </summary>
public sealed class BacktestJobs(string resultsRoot, string baseDirectory, ILogger? logger = null) : IDisposable
{
    private readonly ConcurrentDictionary<string, BacktestJob> jobs = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim oneAtATime = new(1, 1);
    private long lastId;

    /// <summary>Where job results go (one folder per job id).</summary>
    public string ResultsRoot { get; } = Path.GetFullPath(resultsRoot);

    /// <summary>Every job, oldest first.</summary>
    public IReadOnlyList<BacktestJob> All => [.. jobs.Values.OrderBy(j => j.CreatedAt).ThenBy(j => j.Id, StringComparer.Ordinal)];

    /// <summary>The job <paramref name="id"/>, or null.</summary>
    public BacktestJob? Find(string id) => jobs.TryGetValue(id, out var job) ? job : null;

    /// <summary>
    /// Checks <paramref name="json"/> as a spec and queues it; throws <see cref="ConfigurationException"/> (every
    /// problem, with its field) when it is not a valid spec. A spec may not choose its output folder here.
    /// </summary>
    public BacktestJob Submit(string json)
    {
        var id = $"bt-{Interlocked.Increment(ref lastId)}";
        var output = Path.Combine(ResultsRoot, id);
        string? outputProblem = null;
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && document.RootElement.TryGetProperty("output", out _))
            {
                outputProblem = $"backtest: output: a backtest run by the host writes to {ResultsRoot}/ID; leave \"output\" out";
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // The reader says what is wrong with the JSON.
        }

        BacktestSpec spec;
        try
        {
            spec = BacktestSpecReader.Parse(json, "backtest", baseDirectory, id, output);
        }
        catch (ConfigurationException ex) when (outputProblem is not null)
        {
            throw new ConfigurationException([.. ex.Errors, outputProblem]);
        }

        if (outputProblem is not null)
        {
            throw new ConfigurationException(outputProblem);
        }

        var job = new BacktestJob(id, spec, DateTimeOffset.UtcNow);
        jobs[id] = job;
        _ = Task.Run(() => RunAsync(job));
        return job;
    }

    /// <summary>Cancels a queued or running job; false when it had already ended.</summary>
    public static bool Cancel(BacktestJob job) => (job ?? throw new ArgumentNullException(nameof(job))).Cancel();

    /// <summary>Cancels every job still queued or running.</summary>
    public void Dispose()
    {
        foreach (var job in jobs.Values)
        {
            job.Cancel();
        }
    }

    private async Task RunAsync(BacktestJob job)
    {
        try
        {
            await oneAtATime.WaitAsync(job.Cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Finish(job, BacktestJobStatus.Cancelled, null);
            return;
        }

        try
        {
            job.Status = BacktestJobStatus.Running;
            job.StartedAt = DateTimeOffset.UtcNow;
            job.Result = await BacktestRunner.RunAsync(job.Spec, new Progress(job), logger ?? NullLogger.Instance, job.Cancellation).ConfigureAwait(false);
            Finish(job, BacktestJobStatus.Succeeded, null);
        }
        catch (OperationCanceledException)
        {
            Finish(job, BacktestJobStatus.Cancelled, null);
        }
        catch (Exception ex) when (ex is ConfigurationException or ReplayFormatException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // What went wrong is the spec's or its data's (a message for the caller), not the host's.
            Finish(job, BacktestJobStatus.Failed, ex.Message);
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    private static void Finish(BacktestJob job, BacktestJobStatus status, string? error)
    {
        job.Error = error;
        job.FinishedAt = DateTimeOffset.UtcNow;
        job.Status = status;
    }

    /// <summary>Reports straight into the job (no synchronisation context: Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Progress(BacktestJob job) : IProgress<double>
    {
        public void Report(double value) => job.Progress = value;
    }
}
