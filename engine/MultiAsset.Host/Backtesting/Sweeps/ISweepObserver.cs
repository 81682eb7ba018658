namespace MultiAsset.Host.Backtesting.Sweeps;

/// <summary>Follows a sweep: the number of runs once known, then each run as it finishes (called from worker threads).</summary>
public interface ISweepObserver
{
    /// <summary>The sweep will make (or resume) <paramref name="runs"/> runs in all.</summary>
    void Planned(int runs);

    /// <summary>A run finished, or was found finished on disk (<see cref="SweepRunRow.Resumed"/>).</summary>
    void Completed(SweepRunRow row);
}
