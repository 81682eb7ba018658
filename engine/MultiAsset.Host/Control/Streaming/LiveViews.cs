using System.Threading.Channels;
using MultiAsset.Control.V1;
using MultiAsset.Host.Control.Application;
using MultiAsset.Host.Control.Security;

namespace MultiAsset.Host.Control.Streaming;

/// <summary>
/// Serves the live views (<c>WatchPositions</c>, <c>WatchRisk</c>, <c>WatchFills</c>) by polling the query commands
/// through <see cref="ControlService"/> — so roles and account scope apply exactly as for the unary reads — every
/// interval, and streaming an update when the answer changed.
/// </summary>
/// <remarks>
/// Back-pressure: the poller never waits for the client. Updates go through a bounded channel of
/// <see cref="BufferSize"/> that drops the oldest when full; the next update sent carries the number dropped. The
/// engine sees one query per interval per stream whatever the client does. A query that fails after the stream started
/// (504, engine stopping) ends the stream with that status.
/// </remarks>
public sealed class LiveViews(ControlService service)
{
    /// <summary>Poll interval when the request leaves it 0.</summary>
    public const int DefaultIntervalMs = 500;

    /// <summary>Smallest poll interval accepted.</summary>
    public const int MinIntervalMs = 100;

    /// <summary>Largest poll interval accepted.</summary>
    public const int MaxIntervalMs = 60_000;

    /// <summary>Updates held for a slow client before the oldest is dropped.</summary>
    public const int BufferSize = 16;

    /// <summary>
    /// Runs one stream until <paramref name="cancellationToken"/> (the client went away) or a failed poll. Returns the
    /// problem of the first poll when it fails (nothing was sent), null otherwise; a later failure is returned too.
    /// </summary>
    public async Task<ControlProblem?> RunAsync(LiveView view, ControlCaller caller, WatchRequest request, Func<WatchUpdate, Task> send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(send);
        var interval = request.IntervalMs == 0 ? DefaultIntervalMs : request.IntervalMs;
        if (interval is < MinIntervalMs or > MaxIntervalMs)
        {
            return new ControlProblem(400, ControlProblem.TitleOf(400), $"interval_ms must be between {MinIntervalMs} and {MaxIntervalMs} (or 0 for {DefaultIntervalMs}) but is {request.IntervalMs}.", "interval_ms");
        }

        var account = request.Account.Length == 0 ? null : request.Account;
        var poller = new ViewPoller(view, caller, account, service);
        var first = await poller.PollAsync(cancellationToken).ConfigureAwait(false);
        if (first.Problem is { } problem)
        {
            return problem;
        }

        long dropped = 0;
        var channel = Channel.CreateBounded<WatchUpdate>(
            new BoundedChannelOptions(BufferSize) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true },
            _ => Interlocked.Increment(ref dropped));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = ProduceAsync(poller, first.Json, channel.Writer, TimeSpan.FromMilliseconds(interval), stop.Token);
        try
        {
            await foreach (var update in channel.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                update.Dropped = (int)Math.Min(int.MaxValue, Interlocked.Exchange(ref dropped, 0));
                await send(update).ConfigureAwait(false);
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }

        return await producer.ConfigureAwait(false);
    }

    private static async Task<ControlProblem?> ProduceAsync(ViewPoller poller, string? first, ChannelWriter<WatchUpdate> writer, TimeSpan interval, CancellationToken cancellationToken)
    {
        long sequence = 0;
        try
        {
            if (first is not null)
            {
                writer.TryWrite(Update(++sequence, first));
            }

            using var timer = new PeriodicTimer(interval);
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var polled = await poller.PollAsync(cancellationToken).ConfigureAwait(false);
                if (polled.Problem is { } problem)
                {
                    return problem;
                }

                if (polled.Json is { } json)
                {
                    writer.TryWrite(Update(++sequence, json));
                }
            }

            return null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        finally
        {
            writer.TryComplete();
        }
    }

    private static WatchUpdate Update(long sequence, string json)
        => new() { Sequence = sequence, PolledUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), Json = json };
}
