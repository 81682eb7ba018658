using NATS.Client.Core;
using NATS.Client.JetStream;

namespace MultiAsset.Cluster;

/// <summary>
/// Retries a JetStream call through the short outages of a cluster (a node down, a stream leader being elected, a
/// reconnect): every call this is used for is idempotent (creates with the same settings, publishes deduplicated by
/// message id, reads), so a retry after an unknown outcome is safe.
/// </summary>
internal static class Retry
{
    /// <summary>Attempts before giving up (with the back-off, about a minute).</summary>
    public const int Attempts = 40;

    public static async Task<T> JetStreamAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt < Attempts && IsTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 100 * attempt)), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public static Task JetStreamAsync(Func<Task> call, CancellationToken cancellationToken)
        => JetStreamAsync(async () =>
        {
            await call().ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Timeouts, lost connections, "no responders" and JetStream's 503 (no leader yet) are worth another try; answers
    /// such as "not found", "exists" or a bad request are not (they would only be retried into a slow failure).
    /// </summary>
    public static bool IsTransient(Exception ex) => ex switch
    {
        NatsJSApiException api => api.Error.Code is 503 or 408,
        NatsNoRespondersException or NatsNoReplyException or NatsTimeoutException or TimeoutException => true,
        NatsJSApiNoResponseException or NatsJSPublishNoResponseException or NatsJSTimeoutException or NatsJSConnectionException => true,
        NatsConnectionFailedException => true,
        // The base type is what the client throws for a connection lost mid-request.
        NatsException when ex.GetType() == typeof(NatsException) || ex.GetType() == typeof(NatsJSException) => true,
        _ => false,
    };
}
