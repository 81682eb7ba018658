namespace MultiAsset.Cluster;

/// <summary>Where the cluster is and how its assets are made.</summary>
public sealed record ClusterOptions
{
    /// <summary>Server URLs, comma-separated (<c>nats://127.0.0.1:4222,nats://127.0.0.1:4223</c>); the client learns the others from the servers too.</summary>
    public required string Url { get; init; }

    /// <summary>Replicas of the stream, bucket and object store when this client creates them (3 on a three-node cluster, 1 on a single server).</summary>
    public int Replicas { get; init; } = 3;

    /// <summary>
    /// How long a run may go without an ack or a progress beat before JetStream hands it to another worker. Workers
    /// send a progress beat every third of it while they run, so only a dead or stuck worker's run is redelivered.
    /// </summary>
    public TimeSpan AckWait { get; init; } = TimeSpan.FromSeconds(30);
}
