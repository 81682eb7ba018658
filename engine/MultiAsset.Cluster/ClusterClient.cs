using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Client.KeyValueStore;
using NATS.Client.ObjectStore;
using NATS.Net;

namespace MultiAsset.Cluster;

/// <summary>
/// One connection to the cluster and the sweep's JetStream assets, created when missing (creating them again with the
/// same settings is a no-op, so every caller and worker may do it).
/// </summary>
public sealed class ClusterClient : IAsyncDisposable
{
    private ClusterClient(NatsConnection connection, INatsJSContext js, INatsKVStore results, INatsObjStore files, ClusterOptions options)
    {
        Connection = connection;
        JetStream = js;
        Results = results;
        Files = files;
        Options = options;
    }

    /// <summary>The connection (reconnects by itself to any node it knows).</summary>
    public NatsConnection Connection { get; }

    /// <summary>The JetStream context.</summary>
    public INatsJSContext JetStream { get; }

    /// <summary>The results bucket (<see cref="ClusterNames.ResultBucket"/>).</summary>
    public INatsKVStore Results { get; }

    /// <summary>The files object store (<see cref="ClusterNames.FileBucket"/>).</summary>
    public INatsObjStore Files { get; }

    /// <summary>The options it was opened with.</summary>
    public ClusterOptions Options { get; }

    /// <summary>Connects and makes sure the stream, the bucket and the object store exist.</summary>
    public static async Task<ClusterClient> ConnectAsync(ClusterOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var connection = new NatsConnection(new NatsOpts
        {
            Url = options.Url,
            Name = $"mae-{Environment.MachineName}-{Environment.ProcessId}",
            // Keep trying while a node restarts or a leader is elected; the sweep's own loops decide when to give up.
            MaxReconnectRetry = -1,
            ReconnectWaitMin = TimeSpan.FromMilliseconds(100),
            ReconnectWaitMax = TimeSpan.FromSeconds(2),
            // Short: a request lost with a dead node is retried (idempotent calls only) rather than waited on.
            RequestTimeout = TimeSpan.FromSeconds(3),
        });
        try
        {
            await connection.ConnectAsync().ConfigureAwait(false);
            var js = connection.CreateJetStreamContext();
            await Retry.JetStreamAsync(() => js.CreateOrUpdateStreamAsync(new StreamConfig(ClusterNames.RunStream, [ClusterNames.RunSubjectPrefix + ">"])
            {
                Retention = StreamConfigRetention.Workqueue,
                Storage = StreamConfigStorage.File,
                NumReplicas = options.Replicas,
                DuplicateWindow = TimeSpan.FromMinutes(2),
            }, cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false);
            var kv = connection.CreateKeyValueStoreContext();
            var results = await Retry.JetStreamAsync(() => kv.CreateOrUpdateStoreAsync(new NatsKVConfig(ClusterNames.ResultBucket)
            {
                NumberOfReplicas = options.Replicas,
                Storage = NatsKVStorageType.File,
                // More than one so a second write of a key would show (the tests count the versions); there never is one.
                History = 8,
            }, cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false);
            var obj = connection.CreateObjectStoreContext();
            var files = await Retry.JetStreamAsync(() => obj.CreateObjectStoreAsync(new NatsObjConfig(ClusterNames.FileBucket)
            {
                NumberOfReplicas = options.Replicas,
                Storage = NatsObjStorageType.File,
            }, cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false);
            return new ClusterClient(connection, js, results, files, options);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
