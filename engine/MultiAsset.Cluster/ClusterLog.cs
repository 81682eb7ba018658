using Microsoft.Extensions.Logging;

namespace MultiAsset.Cluster;

/// <summary>The cluster's log lines.</summary>
internal static partial class ClusterLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "worker {Worker}: {Problem}; pulling again")]
    public static partial void PullFailed(ILogger logger, string worker, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "worker {Worker}: dropped a message that is not a run ({Problem})")]
    public static partial void NotARun(ILogger logger, string worker, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "worker {Worker}: progress beat failed: {Problem}")]
    public static partial void BeatFailed(ILogger logger, string worker, string problem);

    [LoggerMessage(Level = LogLevel.Debug, Message = "run {Key}: {Status} by {Worker} (delivery {Deliveries})")]
    public static partial void RunArrived(ILogger logger, string key, MultiAsset.Host.Backtesting.Sweeps.SweepRunStatus status, string worker, long deliveries);
}
