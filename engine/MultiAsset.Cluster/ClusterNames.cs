namespace MultiAsset.Cluster;

/// <summary>
/// The JetStream assets of the distributed sweeps (docs/cluster.md): one work-queue stream, its one durable pull
/// consumer shared by every worker, a key-value bucket of results keyed by run, and an object store for data files and
/// the runs' result folders.
/// </summary>
public static class ClusterNames
{
    /// <summary>Work-queue stream: one message per run to make; a message leaves the stream when a worker acks it.</summary>
    public const string RunStream = "MAE_SWEEP_RUNS";

    /// <summary>Subject of a run's message: <c>mae.sweep.run.KEY</c>.</summary>
    public const string RunSubjectPrefix = "mae.sweep.run.";

    /// <summary>The one durable pull consumer every worker pulls from (work-queue streams allow one per subject).</summary>
    public const string WorkerConsumer = "mae-sweep-workers";

    /// <summary>Key-value bucket: KEY → the run's result record, written once (create, never put).</summary>
    public const string ResultBucket = "mae-sweep-results";

    /// <summary>Object store: <c>data/SHA256</c> the input files, <c>result/KEY/NONCE.zip</c> the runs' folders.</summary>
    public const string FileBucket = "mae-sweep-files";
}
